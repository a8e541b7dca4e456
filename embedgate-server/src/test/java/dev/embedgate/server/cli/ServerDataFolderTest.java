package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A running server and its data folder, the server in a process of its own: a second server on the folder is
 * refused, the CLI's {@code keys} and {@code cost} work beside it, and only the server's user can open the folder.
 */
class ServerDataFolderTest {

    private static final Duration START = Duration.ofMinutes(2);

    @TempDir
    static Path dir;
    private static Path config;
    private static Path data;
    private static ServeProcess server;

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        config = Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1}
                auth: {enabled: true, openPaths: [/health, /ready]}
                """);
        data = dir.resolve("embedgate-data");
        server = ServeProcess.start(config, data, dir.resolve("first.log")).awaitReady(START);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void aSecondServerOnTheFolderIsRefusedInOneLineNamingTheFolderAndTheFirstServer() throws Exception {
        try (var second = ServeProcess.start(config, data, dir.resolve("second.log"))) {
            assertThat(second.awaitExit(START)).as(second.output()).isEqualTo(2);
            assertThat(second.output().lines().filter(line -> line.startsWith("embedgate:")))
                    .containsExactly("embedgate: the data folder " + data.toAbsolutePath() + " is in use by another "
                            + "EmbedGate server (pid " + server.pid() + "); stop it, or give this server a --data-dir "
                            + "of its own (instances that share a store use store.postgres)");
        }

        assertThat(server.get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void keysCreatedBesideTheRunningServerWorkAtOnceAndCostReadsItsLedger() throws Exception {
        Cli created = Cli.run("keys", "create", "--config", config.toString(), "--data-dir", data.toString(),
                "--name", "made while serving");
        assertThat(created.status()).as(created.err()).isZero();
        String id = created.line("id:");
        String secret = created.line("secret:");

        var answer = server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"beside\"}",
                "Authorization", "Bearer " + secret);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Cli cost;
        do {
            Thread.sleep(200);
            cost = Cli.run("cost", "--config", config.toString(), "--data-dir", data.toString(), "--by", "key");
            assertThat(cost.status()).as(cost.err()).isZero();
        } while (!cost.out().contains(id) && System.nanoTime() < deadline);
        assertThat(cost.out().lines().filter(row -> row.startsWith(id)).map(row -> row.split("\\s+")[1]))
                .as("requests under the new key").containsExactly("1");
    }

    @Test
    void theFolderAndEverythingTheServerWroteInItAreOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        var permissions = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.toList()) {
                permissions.put(file.getFileName().toString(), permissions(file));
            }
        }

        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions).containsKeys("embedgate.db", "embedgate.db-wal", "embedgate.db-shm", "embedgate.lock",
                        "memories")
                .allSatisfy((name, mode) -> assertThat(mode).as(name)
                        .isEqualTo(Files.isDirectory(data.resolve(name)) ? "rwx------" : "rw-------"));
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** One run of the {@code embedgate} command line in this process, with what it printed. */
    private record Cli(int status, String out, String err) {

        static Cli run(String... args) {
            var out = new StringWriter();
            var err = new StringWriter();
            CommandLine commandLine = EmbedGateCli.commandLine();
            commandLine.setOut(new PrintWriter(out));
            commandLine.setErr(new PrintWriter(err));
            int status = commandLine.execute(args);
            return new Cli(status, out.toString(), err.toString());
        }

        String line(String label) {
            return out.lines().filter(line -> line.startsWith(label)).findFirst().orElseThrow()
                    .substring(label.length()).strip();
        }
    }
}
