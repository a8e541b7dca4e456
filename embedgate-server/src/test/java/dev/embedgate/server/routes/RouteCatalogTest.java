package dev.embedgate.server.routes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one enumeration of routes and providers: each provider once, with every route it serves. */
class RouteCatalogTest {

    private static final CallPaths PATHS = CallPaths.standalone();
    private static final EmbeddingSpace SMALL = space("small", 384);
    private static final EmbeddingSpace LARGE = space("large", 1536);
    private static final EmbeddingSpace EMERGENCY = space("emergency", 1536);

    private final Guarded<EmbeddingProvider> small = PATHS.guard(new NamedProvider("small-local", SMALL));
    private final Guarded<EmbeddingProvider> large = PATHS.guard(new NamedProvider("large-remote", LARGE));
    private final Guarded<EmbeddingProvider> largeMirror = PATHS.guard(new NamedProvider("large-mirror", LARGE));
    private final Guarded<EmbeddingProvider> emergency = PATHS.guard(new NamedProvider("emergency-hash", EMERGENCY));

    @Test
    void listsAFallbackProviderOnceWithEveryRouteItServes() {
        var catalog = new RouteCatalog(new ModelRegistry(List.of(
                new ModelRoute("small", List.of(), List.of(small), List.of(emergency)),
                new ModelRoute("emergency", List.of(), List.of(emergency)),
                new ModelRoute("large", List.of(), List.of(large), List.of(emergency))), "small"));

        assertThat(catalog.providers()).extracting(RoutedProvider::name)
                .containsExactly("small-local", "emergency-hash", "large-remote");
        assertThat(catalog.providers().get(1).uses()).containsExactly(new RoutedProvider.Use("small", true),
                new RoutedProvider.Use("emergency", false), new RoutedProvider.Use("large", true));
        assertThat(catalog.providers().get(1).firstServedRoute()).isEqualTo("emergency");
    }

    @Test
    void servingProvidersLeaveOutProvidersThatAreOnlyAFallback() {
        var catalog = new RouteCatalog(new ModelRegistry(List.of(
                new ModelRoute("small", List.of(), List.of(small), List.of(emergency))), "small"));

        assertThat(catalog.servingProviders()).extracting(RoutedProvider::name).containsExactly("small-local");
        assertThat(catalog.providers()).extracting(RoutedProvider::name).containsExactly("small-local", "emergency-hash");
        assertThat(catalog.providers().get(1).firstServedRoute()).isNull();
    }

    @Test
    void servingProvidersKeepTheOrderTheRoutesListThemIn() {
        // large-mirror is named first as a fallback, later as a provider: it serves after large-remote.
        var catalog = new RouteCatalog(new ModelRegistry(List.of(
                new ModelRoute("small", List.of(), List.of(small), List.of(largeMirror)),
                new ModelRoute("large", List.of(), List.of(large, largeMirror))), "small"));

        assertThat(catalog.providers()).extracting(RoutedProvider::name)
                .containsExactly("small-local", "large-mirror", "large-remote");
        assertThat(catalog.servingProviders()).extracting(RoutedProvider::name)
                .containsExactly("small-local", "large-remote", "large-mirror");
    }

    @Test
    void modelsDescribeEachRouteAndMarkTheDefault() {
        var catalog = new RouteCatalog(new ModelRegistry(List.of(
                new ModelRoute("small", List.of("s"), List.of(small), List.of(emergency)),
                new ModelRoute("large", List.of(), List.of(large, largeMirror))), "large"));

        assertThat(catalog.models()).containsExactly(
                new ConfiguredModel("small", List.of("s"), SMALL.id(), 384,
                        new SupportedDimensions(null, null, List.of(384)), 512, Pooling.MEAN, List.of("small-local"),
                        List.of("emergency-hash"), false),
                new ConfiguredModel("large", List.of(), LARGE.id(), 1536,
                        new SupportedDimensions(null, null, List.of(1536)), 512, Pooling.MEAN,
                        List.of("large-remote", "large-mirror"), List.of(), true));
        assertThat(catalog.defaultRoute().name()).isEqualTo("large");
    }

    private static EmbeddingSpace space(String model, int dimensions) {
        return new EmbeddingSpace(model, "test", dimensions, Pooling.MEAN, true, 512, "", "");
    }

    /** A provider that is only ever listed, never called. */
    private record NamedProvider(String name, EmbeddingSpace space) implements EmbeddingProvider {

        @Override
        public ProviderResponse embed(ProviderRequest request) {
            throw new UnsupportedOperationException("listed, not called");
        }

        @Override
        public ProviderLimits limits() {
            return new ProviderLimits(16, 512, 8192);
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void warmUp() {
        }

        @Override
        public void close() {
        }
    }
}
