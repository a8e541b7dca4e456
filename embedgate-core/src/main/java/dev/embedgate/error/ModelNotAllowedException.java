package dev.embedgate.error;

/** The caller's gateway API key may not use the requested model. */
public final class ModelNotAllowedException extends EmbedGateException {

    public ModelNotAllowedException(String model, String apiKeyId) {
        super("the API key '" + apiKeyId + "' may not use model '" + model + "'; ask for a key that allows it", null);
    }
}
