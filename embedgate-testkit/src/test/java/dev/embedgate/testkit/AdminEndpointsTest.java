package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.bearer;
import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminEndpointsTest {

    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static int openAi() throws Exception {
        return post(simulator.openAiBaseUrl() + "/embeddings",
                Map.of("model", "text-embedding-3-small", "input", List.of("a", "b")),
                "Authorization", bearer("sk-x")).statusCode();
    }

    @Test
    void putFaultsChangesARoutesFaultsAtRunTime() throws Exception {
        assertThat(openAi()).isEqualTo(200);

        var put = Http.put(simulator.baseUrl() + "/admin/faults/openai",
                "{\"script\": [\"status:503\", \"status:429:3\"], \"latencyMillis\": 10}");
        assertThat(put.statusCode()).isEqualTo(200);

        assertThat(openAi()).isEqualTo(503);
        assertThat(openAi()).isEqualTo(429);
        assertThat(openAi()).isEqualTo(200);
        simulator.faults(Route.OPENAI, Faults.NONE);
    }

    @Test
    void getLogReportsCallsInputsAndStatusesPerRoute() throws Exception {
        Http.post(simulator.baseUrl() + "/admin/reset", "");
        openAi();
        post(simulator.openAiBaseUrl() + "/embeddings", Map.of("model", "text-embedding-3-small", "input", "x"));

        JsonNode log = json(Http.get(simulator.baseUrl() + "/admin/log"));

        assertThat(log.at("/openai/calls").asInt()).isEqualTo(2);
        assertThat(log.at("/openai/inputs").asInt()).isEqualTo(2);
        assertThat(log.at("/openai/statuses").toString()).isEqualTo("[200,401]");
        assertThat(log.at("/openai/inputCounts").toString()).isEqualTo("[2]");
        assertThat(log.at("/cohere/calls").asInt()).isZero();
        assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(2);
        assertThat(simulator.log().inputs(Route.OPENAI)).isEqualTo(2);
    }

    @Test
    void postGcCollectsTheSimulatorsGarbageAndGetGcCountsItsCollections() throws Exception {
        long before = json(Http.get(simulator.baseUrl() + "/admin/gc")).path("collections").asLong(-1);

        var collect = Http.post(simulator.baseUrl() + "/admin/gc", "");

        assertThat(collect.statusCode()).isEqualTo(200);
        long after = json(collect).path("collections").asLong(-1);
        assertThat(before).isNotNegative();
        assertThat(after).as("the POST's own collection is counted").isGreaterThan(before);
        assertThat(json(Http.get(simulator.baseUrl() + "/admin/gc")).path("collections").asLong())
                .isGreaterThanOrEqualTo(after);
    }

    @Test
    void resetClearsTheLogAndEveryRoutesFaults() throws Exception {
        simulator.faults(Route.OPENAI, Faults.builder().errorRate(1).build());
        assertThat(openAi()).isGreaterThanOrEqualTo(500);

        var reset = Http.post(simulator.baseUrl() + "/admin/reset", "");

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(simulator.log().calls(Route.OPENAI)).isZero();
        assertThat(openAi()).isEqualTo(200);
    }

    @Test
    void getFaultsShowsEachRoutesFaultsAndRemainingScript() throws Exception {
        simulator.faults(Route.TEI, Faults.scripted("reset", "ok"));

        JsonNode faults = json(Http.get(simulator.baseUrl() + "/admin/faults"));

        assertThat(faults.at("/tei/remainingScript").toString()).isEqualTo("[\"reset\",\"ok\"]");
        assertThat(faults.at("/openai/faults/errorStatuses").toString()).isEqualTo("[500,502,503]");
        simulator.faults(Route.TEI, Faults.NONE);
    }

    @Test
    void anUnknownRouteOrAnInvalidFaultIsRefused() throws Exception {
        var unknownRoute = Http.put(simulator.baseUrl() + "/admin/faults/azure", "{}");
        var badRate = Http.put(simulator.baseUrl() + "/admin/faults/openai", "{\"errorRate\": 2}");
        var unknownKey = Http.put(simulator.baseUrl() + "/admin/faults/openai", "{\"errorRat\": 0.5}");
        var badScript = Http.put(simulator.baseUrl() + "/admin/faults/openai", "{\"script\": [\"boom\"]}");

        assertThat(unknownRoute.statusCode()).isEqualTo(404);
        assertThat(json(unknownRoute).get("error").asText()).contains("openai, huggingface, tei, cohere, ollama");
        assertThat(badRate.statusCode()).isEqualTo(400);
        assertThat(json(badRate).get("error").asText()).contains("errorRate");
        assertThat(unknownKey.statusCode()).isEqualTo(400);
        assertThat(badScript.statusCode()).isEqualTo(400);
        assertThat(json(badScript).get("error").asText()).contains("boom");
    }
}
