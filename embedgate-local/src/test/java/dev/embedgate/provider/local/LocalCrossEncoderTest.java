package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cross-encoder on a real ONNX Runtime session and a real BERT tokenizer, with tiny graphs of a cross-encoder's
 * exact contract whose logits count or sum the document segment's tokens: so each score is predicted from the
 * tokenizer's own encoding of the document, and proves what the model was fed.
 */
class LocalCrossEncoderTest {

    private static final String QUERY = "what is the capital of France?";

    @TempDir
    Path temp;

    @Test
    void scoresCountTheDocumentSegmentsTokensAndNeverTheQuerys() throws IOException {
        List<String> documents = List.of("Paris is the capital and largest city of France.", "Berlin", "");
        try (var encoder = open(TinyCrossEncoders.countingDocumentTokens(1, 0), CrossEncoderOptions.defaults())) {
            RerankResponse shortQuery = encoder.rerank(new RerankRequest("capital?", documents, true));
            RerankResponse longQuery = encoder.rerank(new RerankRequest(QUERY, documents, true));

            // Type 1 covers the document's tokens and its closing [SEP]; the query's segment is type 0.
            List<Double> expected = documents.stream().map(text -> (double) documentTokens(text) + 1).toList();
            assertThat(shortQuery.scores()).isEqualTo(expected);
            assertThat(longQuery.scores()).isEqualTo(expected);
            // [CLS] query [SEP] document [SEP], for every pair.
            assertThat(longQuery.inputTokens()).isEqualTo(documents.stream()
                    .mapToLong(text -> documentTokens(QUERY) + documentTokens(text) + 3).sum());
        }
    }

    @Test
    void theDocumentSegmentHoldsTheTokenizersOwnIdsForTheDocument() throws IOException {
        List<String> documents = List.of("The Eiffel Tower is in Paris.", "Unbelievably, tokenization works.", "¿Qué?");
        try (var encoder = open(TinyCrossEncoders.summingDocumentIds(), CrossEncoderOptions.defaults())) {
            List<Double> scores = encoder.rerank(new RerankRequest(QUERY, documents, true)).scores();

            for (int i = 0; i < documents.size(); i++) {
                long[] alone = TestModels.tokenize(documents.get(i));
                // The document's tokens and [SEP] (102): its encoding alone without [CLS].
                long expected = Arrays.stream(alone).sum() - alone[0];
                assertThat(scores.get(i)).as(documents.get(i)).isEqualTo((double) expected);
            }
        }
    }

    @Test
    void scoresAreTheSigmoidOfTheLogitUnlessRawScoresAreAskedForOrTheActivationIsNone() throws IOException {
        List<String> documents = List.of("one", "one two three four five six seven eight");
        byte[] graph = TinyCrossEncoders.countingDocumentTokens(0.5f, -3);
        try (var sigmoid = open(graph, CrossEncoderOptions.defaults());
             var none = open(graph, CrossEncoderOptions.defaults().withActivation(CrossEncoderOptions.Activation.NONE))) {
            List<Double> logits = documents.stream().map(text -> 0.5 * (documentTokens(text) + 1) - 3).toList();

            assertThat(sigmoid.rerank(new RerankRequest(QUERY, documents, true)).scores()).isEqualTo(logits);
            List<Double> scores = sigmoid.rerank(new RerankRequest(QUERY, documents)).scores();
            for (int i = 0; i < documents.size(); i++) {
                assertThat(scores.get(i)).isCloseTo(1 / (1 + Math.exp(-logits.get(i))), within(1e-9));
            }
            assertThat(scores.get(0)).isLessThan(0.5);
            assertThat(scores.get(1)).isGreaterThan(0.5);
            assertThat(none.rerank(new RerankRequest(QUERY, documents)).scores()).isEqualTo(logits);
        }
    }

    @Test
    void aTwoLabelModelScoresLabelOneMinusLabelZero() throws IOException {
        List<String> documents = List.of("Paris", "Paris is in France");
        try (var encoder = open(TinyCrossEncoders.twoLabelsCountingDocumentTokens(), TinyCrossEncoders.TWO_LABEL_CONFIG,
                CrossEncoderOptions.defaults())) {
            assertThat(encoder.rerank(new RerankRequest(QUERY, documents, true)).scores())
                    .isEqualTo(documents.stream().map(text -> 2.0 * (documentTokens(text) + 1)).toList());
        }
    }

    @Test
    void aGraphWithoutTokenTypesIsNotFedThem() throws IOException {
        List<String> documents = List.of("Paris", "Paris is in France");
        try (var encoder = open(TinyCrossEncoders.countingAllTokensWithoutTokenTypes(), CrossEncoderOptions.defaults())) {
            RerankResponse response = encoder.rerank(new RerankRequest(QUERY, documents, true));

            assertThat(response.scores()).isEqualTo(documents.stream()
                    .map(text -> (double) documentTokens(QUERY) + documentTokens(text) + 3).toList());
            assertThat(response.scores().stream().mapToDouble(Double::doubleValue).sum())
                    .isEqualTo((double) response.inputTokens());
        }
    }

    @Test
    void aLongDocumentIsCutToTheLimitSoItsScoreSaturates() throws IOException {
        String longer = words(3000);
        String longest = words(6000);
        try (var atModelLimit = open(TinyCrossEncoders.countingDocumentTokens(1, 0), CrossEncoderOptions.defaults());
             var at64 = open(TinyCrossEncoders.countingDocumentTokens(1, 0), CrossEncoderOptions.defaults().withMaxLength(64))) {
            assertThat(atModelLimit.maxLength()).isEqualTo(512);
            int query = documentTokens(QUERY);

            RerankResponse full = atModelLimit.rerank(new RerankRequest(QUERY, List.of(longer, longest, "Paris"), true));
            assertThat(full.scores()).containsExactly(512.0 - 3 - query + 1, 512.0 - 3 - query + 1, 2.0);
            assertThat(full.inputTokens()).isEqualTo(512 + 512 + query + 1 + 3);
            assertThat(at64.rerank(new RerankRequest(QUERY, List.of(longer, longest), true)).scores())
                    .containsExactly(64.0 - 3 - query + 1, 64.0 - 3 - query + 1);
        }
    }

    @Test
    void aLongQueryKeepsAtMostHalfTheLengthAndLeavesTheRestToTheDocument() throws IOException {
        String query = words(100);
        try (var encoder = open(TinyCrossEncoders.countingDocumentTokens(1, 0), CrossEncoderOptions.defaults().withMaxLength(64))) {
            // At 64 tokens the query keeps 30 (64 / 2 - 2): every one of words()'s words is one token.
            RerankResponse response = encoder.rerank(new RerankRequest(query, List.of(words(100), "Paris"), true));

            assertThat(response.scores()).containsExactly(64.0 - 3 - 30 + 1, 2.0);
            assertThat(response.inputTokens()).isEqualTo(64 + (30 + 1 + 3));
        }
    }

    @Test
    void requestsLargerThanABatchScoreAsTheirDocumentsDoOneByOne() throws IOException {
        List<String> documents = TestModels.corpusTexts(5, 120, 70);
        try (var encoder = open(TinyCrossEncoders.summingDocumentIds(), CrossEncoderOptions.defaults().withThreads(1))) {
            assertThat(encoder.maxDocumentsPerCall()).isEqualTo(32);
            List<Double> together = encoder.rerank(new RerankRequest(QUERY, documents, true)).scores();
            BatchCounts afterTogether = encoder.batchCounts();

            List<Double> oneByOne = documents.stream()
                    .map(text -> encoder.rerank(new RerankRequest(QUERY, List.of(text), true)).scores().getFirst())
                    .toList();
            assertThat(together).isEqualTo(oneByOne);
            assertThat(afterTogether.texts()).isEqualTo(70);
            assertThat(afterTogether.batches()).isBetween(3L, 69L);
        }
    }

    @Test
    void concurrentCallersEachGetTheirOwnDocumentsScores() throws Exception {
        List<String> corpus = TestModels.corpusTexts(5, 60, 120);
        try (var encoder = open(TinyCrossEncoders.summingDocumentIds(), CrossEncoderOptions.defaults().withBatchSize(8));
             var pool = Executors.newFixedThreadPool(8)) {
            var runs = new ArrayList<Future<?>>();
            for (int caller = 0; caller < 8; caller++) {
                int first = caller * 15;
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        List<String> documents = new ArrayList<>(corpus.subList(first, first + 5 + round));
                        Collections.rotate(documents, round);
                        List<Double> scores = encoder.rerank(new RerankRequest(QUERY + round, documents, true)).scores();
                        assertThat(scores).isEqualTo(documents.stream().map(LocalCrossEncoderTest::documentIdSum).toList());
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        }
    }

    @Test
    void closingWhileCallsRunLetsTheRunningFinishAndFailsTheRestAsUnavailable() throws Exception {
        List<String> documents = TestModels.corpusTexts(100, 250, 40);
        var encoder = open(TinyCrossEncoders.summingDocumentIds(), CrossEncoderOptions.defaults().withThreads(2));
        var started = new CountDownLatch(4);
        var unavailable = new AtomicInteger();
        var completed = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var runs = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    started.countDown();
                    for (int round = 0; round < 1_000_000; round++) {
                        try {
                            assertThat(encoder.rerank(new RerankRequest(QUERY, documents, true)).scores()).hasSize(40);
                            completed.incrementAndGet();
                        } catch (ProviderCallException e) {
                            assertThat(e.kind()).isEqualTo(ProviderCallException.Kind.UNAVAILABLE);
                            unavailable.incrementAndGet();
                            return null;
                        }
                    }
                    return null;
                }));
            }
            started.await();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (completed.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // closes once calls are running, however slow the machine
            }
            encoder.close();
            for (Future<?> run : runs) {
                run.get();
            }
        }
        assertThat(completed).as("calls done before the close").hasPositiveValue();
        assertThat(unavailable).as("callers refused once it closed").hasValue(4);
        assertThat(encoder.ready()).isFalse();
        assertThatThrownBy(() -> encoder.rerank(new RerankRequest(QUERY, List.of("Paris"))))
                .isInstanceOfSatisfying(ProviderCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderCallException.Kind.UNAVAILABLE));
        encoder.close();
    }

    @Test
    void aFailedInferenceIsAServerErrorNamingTheProvider() throws IOException {
        try (var encoder = open(TinyCrossEncoders.answeringPerToken(), CrossEncoderOptions.defaults())) {
            assertThatThrownBy(() -> encoder.rerank(new RerankRequest(QUERY, List.of("Paris", "Lyon"))))
                    .isInstanceOfSatisfying(ProviderCallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderCallException.Kind.SERVER_ERROR);
                        assertThat(e.provider()).isEqualTo("local/test/tiny-cross-encoder");
                        assertThat(e.getMessage()).contains("logits of shape");
                    });
        }
    }

    @Test
    void anEmptyRequestScoresNothing() throws IOException {
        try (var encoder = open(TinyCrossEncoders.countingDocumentTokens(1, 0), CrossEncoderOptions.defaults())) {
            assertThat(encoder.rerank(new RerankRequest(QUERY, List.of()))).isEqualTo(new RerankResponse(List.of(), 0));
            assertThat(encoder.countTokens(QUERY)).isEqualTo(documentTokens(QUERY) + 2);
            assertThat(encoder.rawScores()).isTrue();
        }
    }

    private LocalCrossEncoder open(byte[] graph, CrossEncoderOptions options) throws IOException {
        return open(graph, TinyCrossEncoders.CONFIG, options);
    }

    private LocalCrossEncoder open(byte[] graph, String config, CrossEncoderOptions options) throws IOException {
        return LocalCrossEncoder.open(TinyCrossEncoders.directory(temp, graph, config), "test/tiny-cross-encoder", options);
    }

    /** The document's WordPiece tokens, without [CLS] and [SEP]. */
    private static int documentTokens(String text) {
        return TestModels.tokenCount(text) - 2;
    }

    private static double documentIdSum(String text) {
        long[] ids = TestModels.tokenize(text);
        return Arrays.stream(ids).sum() - ids[0];
    }

    /** {@code count} words of one WordPiece token each. */
    private static String words(int count) {
        List<String> vocabulary = List.of("city", "river", "house", "garden", "music", "water", "light", "stone");
        return String.join(" ", IntStream.range(0, count).mapToObj(i -> vocabulary.get(i % vocabulary.size())).toList());
    }
}
