package dev.embedgate.embedding;

import dev.embedgate.provider.ProviderLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Splits texts into provider calls that fit the provider's limits: at most so many texts, and at most so many
 * tokens, per call. Calls keep input order; each lists the input positions it carries.
 */
final class BatchPlanner {

    /** One provider call: the positions (in the request) of the texts it carries. */
    record Batch(int[] positions) {
    }

    /** @param tokens the tokens of the input at a position */
    List<Batch> plan(int[] positions, ProviderLimits limits, IntUnaryOperator tokens) {
        if (positions.length == 1) {
            // One text is one call whatever its tokens: skip counting them (a BPE pass per request otherwise).
            return List.of(new Batch(positions.clone()));
        }
        var batches = new ArrayList<Batch>();
        int start = 0;
        long batchTokens = 0;
        for (int i = 0; i < positions.length; i++) {
            int textTokens = Math.min(tokens.applyAsInt(positions[i]), limits.maxTokensPerInput());
            boolean full = i - start == limits.maxInputsPerRequest()
                    || i > start && batchTokens + textTokens > limits.maxTokensPerRequest();
            if (full) {
                batches.add(new Batch(Arrays.copyOfRange(positions, start, i)));
                start = i;
                batchTokens = 0;
            }
            batchTokens += textTokens;
        }
        if (start < positions.length) {
            batches.add(new Batch(Arrays.copyOfRange(positions, start, positions.length)));
        }
        return batches;
    }
}
