package dev.embedgate.memory.lucene;

import dev.embedgate.files.OwnerOnly;
import dev.embedgate.memory.HnswSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The Lucene index in the store's folder: its writer, its searchers and the {@link GroupCommit} that makes changes
 * durable and visible. Everything the store keeps goes through here, as {@link IndexUpdate}s handed to the writer,
 * then {@link #awaitDurable}. Thread-safe.
 */
final class MemoryIndex implements AutoCloseable {

    private final Path folder;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final GroupCommit commits;

    private MemoryIndex(Path folder, Directory directory, IndexWriter writer) throws IOException {
        this.folder = folder;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.commits = new GroupCommit(() -> {
            writer.commit();
            searchers.maybeRefreshBlocking();
        });
    }

    /**
     * Opens the index in the folder (created owner-only if missing).
     *
     * @throws IllegalStateException when another process (or another store in this one) has the folder open
     */
    static MemoryIndex open(Path folder, HnswSettings settings, Analyzer analyzer) {
        Directory directory = null;
        try {
            OwnerOnly.folder(folder);
            directory = FSDirectory.open(folder);
            var config = new IndexWriterConfig(analyzer).setCodec(new MemoryCodec(settings))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    // Every write commits: merging the small segments inside the commit would add its time to
                    // every write's; background merges catch up instead.
                    .setMaxFullFlushMergeWaitMillis(0);
            IndexWriter writer = new IndexWriter(directory, config);
            try {
                return new MemoryIndex(folder, directory, writer);
            } catch (IOException | RuntimeException e) {
                writer.rollback();
                throw e;
            }
        } catch (LockObtainFailedException e) {
            closeQuietly(directory, e);
            throw new IllegalStateException("the memory folder " + folder + " is in use by another EmbedGate "
                    + "process (Lucene's write.lock is held); stop it, or give this server a data folder of its own",
                    e);
        } catch (IOException e) {
            closeQuietly(directory, e);
            throw new UncheckedIOException("cannot open the memory folder " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory, e);
            throw e;
        }
    }

    /** What the last commit recorded beside the documents (empty for a new index). */
    Map<String, String> commitData() {
        var data = new HashMap<String, String>();
        writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        return data;
    }

    /** Replaces the commit data with the next commit (counted as a change, so that a commit happens). */
    void setCommitData(Map<String, String> data) {
        writer.setLiveCommitData(data.entrySet(), true);
    }

    /** Hands the update to the writer as one atomic change; durable with the next commit. */
    void apply(IndexUpdate update) throws IOException {
        Query deletes = update.deleteQuery();
        if (update.isEmpty()) {
            return;
        }
        if (deletes == null) {
            writer.addDocuments(update.adds());
        } else if (update.adds().isEmpty()) {
            writer.deleteDocuments(deletes);
        } else {
            writer.updateDocuments(deletes, update.adds());
        }
    }

    /** Returns when every change handed over before this call is durable and visible to searches. */
    void awaitDurable() throws IOException {
        commits.awaitDurable();
    }

    /** {@link #awaitDurable}, failing unchecked. */
    void durable() {
        try {
            commits.awaitDurable();
        } catch (IOException e) {
            throw failed("commit the memory index", e);
        }
    }

    <T> T withSearcher(Search<T> search) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return search.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    /** {@link #withSearcher}, failing unchecked. */
    <T> T read(Search<T> search) {
        try {
            return withSearcher(search);
        } catch (IOException e) {
            throw failed("read the memory index", e);
        }
    }

    UncheckedIOException failed(String what, IOException e) {
        return new UncheckedIOException("cannot " + what + " at " + folder + ": " + e.getMessage(), e);
    }

    Path folder() {
        return folder;
    }

    /** Closes the index after a failed opening, dropping what was not committed. */
    void abandon(Exception failure) {
        try (directory; searchers) {
            writer.rollback();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try (directory; writer; searchers) {
            // Every acknowledged write is committed already; closing commits nothing new.
        } catch (IOException e) {
            throw failed("close the memory index", e);
        }
    }

    private static void closeQuietly(Directory directory, Exception failure) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** What a read does with a searcher. */
    interface Search<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
