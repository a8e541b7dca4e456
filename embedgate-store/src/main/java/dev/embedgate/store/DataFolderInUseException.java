package dev.embedgate.store;

import java.nio.file.Path;

/** Another server holds the data folder ({@link DataFolderLock}); the message names the folder and its holder. */
public final class DataFolderInUseException extends IllegalStateException {

    DataFolderInUseException(Path dataDir, long holderPid) {
        super("the data folder " + dataDir.toAbsolutePath().normalize() + " is in use by another EmbedGate server"
                + (holderPid > 0 ? " (pid " + holderPid + ")" : "")
                + "; stop it, or give this server a --data-dir of its own (instances that share a store use "
                + "store.postgres)");
    }
}
