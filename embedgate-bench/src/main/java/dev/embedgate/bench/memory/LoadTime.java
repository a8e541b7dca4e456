package dev.embedgate.bench.memory;

/**
 * How long a system took to take the recall benchmark's vectors.
 *
 * @param system       what the report calls it
 * @param storeSeconds storing the vectors (with the index kept up to date, where the system builds it as it goes)
 * @param indexSeconds building the index afterwards; NaN when the system builds it while storing
 */
public record LoadTime(String system, int vectors, double storeSeconds, double indexSeconds) {

    public double totalSeconds() {
        return storeSeconds + (Double.isNaN(indexSeconds) ? 0 : indexSeconds);
    }
}
