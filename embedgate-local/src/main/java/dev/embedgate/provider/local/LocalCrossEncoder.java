package dev.embedgate.provider.local;

import dev.embedgate.call.Priority;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cross-encoder reranker running in-process on ONNX Runtime, such as the ONNX export of
 * {@code cross-encoder/ms-marco-MiniLM-L6-v2}: each (query, document) pair is read together and scored for relevance.
 *
 * <p>Pairs are tokenized on the caller's thread ({@link TextTokenizer#tokenizePairs}: the tokenizer's own pair
 * template and token types; the query keeps at most half the length, the document the rest), then batched with
 * other callers' pairs by a bounded {@link BatchScheduler} (at most {@link CrossEncoderOptions#batchSize()} pairs and
 * {@link CrossEncoderOptions#maxBatchTokens()} padded tokens per inference call; a full queue refuses at once).
 * A score is the sigmoid of the pair's relevance logit ({@link CrossEncoderOptions.Activation}), or the logit itself
 * when the request asks for raw scores; {@code inputTokens} counts the tokens of every pair as the model read them.
 *
 * <p>Thread-safe. Failures are {@link ProviderCallException}s a route can fail over from: a full queue is
 * {@link Kind#OVERLOADED}, a closed model {@link Kind#UNAVAILABLE}, a failed inference {@link Kind#SERVER_ERROR}, a
 * passed deadline {@link Kind#TIMEOUT}. {@link #close()} may run while calls do: it waits for the running batches and
 * tokenizations, and the calls still waiting fail as {@link Kind#UNAVAILABLE}.
 */
public final class LocalCrossEncoder implements RerankProvider {

    private static final Logger log = LoggerFactory.getLogger(LocalCrossEncoder.class);

    private final String model;
    private final CrossEncoderOptions options;
    private final int maxLength;
    private final TextTokenizer tokenizer;
    private final CrossEncoderSession session;
    private final BatchScheduler<TokenizedPair> scheduler;
    private volatile boolean closed;

    private LocalCrossEncoder(String model, CrossEncoderOptions options, int maxLength, TextTokenizer tokenizer,
                              CrossEncoderSession session) {
        this.model = model;
        this.options = options;
        this.maxLength = maxLength;
        this.tokenizer = tokenizer;
        this.session = session;
        this.scheduler = new BatchScheduler<>(shortName(model), (batch, alone) -> session.relevance(batch),
                TokenizedPair::length, options.inferenceSettings());
    }

    /**
     * Loads a cross-encoder from a directory holding {@code model.onnx} (or {@code onnx/model.onnx}),
     * {@code tokenizer.json} and {@code config.json}, and checks that its graph takes and answers what a
     * cross-encoder does (see {@link CrossEncoderSession}).
     *
     * @param name    the model's name, e.g. {@code cross-encoder/ms-marco-MiniLM-L6-v2}; the provider is
     *                {@code local/<name>}
     * @throws IOException              if a file is missing or unreadable, or the graph is not a cross-encoder's;
     *                                  the message names the directory and what is missing
     * @throws IllegalArgumentException if {@code options.maxLength()} exceeds the model's limit
     */
    public static LocalCrossEncoder open(Path directory, String name, CrossEncoderOptions options) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        long start = System.nanoTime();
        CrossEncoderDirectory files = CrossEncoderDirectory.read(directory);
        int maxLength = options.maxLength() == CrossEncoderOptions.MODEL_LIMIT ? files.maxPositions() : options.maxLength();
        if (maxLength > files.maxPositions()) {
            throw new IllegalArgumentException("maxLength " + maxLength + " is more than the " + files.maxPositions()
                    + " tokens the cross-encoder in " + directory + " reads");
        }
        TextTokenizer tokenizer;
        try (InputStream json = Files.newInputStream(files.tokenizerFile())) {
            tokenizer = new TextTokenizer(json, maxLength);
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + files.tokenizerFile() + ": " + e.getMessage(), e);
        }
        CrossEncoderSession session;
        try {
            session = new CrossEncoderSession(files, 1);
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        var encoder = new LocalCrossEncoder(name, options, maxLength, tokenizer, session);
        log.info("loaded cross-encoder {} from {} in {} ms ({} pairs of up to {} tokens per call, {} thread(s))",
                name, directory, (System.nanoTime() - start) / 1_000_000, options.batchSize(), maxLength,
                options.threads());
        return encoder;
    }

    @Override
    public String name() {
        return "local/" + model;
    }

    @Override
    public String model() {
        return model;
    }

    /** Most tokens of one pair, special tokens included. */
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int maxDocumentsPerCall() {
        return options.batchSize();
    }

    @Override
    public boolean rawScores() {
        return true;
    }

    /** The tokens the model's own tokenizer makes of the text alone, special tokens included, cut at the limit. */
    @Override
    public int countTokens(String text) {
        return tokenized(() -> tokenizer.tokenize(List.of(text))).getFirst().length();
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        if (closed) {
            throw ScheduledInference.failure(name(), Kind.UNAVAILABLE, "the model has been closed", null);
        }
        if (request.documents().isEmpty()) {
            return new RerankResponse(List.of(), 0);
        }
        List<TokenizedPair> pairs = tokenized(() -> tokenizer.tokenizePairs(request.query(), request.documents()));
        long tokens = 0;
        for (TokenizedPair pair : pairs) {
            tokens += pair.length();
        }
        List<float[]> logits = ScheduledInference.run(name(), scheduler, pairs, Priority.ONLINE);
        boolean sigmoid = !request.rawScores() && options.activation() == CrossEncoderOptions.Activation.SIGMOID;
        var scores = new ArrayList<Double>(logits.size());
        for (float[] logit : logits) {
            scores.add(sigmoid ? 1 / (1 + Math.exp(-logit[0])) : logit[0]);
        }
        return new RerankResponse(scores, tokens);
    }

    private <T> T tokenized(Supplier<T> tokenization) {
        try {
            return tokenization.get();
        } catch (IllegalStateException e) {
            throw ScheduledInference.failure(name(), Kind.UNAVAILABLE, "the model was closed while this request was "
                    + "tokenized", e);
        }
    }

    /** Inference calls run and pairs scored in them so far. */
    public BatchCounts batchCounts() {
        return scheduler.counts();
    }

    @Override
    public boolean ready() {
        return !closed;
    }

    /**
     * Stops the model: pairs still queued fail as {@link Kind#UNAVAILABLE}; the running batches and tokenizations
     * finish first, since freeing the native session or tokenizer under them would crash the JVM.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        session.close();
        tokenizer.close();
    }

    private static String shortName(String model) {
        return "xenc-" + model.substring(model.lastIndexOf('/') + 1);
    }
}
