package dev.embedgate.bench.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/**
 * How many segments the Lucene store left in its folder: Lucene searches each segment's HNSW graph with the same
 * number of candidates and merges the answers, so this says how many candidates a search really considers.
 */
final class LuceneSegments {

    private LuceneSegments() {
    }

    /** The segments of the closed store's index (read only: the store is not open). */
    static int count(Path folder) {
        try (var directory = FSDirectory.open(folder); var reader = DirectoryReader.open(directory)) {
            return reader.leaves().size();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Lucene index in " + folder, e);
        }
    }
}
