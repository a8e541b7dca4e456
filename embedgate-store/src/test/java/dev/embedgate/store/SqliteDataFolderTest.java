package dev.embedgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedgate.provider.Capability;
import dev.embedgate.store.usage.JdbcUsageLedger;
import dev.embedgate.usage.UsageEntry;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's folder: only the user running EmbedGate can open it or anything SQLite writes in it. */
class SqliteDataFolderTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void theFolderAndTheDatabaseWithItsLogAndSharedMemoryAreOwnerOnly() throws IOException {
        Path data = dir.resolve("embedgate-data");
        try (Database database = Database.sqlite(data)) {
            write(database);

            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(filePermissions(data)).containsOnlyKeys("embedgate.db", "embedgate.db-wal", "embedgate.db-shm")
                    .allSatisfy((name, permissions) -> assertThat(permissions).as(name).isEqualTo("rw-------"));
        }
    }

    @Test
    void aFolderAnOlderVersionLeftOpenToEveryoneIsTightened() throws IOException {
        Path data = dir.resolve("embedgate-data");
        try (Database database = Database.sqlite(data)) {
            write(database);
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }

        try (Database database = Database.sqlite(data)) {
            write(database);

            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(filePermissions(data)).containsKeys("embedgate.db", "embedgate.db-wal")
                    .allSatisfy((name, permissions) -> assertThat(permissions).as(name).isEqualTo("rw-------"));
            assertThat(new JdbcUsageLedger(database).since(LocalDate.parse("2026-12-01"))).singleElement()
                    .satisfies(row -> assertThat(row.requests()).isEqualTo(2));
        }
    }

    private static void write(Database database) {
        new JdbcUsageLedger(database).add(List.of(new UsageEntry(LocalDate.parse("2026-12-01"), Capability.EMBEDDING,
                "local", "all-MiniLM-L6-v2", "", 1, 1, 5, 0, 0, 0, 0, 0)));
    }

    private static Map<String, String> filePermissions(Path folder) throws IOException {
        var permissions = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                permissions.put(file.getFileName().toString(), permissions(file));
            }
        }
        return permissions;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
