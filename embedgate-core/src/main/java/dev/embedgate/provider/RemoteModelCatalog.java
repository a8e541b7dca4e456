package dev.embedgate.provider;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Defaults for the remote models EmbedGate knows: dimensions, token limits, what one call may carry, and list
 * prices. Configuration overrides any of them; models not listed here are configured in full.
 *
 * <p>Each provider plug-in contributes the models of its kind ({@link ProviderPlugin#knownModels()}).
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

    private final List<KnownModel> models;

    public RemoteModelCatalog(List<KnownModel> models) {
        this.models = List.copyOf(models);
    }

    /** The models every discovered provider plug-in ships defaults for. */
    public static RemoteModelCatalog builtIn() {
        return ProviderPlugins.discovered().catalog();
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
    public Optional<KnownModel> find(String kind, String name) {
        return models.stream().filter(model -> model.kind().equals(kind) && model.isNamed(name)).findFirst();
    }

    /** @throws IllegalArgumentException naming the models known for that provider kind */
    public KnownModel require(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new IllegalArgumentException("no defaults are known for "
                + kind + " model '" + name + "'; known: " + models.stream()
                        .filter(model -> model.kind().equals(kind)).map(KnownModel::name)
                        .collect(Collectors.joining(", "))
                + ". Configure its dimensions and token limit explicitly"));
    }
}
