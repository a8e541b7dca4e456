package dev.embedgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.keys.CreatedKey;
import dev.embedgate.server.keys.KeySummary;
import dev.embedgate.server.routes.ConfiguredModel;
import dev.embedgate.server.usage.UsageGrouping;
import dev.embedgate.store.keys.KeyScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services the CLI gets from {@link GatewayAssembly#operations}: opened on first use, shared with serve. */
class OperationsTest {

    private static final ProviderEnvironment NO_PROVIDERS = new ProviderEnvironment(Map.of());

    @TempDir
    Path dir;

    @Test
    void listingModelsOpensNoStore() {
        Path data = dir.resolve("data");
        try (Operations operations = GatewayAssembly.operations(GatewayConfig.DEFAULT.withDataDir(data), NO_PROVIDERS,
                Clock.systemUTC())) {
            assertThat(operations.routes().models()).extracting(ConfiguredModel::name)
                    .contains("sentence-transformers/all-MiniLM-L6-v2");
            assertThat(operations.routes().models()).filteredOn(ConfiguredModel::defaultModel).hasSize(1);
        }

        assertThat(Files.exists(data)).as("no data folder created").isFalse();
    }

    @Test
    void keysCreatedThroughARunningGatewayAreSeenByTheCli() {
        GatewayConfig config = GatewayConfig.DEFAULT.withDataDir(dir.resolve("data"));
        CreatedKey created;
        try (Gateway gateway = GatewayAssembly.gateway(config, NO_PROVIDERS, Clock.systemUTC())) {
            created = gateway.operations().keys().create("shared", KeyScope.TENANT, Set.of(), null, null, null);
        }

        try (Operations operations = GatewayAssembly.operations(config, NO_PROVIDERS, Clock.systemUTC())) {
            assertThat(operations.keys().list()).extracting(KeySummary::id).containsExactly(created.key().id());
            assertThat(operations.usage().summary(UsageGrouping.PROVIDER, LocalDate.EPOCH).total()).isNull();
        }
    }
}
