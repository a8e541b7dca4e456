package dev.embedgate.provider;

import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Defaults for the remote models EmbedGate knows: dimensions, token limits, what one call may carry, and list
 * prices. Configuration overrides any of them; models not listed here are configured in full.
 *
 * <p><b>Shared spaces.</b> A remote provider of {@code sentence-transformers/all-MiniLM-L6-v2} (the Hugging Face
 * router, a TEI server, Ollama's {@code all-minilm}) or of {@code BAAI/bge-small-en-v1.5} (router, TEI) serves
 * <em>the same space</em> as the built-in local model of that name: its space is taken from {@link BuiltInModels},
 * so failing over between them is allowed and keeps stored vectors comparable. This rests on an assumption about
 * the server: it runs the reference weights and pipeline (sentence-transformers' truncation, 256 tokens for MiniLM
 * and 512 for bge; mean pooling for MiniLM and CLS for bge; L2 normalisation), which TEI and the router do. The
 * provider prepends the space's prefixes (bge's query instruction) itself. A server that truncates or pools
 * otherwise serves another space and must be configured as such, with its own revision.
 *
 * <p>Other remote spaces use {@link Pooling#PROVIDER_DEFINED}, are L2-normalised, have no prefixes unless the
 * model's card requires them (nomic-embed-text's task prefixes, mxbai's query instruction), and carry a revision
 * naming where they come from ({@code api} for OpenAI and Cohere, {@code ollama}, {@code reference} for reference
 * weights served by the router or TEI).
 */
public final class RemoteModelCatalog {

    /** Revision of a space served by a provider's hosted API, which names its versions in the model name. */
    public static final String API_REVISION = "api";

    private static final ProviderLimits OPENAI_LIMITS = new ProviderLimits(2048, 8192, 300_000);
    private static final int HUGGING_FACE_BATCH = 32;
    private static final int COHERE_BATCH = 96;
    private static final int OLLAMA_BATCH = 512;

    private static final BigDecimal FREE = BigDecimal.ZERO;

    private final List<KnownModel> models;

    public RemoteModelCatalog(List<KnownModel> models) {
        this.models = List.copyOf(models);
    }

    /** The models EmbedGate ships defaults for. */
    public static RemoteModelCatalog builtIn() {
        List<LocalModelSpec> local = BuiltInModels.all(LocalModels.defaultCacheDir());
        EmbeddingSpace minilm = localSpace(local, BuiltInModels.MINILM);
        EmbeddingSpace bgeSmall = localSpace(local, BuiltInModels.BGE_SMALL);
        var models = new ArrayList<KnownModel>();

        TokenCounter cl100k = TokenCounter.cl100k();
        models.add(openAi("text-embedding-3-small", 1536, "0.02", true, cl100k));
        models.add(openAi("text-embedding-3-large", 3072, "0.13", true, cl100k));
        models.add(openAi("text-embedding-ada-002", 1536, "0.10", false, cl100k));

        for (ProviderKind kind : List.of(ProviderKind.HUGGINGFACE, ProviderKind.TEI)) {
            models.add(huggingFace(kind, BuiltInModels.MINILM, List.of("all-MiniLM-L6-v2"), minilm));
            models.add(huggingFace(kind, BuiltInModels.BGE_SMALL, List.of("bge-small-en-v1.5"), bgeSmall));
            models.add(huggingFace(kind, "sentence-transformers/all-mpnet-base-v2", List.of("all-mpnet-base-v2"),
                    new EmbeddingSpace("sentence-transformers/all-mpnet-base-v2", "reference", 768, Pooling.MEAN, true,
                            384, "", "")));
            models.add(huggingFace(kind, "BAAI/bge-base-en-v1.5", List.of("bge-base-en-v1.5"),
                    new EmbeddingSpace("BAAI/bge-base-en-v1.5", "reference", 768, Pooling.CLS, true, 512,
                            BuiltInModels.BGE_QUERY_INSTRUCTION, "")));
        }

        models.add(cohere("embed-english-v3.0", 1024, 512, "0.10"));
        models.add(cohere("embed-english-light-v3.0", 384, 512, "0.10"));
        models.add(cohere("embed-multilingual-v3.0", 1024, 512, "0.10"));
        models.add(cohere("embed-multilingual-light-v3.0", 384, 512, "0.10"));
        models.add(cohere("embed-v4.0", 1536, 128_000, "0.12"));

        models.add(ollama("nomic-embed-text", List.of("nomic-embed-text:latest", "nomic-embed-text:v1.5"),
                new EmbeddingSpace("nomic-embed-text", "ollama", 768, Pooling.PROVIDER_DEFINED, true, 2048,
                        "search_query: ", "search_document: ")));
        models.add(ollama("mxbai-embed-large", List.of("mxbai-embed-large:latest", "mxbai-embed-large:335m"),
                new EmbeddingSpace("mxbai-embed-large", "ollama", 1024, Pooling.PROVIDER_DEFINED, true, 512,
                        BuiltInModels.BGE_QUERY_INSTRUCTION, "")));
        models.add(ollama("all-minilm", List.of("all-minilm:latest", "all-minilm:22m", "all-minilm:l6-v2"), minilm));
        return new RemoteModelCatalog(models);
    }

    /** The model this provider kind serves by default when the environment selects it. */
    public static String defaultModel(ProviderKind kind) {
        return switch (kind) {
            case OPENAI -> "text-embedding-3-small";
            case HUGGINGFACE, TEI, LOCAL -> BuiltInModels.MINILM;
            case COHERE -> "embed-english-v3.0";
            case OLLAMA -> "nomic-embed-text";
            case HASH -> throw new IllegalArgumentException("the hash provider is never a default");
        };
    }

    /**
     * A space for a remote model the catalog does not list: provider-defined pooling, L2-normalised, no prefixes.
     *
     * @param revision where the weights come from, e.g. {@code api}, or a server's model revision
     */
    public static EmbeddingSpace remoteSpace(String model, String revision, int dimensions, int maxTokens) {
        return new EmbeddingSpace(model, revision, dimensions, Pooling.PROVIDER_DEFINED, true, maxTokens, "", "");
    }

    public List<KnownModel> models() {
        return models;
    }

    /** The known model this provider kind serves under this name or alias (ignoring case). */
    public Optional<KnownModel> find(ProviderKind provider, String name) {
        return models.stream().filter(model -> model.provider() == provider && model.isNamed(name)).findFirst();
    }

    /** @throws IllegalArgumentException naming the models known for that provider */
    public KnownModel require(ProviderKind provider, String name) {
        return find(provider, name).orElseThrow(() -> new IllegalArgumentException("no defaults are known for "
                + provider.configName() + " model '" + name + "'; known: " + models.stream()
                        .filter(model -> model.provider() == provider).map(KnownModel::name)
                        .collect(Collectors.joining(", "))
                + ". Configure its dimensions and token limit explicitly"));
    }

    private static EmbeddingSpace localSpace(List<LocalModelSpec> local, String name) {
        return local.stream().filter(spec -> spec.name().equals(name)).findFirst().orElseThrow().space();
    }

    private static KnownModel openAi(String name, int dimensions, String price, boolean shortenable, TokenCounter counter) {
        var space = new EmbeddingSpace(name, API_REVISION, dimensions, Pooling.PROVIDER_DEFINED, true,
                OPENAI_LIMITS.maxTokensPerInput(), "", "");
        return new KnownModel(ProviderKind.OPENAI, name, List.of(), space, OPENAI_LIMITS, new BigDecimal(price),
                shortenable, counter);
    }

    private static KnownModel huggingFace(ProviderKind kind, String name, List<String> aliases, EmbeddingSpace space) {
        var limits = new ProviderLimits(HUGGING_FACE_BATCH, space.maxTokens(), HUGGING_FACE_BATCH * space.maxTokens());
        return new KnownModel(kind, name, aliases, space, limits, FREE, false, TokenCounter.estimate());
    }

    private static KnownModel cohere(String name, int dimensions, int maxTokens, String price) {
        var space = new EmbeddingSpace(name, API_REVISION, dimensions, Pooling.PROVIDER_DEFINED, true, maxTokens, "", "");
        var limits = new ProviderLimits(COHERE_BATCH, maxTokens, (int) Math.min(Integer.MAX_VALUE, (long) COHERE_BATCH * maxTokens));
        return new KnownModel(ProviderKind.COHERE, name, List.of(), space, limits, new BigDecimal(price), false,
                TokenCounter.estimate());
    }

    private static KnownModel ollama(String name, List<String> aliases, EmbeddingSpace space) {
        var limits = new ProviderLimits(OLLAMA_BATCH, space.maxTokens(), OLLAMA_BATCH * space.maxTokens());
        return new KnownModel(ProviderKind.OLLAMA, name, aliases, space, limits, FREE, false, TokenCounter.estimate());
    }
}
