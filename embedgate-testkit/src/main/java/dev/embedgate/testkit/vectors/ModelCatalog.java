package dev.embedgate.testkit.vectors;

import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.testkit.Route;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which model names each route serves. all-MiniLM-L6-v2 and bge-small-en-v1.5 are served with real vectors by the
 * local ONNX model; every other name gets deterministic synthetic vectors of its real dimensions. Names are matched
 * case-insensitively; Ollama names may carry a {@code :latest} tag.
 */
public final class ModelCatalog {

    public static final ServedModel MINILM = ServedModel.local(BuiltInModels.MINILM, 384, 256);
    public static final ServedModel BGE_SMALL = ServedModel.local(BuiltInModels.BGE_SMALL, 384, 512);

    private static final Map<Route, Map<String, ServedModel>> BY_ROUTE = build();

    private ModelCatalog() {
    }

    /** The model this route serves under this name, if any. */
    public static Optional<ServedModel> find(Route route, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (route == Route.OLLAMA && key.endsWith(":latest")) {
            key = key.substring(0, key.length() - ":latest".length());
        }
        return Optional.ofNullable(BY_ROUTE.get(route).get(key));
    }

    /** The names a route serves, for error messages and docs. */
    public static Map<String, ServedModel> served(Route route) {
        return BY_ROUTE.get(route);
    }

    /** The one model the TEI route serves (a TEI server runs one model, whatever a request names). */
    public static ServedModel teiModel() {
        return MINILM;
    }

    private static Map<Route, Map<String, ServedModel>> build() {
        var byRoute = new EnumMap<Route, Map<String, ServedModel>>(Route.class);

        var openai = new LinkedHashMap<String, ServedModel>();
        put(openai, ServedModel.synthetic("text-embedding-3-small", 1536, 8192).asShortenable());
        put(openai, ServedModel.synthetic("text-embedding-3-large", 3072, 8192).asShortenable());
        put(openai, ServedModel.synthetic("text-embedding-ada-002", 1536, 8192));
        byRoute.put(Route.OPENAI, openai);

        var huggingFace = localModels();
        put(huggingFace, ServedModel.synthetic("nomic-ai/nomic-embed-text-v1.5", 768, 8192));
        put(huggingFace, ServedModel.synthetic("mixedbread-ai/mxbai-embed-large-v1", 1024, 512));
        byRoute.put(Route.HUGGINGFACE, huggingFace);

        var tei = new LinkedHashMap<String, ServedModel>();
        put(tei, MINILM);
        byRoute.put(Route.TEI, tei);

        var cohere = localModels();
        put(cohere, ServedModel.synthetic("embed-english-v3.0", 1024, 512));
        put(cohere, ServedModel.synthetic("embed-english-light-v3.0", 384, 512));
        put(cohere, ServedModel.synthetic("embed-multilingual-v3.0", 1024, 512));
        put(cohere, ServedModel.synthetic("embed-multilingual-light-v3.0", 384, 512));
        put(cohere, ServedModel.synthetic("embed-v4.0", 1536, 128_000).withOutputDimensions(List.of(256, 512, 1024, 1536)));
        byRoute.put(Route.COHERE, cohere);

        var ollama = localModels();
        ollama.put("all-minilm", MINILM);
        ollama.put("all-minilm:l6-v2", MINILM);
        put(ollama, ServedModel.synthetic("nomic-embed-text", 768, 8192));
        put(ollama, ServedModel.synthetic("mxbai-embed-large", 1024, 512));
        byRoute.put(Route.OLLAMA, ollama);
        return byRoute;
    }

    private static LinkedHashMap<String, ServedModel> localModels() {
        var models = new LinkedHashMap<String, ServedModel>();
        put(models, MINILM);
        models.put("all-minilm-l6-v2", MINILM);
        put(models, BGE_SMALL);
        models.put("bge-small-en-v1.5", BGE_SMALL);
        return models;
    }

    private static void put(Map<String, ServedModel> models, ServedModel model) {
        models.put(model.id().toLowerCase(Locale.ROOT), model);
    }
}
