package dev.embedgate.memory.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;

/**
 * Hands the {@link SpaceRegistry}'s changes to the index: the spaces as the commit data of the next commit (counted as
 * a change, so that a commit happens even if no document changed), active spaces as their namespaces' documents,
 * replaced in one atomic update.
 */
final class RegistryWrites implements SpaceRegistry.Persistence {

    private final MemoryIndex index;

    RegistryWrites(MemoryIndex index) {
        this.index = index;
    }

    @Override
    public void spacesChanged(Map<String, String> commitData) {
        index.setCommitData(commitData);
    }

    @Override
    public void activeChanged(Map<String, String> spaceByNamespace) {
        var documents = new ArrayList<Document>(spaceByNamespace.size());
        spaceByNamespace.forEach((namespace, space) -> documents.add(ActiveSpaceDocuments.document(namespace, space)));
        try {
            index.apply(new IndexUpdate(List.of(ActiveSpaceDocuments.keys(spaceByNamespace.keySet())), documents));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the active spaces of namespaces " + spaceByNamespace.keySet()
                    + ": " + e.getMessage(), e);
        }
    }
}
