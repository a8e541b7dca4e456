package dev.embedgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRerankBenchOptionsTest {

    @Test
    void aFullRunAtTheDefaultsRewritesTheDocsWithTheIssuesFigures() {
        ChatRerankBenchOptions options = ChatRerankBenchOptions.parse(new String[] {"--chat-rerank"});
        assertThat(options.writesDocs()).isTrue();
        assertThat(options.rerank().candidates()).isEqualTo(100);
        assertThat(options.rerank().concurrencies()).containsExactly(1, 4);
        assertThat(options.chat().streams()).containsExactly(50, 200);
        assertThat(options.rerank().rounds()).isEqualTo(3);
    }

    @Test
    void quickPartialAndTunedRunsLeaveTheDocsAlone() {
        ChatRerankBenchOptions quick = ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--quick"});
        assertThat(quick.writesDocs()).isFalse();
        assertThat(quick.rerank().rounds()).isEqualTo(1);
        assertThat(quick.rerank().window()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--only", "rerank"}).writesDocs())
                .isFalse();
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--token-interval", "5"}).writesDocs())
                .isFalse();
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--only", "chat"}).rerank()).isNull();
    }

    @Test
    void anUnknownPartIsRefusedByName() {
        assertThatThrownBy(() -> ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--only", "embed"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rerank,chat")
                .hasMessageContaining("'embed'");
    }

    @Test
    void clientsPauseUpToOneTokenIntervalBeforeEachStreamUnlessToldOtherwise() {
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank"}).chat().maxPauseMillis()).isEqualTo(15);
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--token-interval", "40"}).chat()
                .maxPauseMillis()).isEqualTo(40);
        ChatRerankBenchOptions backToBack = ChatRerankBenchOptions.parse(
                new String[] {"--chat-rerank", "--stream-pause", "0"});
        assertThat(backToBack.chat().maxPauseMillis()).isZero();
        assertThat(backToBack.writesDocs()).isFalse();
        assertThatThrownBy(() -> ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--stream-pause", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--stream-pause");
    }

    @Test
    void gatewaysRunWithTheLaunchersJvmOptionsUnlessGivenOthersWhichLeaveTheDocsAlone() {
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank"}).gatewayJvmOptions())
                .isEqualTo(ProviderBenchOptions.LAUNCHER_JVM_OPTIONS);
        ChatRerankBenchOptions zgc = ChatRerankBenchOptions.parse(
                new String[] {"--chat-rerank", "--gateway-jvm-options", " -Xmx512m  -XX:+UseZGC "});
        assertThat(zgc.gatewayJvmOptions()).containsExactly("-Xmx512m", "-XX:+UseZGC");
        assertThat(zgc.writesDocs()).isFalse();
        assertThatThrownBy(() -> ChatRerankBenchOptions.parse(
                        new String[] {"--chat-rerank", "--gateway-jvm-options", " "}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--gateway-jvm-options");
    }

    @Test
    void aCandidateGatewayIsAskedForByItsJarOrItsJvmOptionsAndLeavesTheDocsAlone() {
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank"}).candidate()).isNull();
        ChatRerankBenchOptions options = ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--server-jar",
                "/tmp/a.jar", "--gateway-jvm-options", "-Xmx1g", "--candidate-jvm-options", "-Xmx1g -XX:+UseZGC"});
        assertThat(options.candidate().jar()).as("the server jar, when only the options differ")
                .isEqualTo(Path.of("/tmp/a.jar"));
        assertThat(options.candidate().jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseZGC");
        assertThat(options.writesDocs()).isFalse();
        ChatRerankBenchOptions otherBuild = ChatRerankBenchOptions.parse(new String[] {"--chat-rerank",
                "--gateway-jvm-options", "-Xmx1g", "--candidate-jar", "/tmp/b.jar"});
        assertThat(otherBuild.candidate().jar()).isEqualTo(Path.of("/tmp/b.jar"));
        assertThat(otherBuild.candidate().jvmOptions()).as("the gateways', when only the jar differs")
                .containsExactly("-Xmx1g");
        assertThat(otherBuild.writesDocs()).isFalse();
    }

    @Test
    void streamCountsAreReadAsAList() {
        assertThat(ChatRerankBenchOptions.parse(new String[] {"--chat-rerank", "--streams", "10,20,30"}).chat().streams())
                .isEqualTo(List.of(10, 20, 30));
    }
}
