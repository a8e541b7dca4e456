package dev.embedgate.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.space.InputType;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a provider's call path tells the log: each change of its circuit, and its failed calls at a bounded pace. */
class CallPathLogTest {

    private static final String CIRCUIT_LOG = "dev.embedgate.call.CircuitLog";
    private static final String FAILURE_LOG = "dev.embedgate.call.FailureLog";
    private static final ProviderRequest REQUEST = new ProviderRequest(List.of("a text"), InputType.DOCUMENT, true);
    /** One attempt; the circuit opens when half of the last 4 calls failed, for 30 s; one probe decides. */
    private static final ResiliencePolicy NO_RETRY = new ResiliencePolicy(1, Duration.ofMillis(1), Duration.ofMillis(1),
            Duration.ofSeconds(1), Duration.ofSeconds(5), 50, 4, 4, Duration.ofSeconds(30), 1);
    /** One attempt, and a circuit that never judges. */
    private static final ResiliencePolicy NEVER_OPENS = TestPaths.ONCE;

    private final FakeClock clock = new FakeClock();

    private Guarded<ScriptedProvider> guard(ScriptedProvider provider, ResiliencePolicy policy) {
        return new CallPaths(clock, GatewayMetrics.NONE, Duration.ofMinutes(1)).guard(provider, policy,
                ProviderRateLimiter.UNLIMITED);
    }

    private static void call(Guarded<ScriptedProvider> guarded) {
        guarded.path().call(Priority.ONLINE, 0, feedback -> guarded.provider().embed(REQUEST));
    }

    private static void failingCall(Guarded<ScriptedProvider> guarded) {
        catchThrowableOfType(ProviderCallException.class, () -> call(guarded));
    }

    @Test
    void aCircuitOpeningWritesOneWarningAndItsRecoveryTwoInfoLines() {
        var provider = new ScriptedProvider("circuit-under-test").thenFail(Kind.SERVER_ERROR, 4);
        var guarded = guard(provider, NO_RETRY);

        try (var log = LogCapture.start()) {
            for (int i = 0; i < 4; i++) {
                failingCall(guarded);
            }
            for (int i = 0; i < 20; i++) {
                failingCall(guarded); // refused at once by the open circuit
            }
            List<String> warnings = log.lines(CIRCUIT_LOG, "WARN");
            clock.advance(Duration.ofSeconds(31));
            call(guarded);

            assertThat(guarded.path().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(warnings).singleElement().asString().contains("provider 'circuit-under-test' marked down")
                    .contains("100% of its last 4 calls failed").contains("for 30 s");
            assertThat(log.lines(CIRCUIT_LOG, "INFO")).hasSize(2).satisfiesExactly(
                    line -> assertThat(line).contains("'circuit-under-test' probing"),
                    line -> assertThat(line).contains("'circuit-under-test' back"));
        }
    }

    @Test
    void aThousandFailuresOverTenMinutesWriteOneLinePerMinute() {
        var provider = new ScriptedProvider("failing-under-test").always(Kind.SERVER_ERROR);
        var guarded = guard(provider, NEVER_OPENS);

        try (var log = LogCapture.start()) {
            for (int i = 0; i < 1000; i++) {
                failingCall(guarded);
                clock.advance(Duration.ofMillis(600));
            }
            List<String> lines = log.lines(FAILURE_LOG, "WARN");

            assertThat(lines).hasSize(10);
            assertThat(lines.getFirst()).contains("provider 'failing-under-test': a call failed: server_error: "
                    + "always SERVER_ERROR");
            assertThat(lines.get(1)).contains("100 calls failed in the last 60 s (server_error 100); the last: "
                    + "server_error: always SERVER_ERROR");
            assertThat(log.lines()).filteredOn(line -> line.contains("failing-under-test")).hasSize(10);
        }
    }

    @Test
    void failuresHeldBackAreWrittenByTheFirstServedCallAfterTheInterval() {
        var provider = new ScriptedProvider("recovering-under-test").thenFail(Kind.TIMEOUT, 3)
                .thenFail(Kind.UNAUTHORIZED, 1);
        var guarded = guard(provider, NEVER_OPENS);

        try (var log = LogCapture.start()) {
            for (int i = 0; i < 4; i++) {
                failingCall(guarded);
            }
            call(guarded);
            int beforeTheInterval = log.lines(FAILURE_LOG, "WARN").size();
            clock.advance(Duration.ofSeconds(61));
            call(guarded);
            call(guarded);

            assertThat(beforeTheInterval).as("only the first failure, at once").isEqualTo(1);
            assertThat(log.lines(FAILURE_LOG, "WARN")).hasSize(2).last().asString()
                    .contains("3 calls failed in the last 61 s (timeout 2, unauthorized 1)")
                    .endsWith("calls are served again");
        }
    }

    @Test
    void keyFragmentsNeverReachTheLogNorTheLastFailure() {
        var provider = new ScriptedProvider("strict-under-test").thenFail(() -> new ProviderCallException(
                "strict-under-test", Kind.UNAUTHORIZED, 401, "refused (HTTP 401): Incorrect API key provided: "
                + "sk-ab***yz. You can find your API key at https://platform.openai.com/account/api-keys."));
        var guarded = guard(provider, NEVER_OPENS);

        try (var log = LogCapture.start()) {
            failingCall(guarded);

            assertThat(log.lines(FAILURE_LOG, "WARN")).singleElement().asString().contains("unauthorized")
                    .doesNotContain("ab***yz").doesNotContain("***");
            assertThat(guarded.path().lastFailure().message()).contains("Incorrect API key provided: [redacted]")
                    .doesNotContain("***");
        }
    }
}
