package dev.embedgate.server.config;

import dev.embedgate.limits.RateLimit;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.resilience.ResiliencePolicy;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A provider declared in configuration. Keys never live in the file: {@code apiKeyEnv} names the environment
 * variable that holds it.
 *
 * @param name       how routes refer to it (unique)
 * @param kind       openai | huggingface | tei | cohere | ollama | local | hash
 * @param model      the provider's model name (for local: a built-in or directory model name)
 * @param baseUrl    endpoint; unset: the conventional environment variable, else the provider's public URL
 * @param apiKeyEnv  environment variable holding the key; unset: the conventional one for the kind
 * @param dimensions requested dimensions (text-embedding-3 shortening; the hash provider's length); unset: native
 * @param maxTokens  for a model the catalog does not know: its input limit
 * @param rateLimit  client-side budget; unset: unlimited
 * @param limits     what one call may carry (maxInputsPerRequest, maxTokensPerInput, maxTokensPerRequest);
 *                   unset: the catalog's figures for the model
 * @param timeoutMillis  per-attempt timeout; unset: 30 s
 * @param deadlineMillis overall time per call, retries and rate-limit waits included; unset: 60 s
 * @param usdPerMillionTokens what the provider charges (US dollars per million input tokens); unset: the catalog's
 *                   list price for the model, or 0 for a model it does not know
 */
public record ProviderConfig(String name, String kind, String model, String baseUrl, String apiKeyEnv, Integer dimensions,
                             Integer maxTokens, RateLimit rateLimit, ProviderLimits limits, Integer timeoutMillis,
                             Integer deadlineMillis, BigDecimal usdPerMillionTokens) {

    public ProviderConfig {
        ConfigChecks.require(name != null && !name.isBlank(), "providers[].name", "is required");
        ConfigChecks.require(kind != null, "providers[" + name + "].kind",
                "is required: openai, huggingface, tei, cohere, ollama, local or hash");
        ConfigChecks.require(model != null || "hash".equals(kind), "providers[" + name + "].model", "is required");
        ConfigChecks.require(dimensions == null || dimensions > 0, "providers[" + name + "].dimensions", "must be positive");
        ConfigChecks.require(timeoutMillis == null || timeoutMillis > 0, "providers[" + name + "].timeoutMillis",
                "must be positive");
        ConfigChecks.require(deadlineMillis == null || deadlineMillis > 0, "providers[" + name + "].deadlineMillis",
                "must be positive");
        ConfigChecks.require(usdPerMillionTokens == null || usdPerMillionTokens.signum() >= 0,
                "providers[" + name + "].usdPerMillionTokens", "cannot be negative");
        rateLimit = rateLimit == null ? RateLimit.UNLIMITED : rateLimit;
    }

    ResiliencePolicy resilience() {
        return deadlineMillis == null ? ResiliencePolicy.DEFAULT
                : ResiliencePolicy.DEFAULT.withDeadline(Duration.ofMillis(deadlineMillis));
    }
}
