package dev.embedgate.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OLLAMA_HOST read as the Ollama CLI reads it. */
class OllamaHostTest {

    @ParameterizedTest
    @CsvSource({
            "'',                          http://localhost:11434",
            "localhost,                   http://localhost:11434",
            "gpu-box:11500,               http://gpu-box:11500",
            "0.0.0.0,                     http://127.0.0.1:11434",
            "0.0.0.0:8080,                http://127.0.0.1:8080",
            ":11435,                      http://127.0.0.1:11435",
            "http://gpu-box,              http://gpu-box:80",
            "https://ollama.example.com,  https://ollama.example.com:443",
            "https://example.com/ollama/, https://example.com:443/ollama",
            "'[::1]:11434',               'http://[::1]:11434'",
            "'  10.0.0.5  ',              http://10.0.0.5:11434",
            "host:notaport,               http://host:11434",
    })
    void readsHostsWithAndWithoutSchemeAndPort(String value, String expected) {
        assertThat(OllamaHost.parse(value)).isEqualTo(URI.create(expected));
    }

    @Test
    void unsetIsTheDefault() {
        assertThat(OllamaHost.parse(null)).isEqualTo(URI.create("http://localhost:11434"));
    }

    @Test
    void otherSchemesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> OllamaHost.parse("ftp://box")).hasMessageContaining("OLLAMA_HOST");
    }
}
