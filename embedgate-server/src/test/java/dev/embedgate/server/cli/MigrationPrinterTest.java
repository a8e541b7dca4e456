package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Migrations and plans as the CLI prints them. */
class MigrationPrinterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void smallAmountsOfMoneyArePrintedAsDecimalsNotInExponentNotation() throws Exception {
        JsonNode plan = JSON.readTree("{\"estimated_cost_usd\": 0.0007645, \"estimated_seconds\": 38}");
        JsonNode migration = JSON.readTree("{\"id\": \"mig_1\", \"status\": \"stopped\", \"tokens\": 20398, "
                + "\"cost_usd\": 0.00040796, \"requests\": 11}");
        var out = new StringWriter();

        MigrationPrinter.plan(new PrintWriter(out, true), plan);
        MigrationPrinter.migration(new PrintWriter(out, true), migration);

        assertThat(out.toString()).contains("cost:        $0.0007645").contains("20398 tokens, $0.00040796, 11 requests")
                .doesNotContain("E-");
    }
}
