package dev.embedgate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders and files created for EmbedGate's own user only, and wider ones of that user tightened. */
class OwnerOnlyTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void createsMissingFoldersAndParentsOwnerOnly() throws IOException {
        Path folder = OwnerOnly.folder(dir.resolve("a/b"));

        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("a"))).isEqualTo("rwx------");
    }

    @Test
    void createsFilesOwnerOnly() throws IOException {
        Path file = OwnerOnly.file(dir.resolve("f"));

        assertThat(file).isEmptyFile();
        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    @Test
    void tightensWhatThisUserMadeWiderAndKeepsItsContent() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("old"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.writeString(folder.resolve("db"), "kept");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Path log = Files.writeString(folder.resolve("db-wal"), "log");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));

        OwnerOnly.folder(folder);
        OwnerOnly.file(file);
        OwnerOnly.fileIfPresent(log);
        OwnerOnly.fileIfPresent(folder.resolve("absent"));

        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(log)).isEqualTo("rw-------");
        assertThat(file).hasContent("kept");
        assertThat(folder.resolve("absent")).doesNotExist();
    }

    @Test
    void leavesNarrowerPermissionsAlone() throws IOException {
        Path file = Files.createFile(dir.resolve("read-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--------")));

        OwnerOnly.file(file);

        assertThat(permissions(file)).isEqualTo("r--------");
    }

    @Test
    void aFolderOfAnotherUserIsNotThisUsersAndIsNotChanged() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("theirs"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        UserPrincipal nobody;
        try {
            nobody = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(folder, nobody);
        } catch (IOException notRoot) {
            assumeTrue(false, "giving a folder to another user needs root");
            return;
        }
        assertThat(OwnerOnly.ownedByThisUser(dir)).isTrue();

        OwnerOnly.folder(folder);

        assertThat(OwnerOnly.ownedByThisUser(folder)).isFalse();
        assertThat(permissions(folder)).isEqualTo("rwxrwxrwx");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
