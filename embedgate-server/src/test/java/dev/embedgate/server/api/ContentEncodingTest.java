package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A compressed body is decoded ({@code gzip}, {@code deflate}) and held to the size limit once decoded, so that a
 * small bomb cannot fill the memory; any other encoding is refused rather than parsed as if it were JSON.
 */
class ContentEncodingTest {

    private static final long MAX_REQUEST_BYTES = 64 * 1024;
    private static final String BODY = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"a compressed request\"}";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(MAX_REQUEST_BYTES);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void gzipBodyIsDecoded() {
        assertServed(post("gzip", gzip(BODY.getBytes(StandardCharsets.UTF_8))));
        assertServed(post("x-gzip", gzip(BODY.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void deflateBodyIsDecoded() {
        assertServed(post("deflate", deflate(BODY.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void identityIsTheBodyAsSent() {
        assertServed(post("identity", BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void gzipBombIsRefusedWith413OnItsDecodedSize() {
        byte[] huge = ("{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"" + " ".repeat(20 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bomb = gzip(huge);
        assertThat(bomb.length).as("small on the wire").isLessThan((int) MAX_REQUEST_BYTES);

        HttpResponse<String> response = post("gzip", bomb);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("request_too_large");
        assertThat(error.get("message").asText()).contains("decompressed").contains(String.valueOf(MAX_REQUEST_BYTES));
    }

    @Test
    void corruptGzipIsRefusedWith400() {
        byte[] body = gzip(BODY.getBytes(StandardCharsets.UTF_8));
        body[body.length / 2] ^= 0x5A;
        body[body.length / 2 + 1] ^= 0x5A;

        HttpResponse<String> response = post("gzip", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("invalid_content_encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"br", "zstd", "compress", "snappy", "gzip, br"})
    void encodingTheServerDoesNotDecodeIsRefusedWith415(String encoding) {
        HttpResponse<String> response = post(encoding, BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("unsupported_content_encoding");
        assertThat(error.get("message").asText()).contains("gzip").contains("deflate");
    }

    private static HttpResponse<String> post(String encoding, byte[] body) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                .header("Content-Type", "application/json").header("Content-Encoding", encoding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void assertServed(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response).get("data")).hasSize(1);
    }

    private static byte[] gzip(byte[] plain) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] plain) {
        var out = new ByteArrayOutputStream();
        try (var zlib = new DeflaterOutputStream(out)) {
            zlib.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
