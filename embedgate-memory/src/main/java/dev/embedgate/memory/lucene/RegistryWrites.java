package dev.embedgate.memory.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;

/**
 * Hands the {@link SpaceRegistry}'s changes to the index writer: the spaces as the commit data of the next commit
 * (counted as a change, so that a commit happens even if no document changed), an active space as its namespace's
 * document.
 */
final class RegistryWrites implements SpaceRegistry.Persistence {

    private final IndexWriter writer;

    RegistryWrites(IndexWriter writer) {
        this.writer = writer;
    }

    @Override
    public void spacesChanged(Map<String, String> commitData) {
        writer.setLiveCommitData(commitData.entrySet(), true);
    }

    @Override
    public void activeChanged(String namespace, String space) {
        try {
            writer.updateDocument(ActiveSpaceDocuments.key(namespace), ActiveSpaceDocuments.document(namespace, space));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the active space of namespace " + namespace + ": "
                    + e.getMessage(), e);
        }
    }
}
