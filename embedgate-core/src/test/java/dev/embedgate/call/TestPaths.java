package dev.embedgate.call;

import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.Provider;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Providers behind call paths that try once and never open their circuit: for tests of what lies above them. */
public final class TestPaths {

    /** One attempt, a minute's deadline, a breaker that needs a million calls to judge. */
    public static final ResiliencePolicy ONCE = new ResiliencePolicy(1, Duration.ofMillis(1), Duration.ofMillis(1),
            Duration.ofSeconds(1), Duration.ofMinutes(1), 100, 1_000_000, 1_000_000, Duration.ofSeconds(1), 1);

    private TestPaths() {
    }

    public static <P extends Provider> Guarded<P> once(P provider) {
        return CallPaths.standalone().guard(provider, ONCE, ProviderRateLimiter.UNLIMITED);
    }

    /** Embedding providers behind such paths, in order: a route's provider list. */
    public static List<Guarded<EmbeddingProvider>> onceEach(EmbeddingProvider... providers) {
        return Arrays.stream(providers).map(provider -> TestPaths.<EmbeddingProvider>once(provider)).toList();
    }
}
