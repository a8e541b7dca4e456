package dev.embedgate.provider;

/**
 * Which provider serves the default model, chosen from the environment, and why.
 *
 * @param kind   the provider kind ({@link ProviderPlugin#kind()}), or {@link #LOCAL} for the in-process model
 * @param model  the default model for it ({@link ProviderPlugin#defaultModel()})
 * @param reason a sentence for start-up output, e.g. "EMBEDDING_PROVIDER is auto and OPENAI_API_KEY is set"
 */
public record ProviderSelection(String kind, String model, String reason) {

    /** The in-process model: not a plug-in, always there. */
    public static final String LOCAL = "local";

    /** Whether the in-process model was chosen. */
    public boolean local() {
        return LOCAL.equals(kind);
    }
}
