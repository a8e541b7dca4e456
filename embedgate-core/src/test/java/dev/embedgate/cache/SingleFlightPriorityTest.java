package dev.embedgate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.ScriptedProvider;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.metrics.GatewayMetrics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identical misses wait for one another, except behind background work, which may wait for its share. */
class SingleFlightPriorityTest {

    private final EmbeddingCache cache = new EmbeddingCache(
            List.of(new MemoryCacheTier(1_000, 1 << 20, Duration.ofHours(1))), GatewayMetrics.NONE);
    private final EmbeddingRequest request = EmbeddingRequest.of("m", List.of("a text both want"));

    @Test
    void aSecondOnlineRequestWaitsForTheFirstInsteadOfEmbeddingAgain() {
        try (var first = cache.lookup(ScriptedProvider.SPACE, null, request, true, true);
             var second = cache.lookup(ScriptedProvider.SPACE, null, request, true, true)) {
            assertThat(first.toEmbed()).containsExactly(0);
            assertThat(second.toEmbed()).as("awaits the first request's vector").isEmpty();
        }
    }

    @Test
    void anOnlineRequestNeverWaitsBehindBackgroundWorkForTheSameText() {
        try (var background = cache.lookup(ScriptedProvider.SPACE, null, request, true, false);
             var online = cache.lookup(ScriptedProvider.SPACE, null, request, true, true)) {
            assertThat(background.toEmbed()).containsExactly(0);
            assertThat(online.toEmbed()).as("claims the text itself").containsExactly(0);
        }
    }
}
