package dev.embedgate.testkit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was asked of each route: calls, inputs (and how many came as token ids), the statuses answered and each
 * request body's input count; and, apart, rerank calls and the documents they carried (their calls and statuses
 * count among the route's, their documents not among its inputs).
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

    /** A snapshot keyed by route name, for {@code GET /admin/log}. */
    public Map<String, Map<String, Object>> snapshot() {
        var snapshot = new LinkedHashMap<String, Map<String, Object>>();
        routes.forEach((route, log) -> snapshot.put(route.wireName(), log.snapshot()));
        return snapshot;
    }

    private static final class RouteLog {
        private int calls;
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
            map.put("rerankCalls", rerankCalls);
            map.put("rerankDocuments", rerankDocuments);
            return map;
        }
    }
}
