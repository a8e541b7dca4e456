package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where bundled model graphs are extracted: a folder of EmbedGate's own user, which only that user can open. */
class ClasspathModelSourceTest {

    private static final String INT8_MINILM = "all-minilm-l6-v2-q";

    @TempDir
    Path dir;

    @BeforeAll
    static void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    private static ClasspathModelSource source(Path cacheDir) {
        return new ClasspathModelSource(INT8_MINILM + ".onnx", INT8_MINILM + "-tokenizer.json", cacheDir);
    }

    @Test
    void extractsIntoAnOwnerOnlyFolder() throws IOException {
        Path cacheDir = dir.resolve("models");

        Path graph = source(cacheDir).onnxFile();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(graph))).isEqualTo("rw-------");
        try (var files = Files.list(cacheDir)) {
            assertThat(files.toList()).containsExactly(graph);
        }
    }

    @Test
    void refusesAFolderAnotherUserMadeInsteadOfRunningWhatItHolds() throws IOException {
        Path cacheDir = Files.createDirectory(dir.resolve("planted"));
        Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            Files.setOwner(cacheDir, cacheDir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody"));
        } catch (IOException notRoot) {
            assumeTrue(false, "giving a folder to another user needs root");
        }

        assertThatThrownBy(() -> source(cacheDir).onnxFile())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("models.cacheDir " + cacheDir + " belongs to user nobody");
    }

    @Test
    void theDefaultFolderIsThisUsers() {
        assertThat(LocalModels.defaultCacheDir().getFileName().toString())
                .isEqualTo("embedgate-models-" + System.getProperty("user.name"));
    }
}
