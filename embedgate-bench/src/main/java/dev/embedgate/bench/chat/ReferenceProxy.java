package dev.embedgate.bench.chat;

import dev.embedgate.bench.server.ProcessCpu;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * nginx as a plain reverse proxy in front of the simulator (keep-alive upstream connections, no buffering), measured
 * beside EmbedGate: what any proxy hop costs on this machine, whose cores the clients, the simulator and the proxy
 * share. It is the benchmark's yardstick, not a peer: it only passes bytes through, where EmbedGate parses, checks,
 * meters and re-encodes every chunk.
 */
final class ReferenceProxy implements AutoCloseable {

    /** The PATH, then where Debian and nginx's own builds put it (sbin is often not on a user's PATH). */
    private static final List<Path> SEARCHED = Stream.concat(
                    Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty()),
                    Stream.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"))
            .map(dir -> Path.of(dir, "nginx")).toList();

    private final ServerProcess process;

    private ReferenceProxy(ServerProcess process) {
        this.process = process;
    }

    /** Where nginx is installed; empty when it is not. */
    static Optional<Path> binary() {
        return SEARCHED.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts nginx in {@code folder} (its configuration, logs and temporary files), proxying to {@code upstream}. */
    static ReferenceProxy start(Path nginx, URI upstream, Path folder) {
        int port = ServerProcess.freePort();
        try {
            Files.createDirectories(folder.resolve("temp"));
            Path config = Files.writeString(folder.resolve("nginx.conf"), config(upstream, port, folder));
            var process = ServerProcess.start(List.of(nginx.toString(), "-p", folder.toString(), "-e",
                    folder.resolve("error.log").toString(), "-c", config.toString(), "-g", "daemon off;"), Map.of(),
                    port, folder.resolve("nginx.out"));
            process.awaitReady(() -> accepts(port), Duration.ofSeconds(20));
            return new ReferenceProxy(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(URI upstream, int port, Path folder) {
        Path temp = folder.resolve("temp");
        return """
                worker_processes auto;
                pid %1$s/nginx.pid;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    upstream simulator {
                        server %3$s:%4$d;
                        keepalive 1024;
                        keepalive_requests 1000000;
                    }
                    server {
                        listen 127.0.0.1:%5$d backlog=1024;
                        keepalive_requests 1000000;
                        location / {
                            proxy_pass http://simulator;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering off;
                        }
                    }
                }
                """.formatted(folder, temp, upstream.getHost(), upstream.getPort(), port);
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    URI baseUri() {
        return process.baseUri();
    }

    /** CPU time of nginx's master and worker processes so far. */
    long cpuNanos() {
        return ProcessHandle.of(process.pid()).map(master -> Stream.concat(Stream.of(master), master.children())
                .mapToLong(handle -> ProcessCpu.nanos(handle.pid())).sum()).orElse(0L);
    }

    @Override
    public void close() {
        process.close();
    }
}
