package dev.embedgate.bench.bulk;

/**
 * One timed run of one case.
 *
 * @param round  0-based measured round
 * @param texts  texts embedded
 * @param tokens WordPiece tokens read, [CLS]/[SEP] included, after truncation (EmbedGate's count for these texts)
 * @param nanos  wall-clock time of the whole run
 */
public record BulkRun(String system, MiniLmVariant variant, int maxTokens, int round, int texts, long tokens, long nanos) {

    public double seconds() {
        return nanos / 1e9;
    }

    public double textsPerSecond() {
        return texts / seconds();
    }

    public double tokensPerSecond() {
        return tokens / seconds();
    }

    public boolean isCase(String system, MiniLmVariant variant, int maxTokens) {
        return this.system.equals(system) && this.variant == variant && this.maxTokens == maxTokens;
    }
}
