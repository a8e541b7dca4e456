package dev.embedgate.provider.local;

import dev.embedgate.error.OverloadedException;
import java.time.Duration;

/**
 * What a local model's queue has admitted, waiting and running, in texts and tokens, and whether one more call fits:
 * the whole queue's capacity; {@link #BULK_SHARE} of it for calls larger than one batch, so that the rest is kept for
 * small calls; the background share for background calls. A call larger than its whole allowance is still admitted
 * when nothing of its kind is queued. A refusal says when to come back, from the speed batches have been running at.
 * Thread-safe.
 */
final class QueueAdmission {

    /** The part of either capacity that calls larger than one batch may hold; the rest waits for small calls. */
    static final double BULK_SHARE = 0.75;
    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    private final InferenceSettings settings;
    private int texts;
    private long tokens;
    private int backgroundTexts;
    private long backgroundTokens;
    private int bulkTexts;
    private long bulkTokens;
    /** Tokens per second one worker gets through, smoothed over recent batches; 0 before the first. */
    private double tokensPerSecondPerWorker;

    QueueAdmission(InferenceSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes room for a call or refuses it.
     *
     * @throws OverloadedException if it does not fit (nothing is taken then)
     */
    synchronized void admit(int callTexts, long callTokens, boolean background, boolean bulk) {
        if (texts + callTexts > settings.queueCapacity()) {
            throw refusal("the local inference queue is full (" + settings.queueCapacity() + " texts)");
        }
        long tokenCapacity = settings.queueTokens();
        if (tokens > 0 && tokens + callTokens > tokenCapacity) {
            throw refusal("the local inference queue is full (" + tokenCapacity + " tokens)");
        }
        long bulkTokenShare = (long) (tokenCapacity * BULK_SHARE);
        int bulkTextShare = (int) (settings.queueCapacity() * BULK_SHARE);
        if (bulk && bulkTexts > 0 && (bulkTokens + callTokens > bulkTokenShare || bulkTexts + callTexts > bulkTextShare)) {
            throw refusal("large requests hold their whole share of the local inference queue (" + bulkTokenShare
                    + " tokens, " + bulkTextShare + " texts)");
        }
        if (background && backgroundTexts > 0 && (backgroundTexts + callTexts > settings.backgroundQueueCapacity()
                || backgroundTokens + callTokens > settings.backgroundQueueTokens())) {
            throw refusal("background work holds its whole share of the local inference queue");
        }
        texts += callTexts;
        tokens += callTokens;
        if (bulk) {
            bulkTexts += callTexts;
            bulkTokens += callTokens;
        }
        if (background) {
            backgroundTexts += callTexts;
            backgroundTokens += callTokens;
        }
    }

    /** Gives back one text's room, once it has run, failed or been cancelled. */
    synchronized void release(int textTokens, boolean background, boolean bulk) {
        texts--;
        tokens -= textTokens;
        if (bulk) {
            bulkTexts--;
            bulkTokens -= textTokens;
        }
        if (background) {
            backgroundTexts--;
            backgroundTokens -= textTokens;
        }
    }

    /** Notes how fast a batch run beside others went, for the next refusal's {@code Retry-After}. */
    synchronized void noteSpeed(long batchTokens, long nanos) {
        double tokensPerSecond = batchTokens * 1e9 / Math.max(1, nanos);
        tokensPerSecondPerWorker = tokensPerSecondPerWorker == 0 ? tokensPerSecond
                : 0.9 * tokensPerSecondPerWorker + 0.1 * tokensPerSecond;
    }

    /** A refusal that says when to come back: when the work admitted so far should be done. */
    private OverloadedException refusal(String reason) {
        Duration retryAfter = MAX_RETRY_AFTER;
        if (tokensPerSecondPerWorker > 0) {
            retryAfter = Duration.ofMillis((long) (tokens / (tokensPerSecondPerWorker * settings.workers()) * 1000));
        }
        retryAfter = retryAfter.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER
                : retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        return new OverloadedException(reason + "; retry in " + retryAfter.toSeconds() + " s or send fewer texts at once",
                retryAfter);
    }
}
