package dev.embedgate.error;

import java.util.Collection;

/** The requested model name is not configured. */
public final class ModelNotFoundException extends EmbedGateException {

    public ModelNotFoundException(String model, Collection<String> configured) {
        super("model '" + model + "' is not configured; configured models: " + String.join(", ", configured), null);
    }

    /** A model this gateway could serve but cannot here, with why and how to get it. */
    public ModelNotFoundException(String model, Collection<String> configured, String why) {
        super("model '" + model + "' is not served here: " + why + "; configured models: "
                + (configured.isEmpty() ? "none" : String.join(", ", configured)), null);
    }
}
