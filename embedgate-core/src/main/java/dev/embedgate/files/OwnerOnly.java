package dev.embedgate.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders (0700) and files (0600) that only the user running EmbedGate can open, for everything it keeps on disk:
 * the data folder with its database and lock file, the extracted model graphs. They are created with these
 * permissions, never widened first and narrowed after, so that no other local user can open them in between. One
 * that exists with wider permissions and belongs to this user is tightened, with a warning that says what changed:
 * EmbedGate's earlier versions created them readable by every local user, and an upgrade should not leave them so.
 * On file systems without POSIX permissions (Windows) they are created as the platform does.
 */
public final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates the folder and its missing parents owner-only, or tightens it; returns it. */
    public static Path folder(Path folder) throws IOException {
        if (!POSIX) {
            return Files.createDirectories(folder);
        }
        if (!Files.isDirectory(folder)) {
            // createDirectories applies the attribute to every folder it creates, the parents included.
            return Files.createDirectories(folder, attribute(FOLDER));
        }
        tighten(folder, FOLDER);
        return folder;
    }

    /** Creates the file empty and owner-only, or tightens it if it exists; returns it. */
    public static Path file(Path file) throws IOException {
        if (!POSIX) {
            return Files.exists(file) ? file : Files.createFile(file);
        }
        try {
            return Files.createFile(file, attribute(FILE));
        } catch (FileAlreadyExistsException exists) {
            tighten(file, FILE);
            return file;
        }
    }

    /** Tightens the file if it exists (one that another program creates, like SQLite's write-ahead log). */
    public static void fileIfPresent(Path file) throws IOException {
        if (POSIX && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            tighten(file, FILE);
        }
    }

    /**
     * Whether the user running this process owns the path; always true without POSIX permissions. A folder another
     * user owns is theirs to fill, so nothing in it may be trusted.
     */
    public static boolean ownedByThisUser(Path path) throws IOException {
        if (!POSIX) {
            return true;
        }
        return ((Number) Files.getAttribute(path, "unix:uid")).longValue() == ProcessUser.UID;
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (wanted.containsAll(actual)) {
            return;
        }
        if (!ownedByThisUser(path)) {
            log.warn("{} belongs to {} and other users may open it ({}); EmbedGate keeps its own files in it "
                    + "owner-only, but cannot narrow it", path, Files.getOwner(path).getName(),
                    PosixFilePermissions.toString(actual));
            return;
        }
        Files.setPosixFilePermissions(path, wanted);
        log.warn("tightened {} from {} to {}: only the user running EmbedGate may open its files", path,
                PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    /** The user id of this process, read once; only on POSIX file systems. */
    private static final class ProcessUser {
        static final long UID = new com.sun.security.auth.module.UnixSystem().getUid();
    }
}
