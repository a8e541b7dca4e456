package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.openai.OpenAiPlugin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials never print. */
class SecretTest {

    private static final String KEY = "sk-TESTKEY-do-not-leak-0123456789abcdef";

    @Test
    void toStringIsRedacted() {
        Secret secret = Secret.of(KEY);

        assertThat(secret.toString()).isEqualTo("Secret[redacted]").doesNotContain(KEY);
        assertThat(String.valueOf(secret)).doesNotContain(KEY);
        assertThat(secret.reveal()).isEqualTo(KEY);
    }

    @Test
    void surroundingWhitespaceIsDropped() {
        assertThat(Secret.of("  " + KEY + "\n").reveal()).isEqualTo(KEY);
    }

    @Test
    void invalidSecretsAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> Secret.of("   ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> Secret.of("sk-abc\r\nX-Injected: 1"))
                .hasMessageContaining("control characters").hasMessageNotContaining("sk-abc");
    }

    @Test
    void endpointsAndEnvironmentsDoNotPrintKeys() {
        var endpoint = RemoteEndpoint.of("https://api.openai.com/v1", Secret.of(KEY));
        var environment = new ProviderEnvironment(Map.of("OPENAI_API_KEY", KEY, "COHERE_API_KEY", KEY + "2"));

        assertThat(endpoint.toString()).doesNotContain(KEY).contains("redacted");
        assertThat(environment.toString()).doesNotContain(KEY);
        assertThat(environment.secret("OPENAI_API_KEY").orElseThrow().toString()).doesNotContain(KEY);
    }

    @Test
    void baseUrlsCarryingCredentialsAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> RemoteEndpoint.of("https://user:" + KEY + "@api.example.com/v1", null))
                .hasMessageNotContaining(KEY).hasMessageContaining("api.example.com");
        assertThatThrownBy(() -> new ProviderEnvironment(Map.of("OPENAI_BASE_URL", "https://x/?key=" + KEY + " y"))
                .endpoint(new OpenAiPlugin(), null)).hasMessageContaining("OPENAI_BASE_URL").hasMessageNotContaining(KEY);
    }
}
