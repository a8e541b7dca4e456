package dev.embedgate.bench.memory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The true k nearest stored vectors of every query, by exact cosine similarity over all of them (the vectors are
 * unit length, so the dot product), on every core; cached under the work folder, keyed by a hash of the vectors.
 * What recall@k is measured against.
 */
final class ExactNeighbours {

    private final Path workDir;
    private final PrintStream progress;

    ExactNeighbours(Path workDir, PrintStream progress) {
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Per query, the indexes of its {@code k} nearest base vectors, nearest first. */
    int[][] of(VectorSet vectors, int k) {
        Path file = workDir.resolve("exact-" + k + "-" + fingerprint(vectors) + ".i32");
        int[][] cached = MatrixFile.readInts(file);
        if (cached != null && cached.length == vectors.queries().length) {
            progress.printf("memory   exact neighbours read from %s%n", file);
            return cached;
        }
        long start = System.nanoTime();
        int[][] nearest = compute(vectors, k);
        MatrixFile.writeInts(file, nearest);
        progress.printf("memory   exact %d nearest of %,d queries over %,d vectors in %.1f s, cached in %s%n", k,
                vectors.queries().length, vectors.base().length, (System.nanoTime() - start) / 1e9, file);
        return nearest;
    }

    private static int[][] compute(VectorSet vectors, int k) {
        float[][] queries = vectors.queries();
        int[][] nearest = new int[queries.length][];
        var next = new AtomicInteger();
        int threads = Runtime.getRuntime().availableProcessors();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var workers = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int q; (q = next.getAndIncrement()) < queries.length; ) {
                        nearest[q] = topK(queries[q], vectors.base(), k);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("exact search failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return nearest;
    }

    /** The k largest dot products, kept in a small sorted array (k is small). */
    static int[] topK(float[] query, float[][] base, int k) {
        int[] ids = new int[k];
        float[] scores = new float[k];
        Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        Arrays.fill(ids, -1);
        for (int i = 0; i < base.length; i++) {
            float score = dot(query, base[i]);
            if (score > scores[k - 1]) {
                int at = k - 1;
                while (at > 0 && scores[at - 1] < score) {
                    scores[at] = scores[at - 1];
                    ids[at] = ids[at - 1];
                    at--;
                }
                scores[at] = score;
                ids[at] = i;
            }
        }
        return ids;
    }

    /** Four accumulators, so that the additions do not wait on one another. */
    private static float dot(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static String fingerprint(VectorSet vectors) {
        long hash = 17;
        for (float[][] matrix : new float[][][] {vectors.base(), vectors.queries()}) {
            hash = hash * 31 + matrix.length;
            for (float[] row : matrix) {
                hash = hash * 1_000_003 + Arrays.hashCode(row);
            }
        }
        return Long.toHexString(hash);
    }
}
