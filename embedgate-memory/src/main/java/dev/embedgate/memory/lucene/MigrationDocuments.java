package dev.embedgate.memory.lucene;

import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.Migration;
import dev.embedgate.memory.migration.MigrationJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Migrations as documents beside the memories, holding none of a memory's fields: one per migration (its record as
 * {@link MigrationJson} and its scan position, rewritten whole when either changes) and one per memory whose
 * embedding failed in it (attempts, last error, when, and when to retry unless given up). Leases are not kept: a store
 * belongs to one process, and its workers end with it.
 */
final class MigrationDocuments {

    private static final String MIGRATION_ID = "migration.id";
    private static final String JSON = "migration.json";
    private static final String CHECKPOINT_NAMESPACE = "migration.checkpointNamespace";
    private static final String CHECKPOINT_ID = "migration.checkpointId";
    private static final String FAILURE_KEY = "failure.key";
    private static final String FAILURE_MIGRATION = "failure.migration";
    private static final String FAILURE_NAMESPACE = "failure.namespace";
    private static final String FAILURE_ID = "failure.id";
    private static final String ATTEMPTS = "failure.attempts";
    private static final String ERROR = "failure.error";
    private static final String FAILED_AT = "failure.failedAt";
    private static final String RETRY_AT = "failure.retryAt";

    private MigrationDocuments() {
    }

    /** A migration as read back. */
    record Stored(Migration migration, PendingCursor checkpoint, List<FailureRow> failures) {
    }

    /** Replaces the migration's document (or writes its first). */
    static IndexUpdate migration(Migration migration, PendingCursor checkpoint) {
        var document = new Document();
        document.add(new StringField(MemoryDocuments.RECORD, "migration", Field.Store.NO));
        document.add(new StringField(MIGRATION_ID, migration.id(), Field.Store.YES));
        document.add(new StoredField(JSON, MigrationJson.write(migration)));
        if (checkpoint != null) {
            document.add(new StoredField(CHECKPOINT_NAMESPACE, checkpoint.namespace()));
            document.add(new StoredField(CHECKPOINT_ID, checkpoint.id()));
        }
        return new IndexUpdate(List.of(new TermQuery(new Term(MIGRATION_ID, migration.id()))), List.of(document));
    }

    /** Replaces the failures' documents (or writes their first). */
    static IndexUpdate failures(String migrationId, Collection<FailureRow> rows) {
        var documents = new ArrayList<Document>(rows.size());
        for (FailureRow row : rows) {
            var document = new Document();
            document.add(new StringField(MemoryDocuments.RECORD, "migrationFailure", Field.Store.NO));
            document.add(new StringField(FAILURE_KEY, failureKey(migrationId, row.key()), Field.Store.NO));
            document.add(new StoredField(FAILURE_MIGRATION, migrationId));
            document.add(new StoredField(FAILURE_NAMESPACE, row.key().namespace()));
            document.add(new StoredField(FAILURE_ID, row.key().id()));
            document.add(new StoredField(ATTEMPTS, row.attempts()));
            document.add(new StoredField(ERROR, row.error()));
            document.add(new StoredField(FAILED_AT, row.failedAt().toString()));
            if (row.retryAt() != null) {
                document.add(new StoredField(RETRY_AT, row.retryAt().toString()));
            }
            documents.add(document);
        }
        return new IndexUpdate(List.of(failureKeys(migrationId, rows.stream().map(FailureRow::key).toList())),
                documents);
    }

    /** Deletes the failures' documents. */
    static IndexUpdate noFailures(String migrationId, Collection<MemoryKey> keys) {
        return keys.isEmpty() ? IndexUpdate.NONE : new IndexUpdate(List.of(failureKeys(migrationId, keys)), List.of());
    }

    /** Every migration in the index, by id. */
    static Map<String, Stored> read(IndexReader reader) throws IOException {
        var migrations = new HashMap<String, Migration>();
        var checkpoints = new HashMap<String, PendingCursor>();
        LiveTerms.forEach(reader, MIGRATION_ID, (id, leaf, doc) -> {
            Document document = leaf.storedFields().document(doc);
            Migration migration = MigrationJson.read(document.get(JSON));
            migrations.put(migration.id(), migration);
            if (document.get(CHECKPOINT_NAMESPACE) != null) {
                checkpoints.put(migration.id(), new PendingCursor(document.get(CHECKPOINT_NAMESPACE),
                        document.get(CHECKPOINT_ID)));
            }
            return true;
        });
        var failures = new HashMap<String, List<FailureRow>>();
        LiveTerms.forEach(reader, FAILURE_KEY, (key, leaf, doc) -> {
            Document document = leaf.storedFields().document(doc);
            String retryAt = document.get(RETRY_AT);
            failures.computeIfAbsent(document.get(FAILURE_MIGRATION), id -> new ArrayList<>()).add(new FailureRow(
                    new MemoryKey(document.get(FAILURE_NAMESPACE), document.get(FAILURE_ID)),
                    document.getField(ATTEMPTS).numericValue().intValue(), document.get(ERROR),
                    Instant.parse(document.get(FAILED_AT)), retryAt == null ? null : Instant.parse(retryAt)));
            return true;
        });
        var stored = new HashMap<String, Stored>();
        migrations.forEach((id, migration) -> stored.put(id, new Stored(migration, checkpoints.get(id),
                failures.getOrDefault(id, List.of()))));
        return stored;
    }

    private static TermInSetQuery failureKeys(String migrationId, Collection<MemoryKey> keys) {
        return new TermInSetQuery(FAILURE_KEY, keys.stream().map(key -> new BytesRef(failureKey(migrationId, key)))
                .toList());
    }

    /** The migration's id with its length first, then the memory's key: no two (migration, memory) pairs share one. */
    private static String failureKey(String migrationId, MemoryKey key) {
        return migrationId.length() + ":" + migrationId + MemoryDocuments.key(key.namespace(), key.id()).text();
    }
}
