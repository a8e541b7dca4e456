package dev.embedgate.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactNeighboursTest {

    @TempDir
    Path workDir;

    @Test
    void findsTheNeighboursASortOfEveryScoreFindsAndReadsThemBackFromItsCache() {
        var random = new Random(5);
        var vectors = new VectorSet(DerivedVectorsTest.randomUnitVectors(2_000, 24, random),
                DerivedVectorsTest.randomUnitVectors(30, 24, random));
        var log = new ByteArrayOutputStream();
        var exact = new ExactNeighbours(workDir, new PrintStream(log, true, StandardCharsets.UTF_8));

        int[][] computed = exact.of(vectors, 10);
        int[][] cached = exact.of(vectors, 10);

        for (int q = 0; q < vectors.queries().length; q++) {
            float[] query = vectors.queries()[q];
            int[] sorted = IntStream.range(0, vectors.base().length).boxed()
                    .sorted(Comparator.comparingDouble(i -> -dot(query, vectors.base()[i])))
                    .limit(10).mapToInt(Integer::intValue).toArray();
            assertThat(computed[q]).containsExactly(sorted);
        }
        assertThat(cached).isDeepEqualTo(computed);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("read from");
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
