package dev.embedgate.provider;

/**
 * What one call to a provider may carry; the batch planner splits requests to fit.
 *
 * @param maxInputsPerRequest most texts in one call
 * @param maxTokensPerInput   longest text, in the provider's tokens
 * @param maxTokensPerRequest most tokens in one call, all texts together
 */
public record ProviderLimits(int maxInputsPerRequest, int maxTokensPerInput, int maxTokensPerRequest) {

    public ProviderLimits {
        if (maxInputsPerRequest <= 0 || maxTokensPerInput <= 0 || maxTokensPerRequest <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxInputsPerRequest + ", "
                    + maxTokensPerInput + ", " + maxTokensPerRequest);
        }
    }
}
