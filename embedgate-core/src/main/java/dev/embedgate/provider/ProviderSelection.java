package dev.embedgate.provider;

/**
 * Which provider serves the default model, chosen from the environment, and why.
 *
 * @param kind   the provider kind
 * @param model  the default model for it ({@link RemoteModelCatalog#defaultModel})
 * @param reason a sentence for start-up output, e.g. "EMBEDDING_PROVIDER is auto and OPENAI_API_KEY is set"
 */
public record ProviderSelection(ProviderKind kind, String model, String reason) {
}
