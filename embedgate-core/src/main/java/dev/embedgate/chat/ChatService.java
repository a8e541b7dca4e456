package dev.embedgate.chat;

import dev.embedgate.call.Cancellation;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.Priority;
import dev.embedgate.call.ProvidersFailed;
import dev.embedgate.embedding.Caller;
import dev.embedgate.error.BudgetExceededException;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.ModelNotAllowedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.usage.BudgetGuard;
import dev.embedgate.usage.UsageEvent;
import dev.embedgate.usage.UsageRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chat completions through the provider machinery: the caller's key and budgets, then each provider of the model in
 * turn through its call path (rate limit, breaker, retries), then the model's fallback models. A provider is failed
 * over only while nothing of its answer has reached the caller; once a part has, a failure ends the answer with a
 * {@link ProviderFailureException} and nothing of another model is ever spliced onto it. Input and output tokens go
 * to the ledger per model, provider and key, a broken stream's included; each provider call, each failover and each
 * stream's time to its first token go to the metrics. Thread-safe.
 */
public final class ChatService {

    private final ChatRoutes routes;
    private final ChatDeadlines deadlines;
    private final BudgetGuard budgets;
    private final UsageRecorder usage;
    private final GatewayMetrics metrics;

    /**
     * @param deadlines the first-token deadline among them also bounds each provider's wait before its call (rate
     *                  limit, backoff)
     */
    public ChatService(ChatRoutes routes, ChatDeadlines deadlines, BudgetGuard budgets, UsageRecorder usage,
                       GatewayMetrics metrics) {
        this.routes = routes;
        this.deadlines = deadlines;
        this.budgets = budgets;
        this.usage = usage;
        this.metrics = metrics;
    }

    public ChatRoutes routes() {
        return routes;
    }

    /**
     * Answers whole.
     *
     * @throws EmbedGateException what the caller is told: unknown or forbidden model, budget spent, every provider
     *                            failed (with its kind), cancelled
     */
    public ChatAnswer complete(String model, ChatRequest request, Caller caller) {
        return serve(model, request, caller, null);
    }

    /**
     * Streams the answer to {@code listener} as it is generated, then returns it whole. The listener's first call is
     * the moment after which no failover happens; an exception it throws (the caller went away: a
     * {@link RequestCancelledException}) cancels the upstream call and is rethrown.
     *
     * @throws ProviderFailureException after the first part, when the provider's stream broke
     */
    public ChatAnswer stream(String model, ChatRequest request, Caller caller, ChatStreamListener listener) {
        return serve(model, request, caller, Objects.requireNonNull(listener, "listener"));
    }

    private ChatAnswer serve(String model, ChatRequest request, Caller caller, ChatStreamListener listener) {
        ChatRoute asked = routes.resolve(model);
        if (!caller.mayUse(asked.name(), asked.aliases())) {
            throw new ModelNotAllowedException(model, caller.apiKeyId());
        }
        budgets.checkRequest(asked.name(), caller);
        long start = System.nanoTime();
        var failures = new ArrayList<ProviderCallException>();
        BudgetExceededException spent = null;
        for (ChatRoute route : candidates(asked, caller)) {
            List<Guarded<ChatProvider>> providers;
            try {
                if (route != asked) {
                    budgets.checkRequest(route.name(), caller);
                }
                providers = budgets.affordable(route.name(), route.providers());
            } catch (BudgetExceededException e) {
                if (route == asked && asked.fallbackModels().isEmpty()) {
                    throw e;
                }
                spent = spent == null ? e : spent;
                continue;
            }
            for (Guarded<ChatProvider> provider : providers) {
                ChatDelivery delivery = listener == null ? null
                        : new ChatDelivery(listener, route.name(), provider.name(), firstToken(route, start));
                long callStart = System.nanoTime();
                try {
                    ChatCompletion completion = call(provider, request, delivery, deadlines.firstToken());
                    metrics.upstreamCall(provider.name(), "ok", System.nanoTime() - callStart);
                    record(provider, route, caller, completion.inputTokens(), completion.outputTokens());
                    return new ChatAnswer(completion, route.name(), provider.name());
                } catch (ProviderCallException e) {
                    metrics.upstreamCall(provider.name(), e.kind().wireName(), System.nanoTime() - callStart);
                    if (delivery != null && delivery.started()) {
                        recordDelivered(provider, route, caller, request, delivery);
                        throw new ProviderFailureException(provider.name(), "the answer of " + provider.name()
                                + " broke off after it had begun (" + why(e) + ")", e);
                    }
                    failures.add(e);
                    metrics.failover(asked.name(), provider.name(), 1);
                } catch (RequestCancelledException e) {
                    // The caller went away mid-stream: what the provider generated for it until then is still spent.
                    if (delivery != null && delivery.started()) {
                        recordDelivered(provider, route, caller, request, delivery);
                    }
                    throw e;
                }
            }
        }
        if (failures.isEmpty()) {
            throw spent;
        }
        throw ProvidersFailed.report(asked.name(), failures);
    }

    private Runnable firstToken(ChatRoute route, long start) {
        return () -> metrics.firstToken(route.name(), System.nanoTime() - start);
    }

    /** What broke a stream: the failure under {@code STREAM_BROKEN} (a timeout, a reset, an error event). */
    private static String why(ProviderCallException broken) {
        return broken.kind() == Kind.STREAM_BROKEN && broken.getCause() instanceof ProviderCallException cause
                ? cause.kind().wireName() : broken.kind().wireName();
    }

    /** The model asked for, then its fallback models the caller may use. */
    private List<ChatRoute> candidates(ChatRoute asked, Caller caller) {
        var candidates = new ArrayList<ChatRoute>();
        candidates.add(asked);
        for (String fallback : asked.fallbackModels()) {
            ChatRoute route = routes.resolve(fallback);
            if (caller.mayUse(route.name(), route.aliases())) {
                candidates.add(route);
            }
        }
        return candidates;
    }

    /**
     * One provider's call. Its attempts must start within the first token's deadline: a provider whose rate limit or
     * backoff would keep the caller waiting longer is failed over instead.
     */
    private static ChatCompletion call(Guarded<ChatProvider> guarded, ChatRequest request, ChatDelivery delivery,
                                       Duration startWithin) {
        ChatProvider provider = guarded.provider();
        int tokens = guarded.path().countsTokens() ? promptTokens(provider, request) : 0;
        return Cancellation.interruptibly(() -> guarded.path().call(Priority.ONLINE, tokens, startWithin, feedback -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new RequestCancelledException("the request was cancelled: its caller went away", null);
            }
            try {
                return delivery == null ? provider.complete(request) : provider.stream(request, delivery);
            } catch (ProviderCallException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new RequestCancelledException("the request was cancelled during its call to "
                            + provider.name(), e);
                }
                if (delivery != null && delivery.started() && e.kind() != Kind.STREAM_BROKEN) {
                    // Whatever the provider called it, a retry now would repeat what the caller already has.
                    throw new ProviderCallException(provider.name(), Kind.STREAM_BROKEN, e.httpStatus(), null,
                            e.getMessage(), e);
                }
                throw e;
            } catch (RuntimeException e) {
                if (delivery != null && delivery.started() && !(e instanceof EmbedGateException)) {
                    // The path would take a bug for a provider fault and retry it, repeating what the caller has.
                    throw new ProviderCallException(provider.name(), Kind.STREAM_BROKEN, 0, null,
                            "the provider failed unexpectedly: " + e, e);
                }
                throw e;
            }
        }));
    }

    private static int promptTokens(ChatProvider provider, ChatRequest request) {
        int tokens = 0;
        for (ChatMessage message : request.messages()) {
            tokens += provider.countTokens(message.content());
        }
        return tokens;
    }

    /** The usage of an answer that ended early: the prompt and the text that reached the caller. */
    private void recordDelivered(Guarded<ChatProvider> provider, ChatRoute route, Caller caller, ChatRequest request,
                                 ChatDelivery delivery) {
        record(provider, route, caller, promptTokens(provider.provider(), request),
                provider.provider().countTokens(delivery.text()));
    }

    private void record(Guarded<ChatProvider> provider, ChatRoute route, Caller caller, long inputTokens,
                        long outputTokens) {
        usage.record(UsageEvent.served(Capability.CHAT, provider.name(), route.name(), caller.apiKeyId(), 1,
                inputTokens, outputTokens));
    }
}
