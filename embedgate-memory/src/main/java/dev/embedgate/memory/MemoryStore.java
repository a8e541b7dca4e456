package dev.embedgate.memory;

import dev.embedgate.memory.migration.MigrationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where memories and their vectors live: Lucene on local disk or PostgreSQL + pgvector. A store keeps what it is
 * given and answers searches; embedding, fusion of rankings and the choice of space are the
 * {@link MemoryService}'s. Every store passes {@code MemoryStoreContract}.
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li>a write is durable when its method returns (it survives a restart and {@code kill -9});</li>
 *   <li>vectors of different spaces are never compared: each space has its own index, registered with its
 *       dimensions, and a vector of other dimensions is refused;</li>
 *   <li>a vector is kept only while its memory still holds the content it was made from;</li>
 *   <li>keys and values of memories, metadata and filters reach the database as data, never as query text.</li>
 * </ul>
 * Thread-safe.
 */
public interface MemoryStore extends AutoCloseable {

    /**
     * Makes a space known, with an index for its vectors; idempotent.
     *
     * @param space      the space's id ({@link dev.embedgate.space.EmbeddingSpace#id()})
     * @param dimensions the length of every vector of the space
     * @throws IllegalArgumentException when the space is known with other dimensions, or the store cannot index
     *                                  vectors that long
     */
    void addSpace(String space, int dimensions);

    /** The namespace's active space, if one was set. */
    Optional<String> activeSpace(String namespace);

    /** The namespace's active space; when none was set, {@code space} becomes it. */
    String activeSpaceOrSet(String namespace, String space);

    /** Every space that is some namespace's active space. */
    List<String> activeSpaces();

    /** Makes {@code space} (a known space) the namespace's active space, at once for every later call. */
    void setActiveSpace(String namespace, String space);

    /**
     * Sets several namespaces' active spaces in one transaction (a migration's cutover and rollback): every later
     * call sees all of them switched or none.
     *
     * @throws IllegalArgumentException when a space is unknown; then nothing changes
     */
    void setActiveSpaces(Map<String, String> spaceByNamespace);

    /** Every namespace with memories or an active space, sorted. */
    List<String> namespaces();

    /**
     * Deletes a space's vectors, its index and its registration: what a retired space leaves behind after a
     * migration. Idempotent: an unknown space is a no-op answering 0.
     *
     * @return the vectors deleted
     * @throws IllegalStateException when the space is some namespace's active space
     */
    long dropSpace(String space);

    /** The store's migrations, their checkpoints and leases. */
    MigrationStore migrations();

    /**
     * Saves memories, replacing those with the same (namespace, id): a replaced memory keeps its creation time, and
     * loses its vectors when its content changed. One call is one transaction.
     *
     * @return the memories as stored, in the given order
     */
    List<Memory> save(List<Memory> memories);

    Optional<Memory> get(String namespace, String id);

    /** Applies the patch, or answers empty when there is no such memory. */
    Optional<Memory> update(String namespace, String id, MemoryPatch patch, Instant now);

    /** Deletes a memory and its vectors; false when there was none. */
    boolean delete(String namespace, String id);

    /** Deletes the namespace's memories that match the filter, with their vectors. */
    long deleteWhere(String namespace, MemoryFilter filter);

    /**
     * Stores vectors in a known space, replacing each memory's earlier vector there. A vector is skipped when its
     * memory is gone or holds other content than {@link MemoryVector#contentHash()} (it changed while the vector was
     * being made). A vector that is not degraded removes the memory's degraded vectors in every other space: the
     * stand-in is no longer needed.
     *
     * @return how many vectors were stored
     * @throws IllegalArgumentException when the space is unknown or a vector has other dimensions
     */
    int putVectors(String space, List<MemoryVector> vectors);

    /**
     * Memories whose namespace's active space is {@code space} and that have no vector in it yet, in
     * (namespace, id) order after the cursor.
     *
     * @param after null to start at the beginning
     */
    List<Memory> pending(String space, PendingCursor after, int limit);

    /** The nearest memories in the query's space, most similar first; exact when the filter leaves few. */
    List<ScoredMemory> nearest(VectorQuery query);

    /** Memories matching words of the text, most relevant first. */
    List<ScoredMemory> keyword(KeywordQuery query);

    /**
     * The namespace's memories that match the filter, most important first, then most recently updated: what recall
     * answers with when neither a query vector nor a word match can be had. Scores are the importances.
     */
    List<ScoredMemory> important(String namespace, int k, MemoryFilter filter);

    /** The spaces holding vectors of the namespace's memories, in no particular order. */
    List<String> spaces(String namespace);

    MemoryStats stats();

    /** What the store is, for logs and status (no credentials). */
    String description();

    @Override
    void close();
}
