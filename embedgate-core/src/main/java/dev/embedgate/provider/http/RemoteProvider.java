package dev.embedgate.provider.http;

import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.DimensionOptions;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.space.EmbeddingSpace;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every remote provider shares: its name, the {@link RemoteModel} it serves (space, limits, token counter),
 * the {@link ProviderHttpClient} to its endpoint with the URI and headers every call is posted with, and validation
 * of each answer. A subclass writes only its wire
 * format, in {@link #embed}. A remote provider is always ready and has nothing to load ahead: a server loads its
 * model itself, and a warm-up call to a paid API would be billed. Thread-safe when the subclass is.
 */
public abstract class RemoteProvider implements EmbeddingProvider {

    private final String name;
    private final RemoteModel model;
    private final ProviderHttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final AnswerValidator validator = new AnswerValidator();
    private final boolean hasApiKey;
    /** False for a provider made by {@link #withDimensions}: the connections are the one it was made from's. */
    private final boolean ownsConnections;

    /**
     * A provider posting to {@code path} under the endpoint, with {@link #bearerHeaders} and the standard mapping
     * of non-2xx answers.
     */
    protected RemoteProvider(String name, RemoteModel model, RemoteEndpoint endpoint, String path) {
        this(name, model, endpoint, endpoint.resolve(path, null), bearerHeaders(endpoint), ErrorAnswer::toException);
    }

    /**
     * @param uri         where every call is posted
     * @param headers     sent with every call (credentials among them)
     * @param errorMapper reads the endpoint's non-2xx answers (see {@link ProviderHttpClient.ErrorMapper})
     */
    protected RemoteProvider(String name, RemoteModel model, RemoteEndpoint endpoint, URI uri,
            Map<String, String> headers, ProviderHttpClient.ErrorMapper errorMapper) {
        this.name = name;
        this.model = model;
        this.http = new ProviderHttpClient(name, endpoint, errorMapper);
        this.hasApiKey = endpoint.key().isPresent();
        this.uri = uri;
        this.headers = headers;
        this.ownsConnections = true;
    }

    /** The provider {@code full} answering for {@code model} (another length of its model), over its connections. */
    protected RemoteProvider(RemoteProvider full, RemoteModel model) {
        this.name = full.name;
        this.model = model;
        this.http = full.http;
        this.hasApiKey = full.hasApiKey;
        this.uri = full.uri;
        this.headers = full.headers;
        this.ownsConnections = false;
    }

    /** {@code Authorization: Bearer <key>} when the endpoint has a key; no headers otherwise. */
    protected static Map<String, String> bearerHeaders(RemoteEndpoint endpoint) {
        return endpoint.key().map(key -> Map.of("Authorization", "Bearer " + key.reveal())).orElse(Map.of());
    }

    @Override
    public BigDecimal usdPerMillionTokens() {
        return model.usdPerMillionTokens();
    }

    /** The model this provider serves. */
    protected final RemoteModel model() {
        return model;
    }

    /** Posts a JSON body and returns the answer the reader makes of it, once validated against the texts sent. */
    protected final ProviderResponse post(byte[] body, List<String> texts,
            ProviderHttpClient.AnswerReader<ProviderResponse> reader) {
        return validated(http.postJson(uri, headers, body, reader), texts.size());
    }

    /** Posts a JSON body and returns what the reader makes of the answer, unvalidated. */
    protected final <T> T postRaw(byte[] body, ProviderHttpClient.AnswerReader<T> reader) {
        return http.postJson(uri, headers, body, reader);
    }

    /** The response, once {@link AnswerValidator} accepts it as one vector of the space per input. */
    protected final ProviderResponse validated(ProviderResponse response, int expectedCount) {
        validator.validate(response, expectedCount, this);
        return response;
    }

    @Override
    public DimensionOptions dimensionOptions() {
        return model.dimensionOptions();
    }

    @Override
    public final Optional<EmbeddingProvider> withDimensions(int dimensions) {
        if (dimensions == space().dimensions()) {
            return Optional.of(this);
        }
        return model.dimensionOptions().allows(dimensions) ? reshaped(model.withDimensions(dimensions)) : Optional.empty();
    }

    /**
     * This provider for its model at another length that the model answers with, over the same connections (see
     * {@link #RemoteProvider(RemoteProvider, RemoteModel)}): kinds that ask their server for a length override it;
     * the others cannot, and stay empty.
     */
    protected Optional<EmbeddingProvider> reshaped(RemoteModel otherLength) {
        return Optional.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EmbeddingSpace space() {
        return model.space();
    }

    @Override
    public ProviderLimits limits() {
        return model.limits();
    }

    @Override
    public int countTokens(String text) {
        return model.tokenCounter().count(text);
    }

    @Override
    public boolean ready() {
        return true;
    }

    /** Whether the endpoint accepts a TCP connection now: a probe that no provider bills, unlike an embedding call. */
    @Override
    public boolean reachable() {
        return Reachability.accepts(uri);
    }

    @Override
    public boolean hasApiKey() {
        return hasApiKey;
    }

    /** Nothing to load ahead; the connection opens on the first call. */
    @Override
    public void warmUp() {
    }

    @Override
    public void close() {
        if (ownsConnections) {
            http.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
