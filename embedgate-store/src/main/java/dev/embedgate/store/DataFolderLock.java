package dev.embedgate.store;

import dev.embedgate.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one server on a data folder: an operating-system lock on {@code embedgate.lock} in it, held until
 * {@link #close} or the process ends. The kernel releases the lock of a process that dies, however it dies
 * ({@code kill -9} included), so a lock file left behind never blocks a restart; the file itself stays, holding the
 * last holder's process id for the message a second server prints. Only servers take it: the CLI's {@code keys} and
 * {@code cost} work beside a running server (SQLite's write-ahead log lets them).
 */
public final class DataFolderLock implements AutoCloseable {

    /** The file under the data folder that servers lock. */
    public static final String FILE = "embedgate.lock";

    // POSIX locks belong to the process: closing any channel on the file would drop this process's lock on it, so
    // this process never opens the file of a folder it holds a second time.
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the folder (created owner-only if missing) for this process.
     *
     * @throws DataFolderInUseException when another server holds it
     */
    public static DataFolderLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE).toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new DataFolderInUseException(dataDir, ProcessHandle.current().pid());
        }
        try {
            OwnerOnly.folder(dataDir);
            FileChannel channel = FileChannel.open(OwnerOnly.file(file), StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new DataFolderInUseException(dataDir, holder(channel));
                }
                channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.US_ASCII)), 0);
                return new DataFolderLock(file, channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            HELD.remove(file);
            throw new UncheckedIOException("cannot lock the data folder " + dataDir + ": " + e, e);
        } catch (RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    /** The process id the holder wrote, or -1 when the file does not say. */
    private static long holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            return Long.parseLong(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException unreadable) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + file + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(file);
        }
    }
}
