package dev.embedgate.usage;

/** What a budget caps: spend through one provider, on one model, or by one gateway API key. */
public enum SpendScope {
    PROVIDER, MODEL, API_KEY;

    String nameIn(UsageEntry entry) {
        return switch (this) {
            case PROVIDER -> entry.provider();
            case MODEL -> entry.model();
            case API_KEY -> entry.apiKey();
        };
    }

    public String label() {
        return switch (this) {
            case PROVIDER -> "provider";
            case MODEL -> "model";
            case API_KEY -> "API key";
        };
    }
}
