package dev.embedgate.error;

import java.util.Collection;

/** The requested model name is not configured. */
public final class ModelNotFoundException extends EmbedGateException {

    public ModelNotFoundException(String model, Collection<String> configured) {
        super("model '" + model + "' is not configured; configured models: " + String.join(", ", configured), null);
    }
}
