package dev.embedgate.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryLoadTest {

    /** Answers query i with the indexes in {@code answers[i]}. */
    private record Canned(int[][] answers) implements RecallTarget {
        @Override
        public String name() {
            return "canned";
        }

        @Override
        public int[] nearest(float[] query, int k) {
            return answers[(int) query[0]];
        }

        @Override
        public void close() {
        }
    }

    @Test
    void recallIsTheShareOfExactNeighboursFoundInAnyOrder() {
        float[][] queries = {{0}, {1}};
        int[][] exact = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        var target = new Canned(new int[][] {{4, 3, 2, 1}, {5, 9, 10}});

        assertThat(QueryLoad.recall(target, queries, exact, 4)).isEqualTo(5.0 / 8);
    }

    @Test
    void queriesPerSecondIsWhatTheClientsTogetherGetAnswered() {
        var slow = new RecallTarget() {
            @Override
            public String name() {
                return "10 ms per query";
            }

            @Override
            public int[] nearest(float[] query, int k) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new int[] {0};
            }

            @Override
            public void close() {
            }
        };

        double perSecond = QueryLoad.queriesPerSecond(slow, new float[][] {{0}}, 1, 2, 500);

        // Two clients, each query at least 10 ms: at most 200/s, and well above one client's 100/s.
        assertThat(perSecond).isBetween(120.0, 200.0);
    }
}
