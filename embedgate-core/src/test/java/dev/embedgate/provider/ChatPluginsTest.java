package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.chat.ChatDeadlines;
import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which kinds chat, and what they know of their chat models. */
class ChatPluginsTest {

    private static final ProviderPlugins PLUGINS = ProviderPlugins.discovered();
    private static final ChatModel MODEL = new ChatModel("some-model", ChatDeadlines.DEFAULT);
    private static final RemoteEndpoint ENDPOINT = RemoteEndpoint.of("http://127.0.0.1:9", Secret.of("k-123"));

    @Test
    void openAiHuggingFaceOllamaAndCohereChatAndTeiDoesNot() {
        for (String kind : List.of("openai", "huggingface", "ollama", "cohere")) {
            ProviderPlugin plugin = PLUGINS.require(kind);
            assertThat(plugin.capabilities()).as(kind).contains(Capability.CHAT, Capability.EMBEDDING);
            try (ChatProvider provider = plugin.chat(kind + "/some-model", MODEL, ENDPOINT)) {
                assertThat(provider.name()).isEqualTo(kind + "/some-model");
                assertThat(provider.model()).isEqualTo("some-model");
                assertThat(provider.hasApiKey()).isTrue();
            }
        }
        ProviderPlugin tei = PLUGINS.require("tei");
        assertThat(tei.capabilities()).doesNotContain(Capability.CHAT);
        assertThatThrownBy(() -> tei.chat("tei/x", MODEL, ENDPOINT)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void knownChatModelsCarryTheirListPrices() {
        assertThat(PLUGINS.require("openai").knownChatModels()).contains(
                new KnownChatModel("openai", "gpt-4o-mini", new BigDecimal("0.15"), new BigDecimal("0.60")),
                new KnownChatModel("openai", "gpt-4o", new BigDecimal("2.50"), new BigDecimal("10.00")));
        assertThat(PLUGINS.require("cohere").knownChatModels()).contains(
                new KnownChatModel("cohere", "command-r", new BigDecimal("0.15"), new BigDecimal("0.60")),
                new KnownChatModel("cohere", "command-a-03-2025", new BigDecimal("2.50"), new BigDecimal("10.00")));
        assertThat(PLUGINS.require("ollama").knownChatModels()).isNotEmpty()
                .allSatisfy(model -> assertThat(model.usdPerMillionOutputTokens()).isZero());
    }
}
