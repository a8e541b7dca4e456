package dev.embedgate.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * How far an import of a JSON Lines file got, kept next to the file ({@code FILE.progress}) after every batch the
 * gateway acknowledged, and removed when the import finishes. A re-run skips the lines done, provided they are still
 * the same lines ({@code digest}) and go to the same namespace; otherwise it starts over.
 *
 * @param file      the file's name, for whoever finds the checkpoint
 * @param namespace the namespace given to the import ({@code --namespace}), or null for the gateway's default
 * @param linesDone lines read and acknowledged (memories saved, bad and blank lines skipped): the first line to read
 *                  on resuming is the next one
 * @param digest    SHA-256 of those lines ({@link JsonlReader#digest()})
 * @param saved     memories the gateway acknowledged
 * @param skipped   bad lines among them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ImportCheckpoint(String file, String namespace, long linesDone, String digest, long saved, long skipped) {

    ImportCheckpoint {
        Objects.requireNonNull(digest, "digest");
        if (linesDone < 0 || saved < 0 || skipped < 0 || saved + skipped > linesDone) {
            throw new IllegalArgumentException("inconsistent counts");
        }
    }

    /** Where the checkpoint of an import of {@code file} is kept. */
    static Path pathFor(Path file) {
        return file.resolveSibling(file.getFileName() + ".progress");
    }

    /** The checkpoint at {@code path}; empty when there is none, or it cannot be read (then the import starts over). */
    static Optional<ImportCheckpoint> read(Path path) throws IOException {
        try {
            return Optional.of(GatewayClient.JSON.readValue(Files.readAllBytes(path), ImportCheckpoint.class));
        } catch (NoSuchFileException | JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Writes this checkpoint to {@code path} whole or not at all: a crash leaves the previous one. */
    void write(Path path) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(temporary, GatewayClient.JSON.writeValueAsBytes(this));
        try {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
