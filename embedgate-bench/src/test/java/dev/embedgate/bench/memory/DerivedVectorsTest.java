package dev.embedgate.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DerivedVectorsTest {

    @Test
    void derivesUnitVectorsThatARerunDerivesAgain() {
        float[][] corpus = randomUnitVectors(200, 16, new Random(3));

        VectorSet first = DerivedVectors.derive(corpus, 500, 50);
        VectorSet second = DerivedVectors.derive(corpus, 500, 50);

        assertThat(first.base()).hasNumberOfRows(500);
        assertThat(first.queries()).hasNumberOfRows(50);
        for (float[] vector : first.base()) {
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
        }
        assertThat(second.base()).isDeepEqualTo(first.base());
        assertThat(second.queries()).isDeepEqualTo(first.queries());
    }

    @Test
    void queriesAreMadeOnlyFromHeldOutTexts() {
        // Every 10th text is held out; make those point one way and all others the opposite way.
        float[][] corpus = new float[100][];
        for (int i = 0; i < corpus.length; i++) {
            corpus[i] = new float[] {i % DerivedVectors.HOLD_OUT_EVERY == 0 ? 1 : -1, 0, 0, 0};
        }

        VectorSet vectors = DerivedVectors.derive(corpus, 200, 20);

        for (float[] query : vectors.queries()) {
            assertThat(query[0]).isGreaterThan(0.9f);
        }
        for (float[] stored : vectors.base()) {
            assertThat(stored[0]).isLessThan(-0.9f);
        }
    }

    static float[][] randomUnitVectors(int count, int dimensions, Random random) {
        float[][] vectors = new float[count][dimensions];
        for (float[] vector : vectors) {
            for (int d = 0; d < dimensions; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            double norm = norm(vector);
            for (int d = 0; d < dimensions; d++) {
                vector[d] /= (float) norm;
            }
        }
        return vectors;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
