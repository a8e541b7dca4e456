package dev.embedgate.provider.http;

import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What every remote reranker shares: its name, the {@link RerankModel} it scores with, the
 * {@link ProviderHttpClient} to its endpoint with the URI and headers every call is posted with, and the token
 * estimate used when an answer reports none. A subclass writes only its wire format, in {@link #rerank}; its reader
 * collects scores through {@link dev.embedgate.rerank.RerankScores}, so that every kind refuses a missing, repeated
 * or out-of-range index, a wrong count or a non-finite score as {@code INVALID_RESPONSE}. Thread-safe when the
 * subclass is.
 */
public abstract class RemoteRerankProvider implements RerankProvider {

    private static final int REACHABILITY_TIMEOUT_MILLIS = 1_000;

    private final String name;
    private final RerankModel model;
    private final ProviderHttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final boolean hasApiKey;

    /** A reranker posting to {@code path} under the endpoint, with {@link RemoteProvider#bearerHeaders}. */
    protected RemoteRerankProvider(String name, RerankModel model, RemoteEndpoint endpoint, String path) {
        this(name, model, endpoint, endpoint.resolve(path, null), RemoteProvider.bearerHeaders(endpoint),
                ErrorAnswer::toException);
    }

    /**
     * @param uri         where every call is posted
     * @param headers     sent with every call (credentials among them)
     * @param errorMapper reads the endpoint's non-2xx answers
     */
    protected RemoteRerankProvider(String name, RerankModel model, RemoteEndpoint endpoint, URI uri,
            Map<String, String> headers, ProviderHttpClient.ErrorMapper errorMapper) {
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        this.http = new ProviderHttpClient(name, endpoint, errorMapper);
        this.uri = uri;
        this.headers = Map.copyOf(headers);
        this.hasApiKey = endpoint.key().isPresent();
    }

    /** Posts a JSON body and returns what the reader makes of the 2xx answer. */
    protected final RerankResponse post(byte[] body, ProviderHttpClient.AnswerReader<RerankResponse> reader) {
        return http.postJson(uri, headers, body, reader);
    }

    /** Scores in request order, with the tokens the answer reported, or the estimate when it reported none (-1). */
    protected final RerankResponse response(double[] scores, long reportedTokens, RerankRequest request) {
        return new RerankResponse(Arrays.stream(scores).boxed().toList(),
                reportedTokens >= 0 ? reportedTokens : estimatedTokens(request));
    }

    /** The query counted once per document (a cross-encoder reads each pair), plus every document. */
    protected final long estimatedTokens(RerankRequest request) {
        long query = countTokens(request.query());
        long tokens = 0;
        for (String document : request.documents()) {
            tokens += query + countTokens(document);
        }
        return tokens;
    }

    /** The model's wire name. */
    protected final String wireModel() {
        return model.wireName();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return model.wireName();
    }

    @Override
    public int maxDocumentsPerCall() {
        return model.maxDocumentsPerCall();
    }

    @Override
    public boolean ready() {
        return true;
    }

    /** Whether the endpoint accepts a TCP connection now: a probe no provider bills. */
    @Override
    public boolean reachable() {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), REACHABILITY_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean hasApiKey() {
        return hasApiKey;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
