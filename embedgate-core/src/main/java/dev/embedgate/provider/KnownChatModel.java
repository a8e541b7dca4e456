package dev.embedgate.provider;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A chat model EmbedGate knows the list price of, as one provider kind serves it.
 *
 * @param kind                      the provider kind serving it
 * @param name                      the provider's name for it
 * @param usdPerMillionInputTokens  US dollars per million prompt tokens
 * @param usdPerMillionOutputTokens US dollars per million generated tokens
 */
public record KnownChatModel(String kind, String name, BigDecimal usdPerMillionInputTokens,
                             BigDecimal usdPerMillionOutputTokens) {

    public KnownChatModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usdPerMillionInputTokens, "usdPerMillionInputTokens");
        Objects.requireNonNull(usdPerMillionOutputTokens, "usdPerMillionOutputTokens");
    }
}
