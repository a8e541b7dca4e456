package dev.embedgate.testkit.wire;

import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import java.util.List;

/** A readable embedding request, in a provider's own terms; each dialect has its own record. */
public interface EmbedCall {

    /** The texts to embed, in order. */
    List<String> texts();

    /** Tokens the inputs cost, for the provider's limits and rate-limit buckets. */
    default long tokens() {
        return SimpleTokenCounter.count(texts());
    }

    /** Whether the inputs came as token ids (OpenAI's pre-tokenized form), which the texts are decoded from. */
    default boolean sentAsTokenIds() {
        return false;
    }

    /** Whether over-long texts are cut rather than refused. */
    default boolean truncate() {
        return true;
    }

    /** When cutting a synthetic model's text, keep its end rather than its start. */
    default boolean keepEnd() {
        return false;
    }

    /** Fewer dimensions than the model's own, or 0. */
    default int dimensions() {
        return 0;
    }

    /** Whether the caller asked to wait for a loading model rather than be told to come back. */
    default boolean waitsForModel() {
        return false;
    }
}
