package dev.embedgate.server.config;

import dev.embedgate.limits.RateLimit;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.call.ResiliencePolicy;
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
 * @param usdPerMillionOutputTokens what it charges per million generated tokens (chat); unset: 0
 * @param usdPerRequest  what it charges per call, whatever it carries (some rerank and hosted APIs); unset: 0
 * @param backgroundShare the part of this provider's rate limit background work may use; unset:
 *                   {@code rateLimits.backgroundShare}
 * @param resilience retries and circuit breaker; unset fields keep their defaults
 */
public record ProviderConfig(String name, String kind, String model, String baseUrl, String apiKeyEnv, Integer dimensions,
                             Integer maxTokens, RateLimit rateLimit, ProviderLimits limits, Integer timeoutMillis,
                             Integer deadlineMillis, BigDecimal usdPerMillionTokens,
                             BigDecimal usdPerMillionOutputTokens, BigDecimal usdPerRequest, Double backgroundShare,
                             ResilienceConfig resilience) {

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
        ConfigChecks.require(usdPerMillionOutputTokens == null || usdPerMillionOutputTokens.signum() >= 0,
                "providers[" + name + "].usdPerMillionOutputTokens", "cannot be negative");
        ConfigChecks.require(usdPerRequest == null || usdPerRequest.signum() >= 0,
                "providers[" + name + "].usdPerRequest", "cannot be negative");
        usdPerMillionOutputTokens = usdPerMillionOutputTokens == null ? BigDecimal.ZERO : usdPerMillionOutputTokens;
        usdPerRequest = usdPerRequest == null ? BigDecimal.ZERO : usdPerRequest;
        ConfigChecks.require(backgroundShare == null || backgroundShare > 0 && backgroundShare <= 1,
                "providers[" + name + "].backgroundShare", "must be more than 0 and at most 1");
        rateLimit = rateLimit == null ? RateLimit.UNLIMITED : rateLimit;
        resilience = resilience == null ? ResilienceConfig.DEFAULT : resilience;
    }

    /** The retry, breaker and deadline settings of this provider's call path. */
    ResiliencePolicy policy() {
        return resilience.toPolicy("providers[" + name + "].resilience",
                deadlineMillis == null ? null : Duration.ofMillis(deadlineMillis));
    }
}
