package dev.embedgate.error;

/** A provider could not produce valid vectors (it failed, or returned something that is not a valid answer). */
public final class ProviderFailureException extends EmbedGateException {

    private final String provider;

    public ProviderFailureException(String provider, String message, Throwable cause) {
        super("provider '" + provider + "' failed: " + message, cause);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
