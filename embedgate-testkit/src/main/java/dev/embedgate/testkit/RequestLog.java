package dev.embedgate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What was asked of each route: calls, inputs (and how many came as token ids), the statuses answered and each
 * request body's input count; for chat, the chat calls, the streams started, and the streams whose client went
 * away before their end (a write to it failed: the caller cancelled the stream); and, apart, rerank calls and the
 * documents they carried (their calls and statuses count among the route's, their documents not among its inputs).
 * Thread-safe. A call whose connection was dropped without an answer (a reset or a hang) is recorded with status
 * {@link #NO_RESPONSE}. Inputs are counted for every request body the route could read, including those it refused.
 */
public final class RequestLog {

    /** The status recorded for a call that got no HTTP answer (its connection was reset or hung). */
    public static final int NO_RESPONSE = 0;

    private final Map<Route, RouteLog> routes = new EnumMap<>(Route.class);

    public RequestLog() {
        for (Route route : Route.values()) {
            routes.put(route, new RouteLog());
        }
    }

    /** Calls that reached the route, answered or not. */
    public int calls(Route route) {
        return routes.get(route).calls();
    }

    /** Inputs (texts) in all the route's readable request bodies. */
    public long inputs(Route route) {
        return routes.get(route).inputs();
    }

    /** The statuses answered, in order; {@link #NO_RESPONSE} for calls that got none. */
    public List<Integer> statuses(Route route) {
        return routes.get(route).statuses();
    }

    /** Inputs that came as token ids (OpenAI's pre-tokenized form), in all the route's readable request bodies. */
    public long tokenIdInputs(Route route) {
        return routes.get(route).tokenIdInputs();
    }

    /** Each readable request body's number of inputs, in order. */
    public List<Integer> inputCounts(Route route) {
        return routes.get(route).inputCounts();
    }

    /** Chat calls that reached the route (they count among {@link #calls} too). */
    public int chatCalls(Route route) {
        return routes.get(route).chatCalls();
    }

    /** Chat answers that began streaming (a 200 with its first bytes sent). */
    public int streams(Route route) {
        return routes.get(route).streams();
    }

    /**
     * Streams whose client went away before the stream ended: a write failed because the connection was closed by
     * the other side (a gateway that cancelled its upstream call, say). Not counted: streams the simulator broke on
     * purpose (a scripted drop, stall or error event).
     */
    public int cancelledStreams(Route route) {
        return routes.get(route).cancelledStreams();
    }

    /**
     * Waits until at least {@code count} of the route's streams were cancelled by their client; a cancel is seen only
     * at the next write to the stream, so it may come a chunk or two after the client went away.
     *
     * @return whether it happened within the timeout
     */
    public boolean awaitCancelledStreams(Route route, int count, Duration timeout) throws InterruptedException {
        return routes.get(route).awaitCancelledStreams(count, timeout);
    }

    /** Rerank requests whose body the route could read, including those it refused. */
    public int rerankCalls(Route route) {
        return routes.get(route).rerankCalls();
    }

    /** Documents in all the route's readable rerank request bodies. */
    public long rerankDocuments(Route route) {
        return routes.get(route).rerankDocuments();
    }

    /** Records a readable rerank request and its number of documents (used by the simulator). */
    public void recordRerank(Route route, int documents) {
        routes.get(route).recordRerank(documents);
    }

    /** Forgets everything. */
    public void reset() {
        routes.values().forEach(RouteLog::reset);
    }

    /** Records a call arriving at the route (used by the simulator). */
    public void recordCall(Route route) {
        routes.get(route).recordCall();
    }

    /**
     * Records the number of inputs a request body carried (used by the simulator).
     *
     * @param tokenIds whether they came as token ids
     */
    public void recordInputs(Route route, int inputs, boolean tokenIds) {
        routes.get(route).recordInputs(inputs, tokenIds);
    }

    /** Records the status a call was answered with (used by the simulator). */
    public void recordStatus(Route route, int status) {
        routes.get(route).recordStatus(status);
    }

    /** Records a chat call arriving at the route (used by the simulator, besides {@link #recordCall}). */
    public void recordChatCall(Route route) {
        routes.get(route).recordChatCall();
    }

    /** Records a chat answer that began streaming (used by the simulator). */
    public void recordStream(Route route) {
        routes.get(route).recordStream();
    }

    /** Records a stream whose client went away before its end (used by the simulator). */
    public void recordCancelledStream(Route route) {
        routes.get(route).recordCancelledStream();
    }

    /** A snapshot keyed by route name, for {@code GET /admin/log}. */
    public Map<String, Map<String, Object>> snapshot() {
        var snapshot = new LinkedHashMap<String, Map<String, Object>>();
        routes.forEach((route, log) -> snapshot.put(route.wireName(), log.snapshot()));
        return snapshot;
    }

    private static final class RouteLog {
        private int calls;
        private int chatCalls;
        private int streams;
        private int cancelledStreams;
        private long inputs;
        private long tokenIdInputs;
        private final List<Integer> statuses = new ArrayList<>();
        private final List<Integer> inputCounts = new ArrayList<>();
        private int rerankCalls;
        private long rerankDocuments;

        synchronized int rerankCalls() {
            return rerankCalls;
        }

        synchronized long rerankDocuments() {
            return rerankDocuments;
        }

        synchronized void recordRerank(int documents) {
            rerankCalls++;
            rerankDocuments += documents;
        }

        synchronized int calls() {
            return calls;
        }

        synchronized long inputs() {
            return inputs;
        }

        synchronized long tokenIdInputs() {
            return tokenIdInputs;
        }

        synchronized List<Integer> statuses() {
            return List.copyOf(statuses);
        }

        synchronized List<Integer> inputCounts() {
            return List.copyOf(inputCounts);
        }

        synchronized void recordCall() {
            calls++;
        }

        synchronized int chatCalls() {
            return chatCalls;
        }

        synchronized int streams() {
            return streams;
        }

        synchronized int cancelledStreams() {
            return cancelledStreams;
        }

        synchronized void recordChatCall() {
            chatCalls++;
        }

        synchronized void recordStream() {
            streams++;
        }

        synchronized void recordCancelledStream() {
            cancelledStreams++;
            notifyAll();
        }

        synchronized boolean awaitCancelledStreams(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (cancelledStreams < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        synchronized void recordInputs(int count, boolean tokenIds) {
            inputs += count;
            tokenIdInputs += tokenIds ? count : 0;
            inputCounts.add(count);
        }

        synchronized void recordStatus(int status) {
            statuses.add(status);
        }

        synchronized void reset() {
            calls = 0;
            chatCalls = 0;
            streams = 0;
            cancelledStreams = 0;
            inputs = 0;
            tokenIdInputs = 0;
            statuses.clear();
            inputCounts.clear();
            rerankCalls = 0;
            rerankDocuments = 0;
        }

        synchronized Map<String, Object> snapshot() {
            var map = new LinkedHashMap<String, Object>();
            map.put("calls", calls);
            map.put("inputs", inputs);
            map.put("tokenIdInputs", tokenIdInputs);
            map.put("statuses", List.copyOf(statuses));
            map.put("inputCounts", List.copyOf(inputCounts));
            map.put("chatCalls", chatCalls);
            map.put("streams", streams);
            map.put("cancelledStreams", cancelledStreams);
            map.put("rerankCalls", rerankCalls);
            map.put("rerankDocuments", rerankDocuments);
            return map;
        }
    }
}
