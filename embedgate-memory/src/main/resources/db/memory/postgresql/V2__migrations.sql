-- Re-embedding migrations (PgMigrationStore): every gateway instance sharing the database sees the same records and
-- splits one migration's work through row leases. Times come from the database's clock, one clock for every instance.

-- One row per migration: the record (MigrationJson's form) and the scan position fresh claims go on from (the
-- checkpoint; null before the first claim and after a rescan found nothing).
CREATE TABLE memory_migrations (
    id             text PRIMARY KEY,
    record         jsonb       NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    scan_namespace text COLLATE "C",
    scan_id        text COLLATE "C",
    CHECK ((scan_namespace IS NULL) = (scan_id IS NULL))
);

-- The memories a migration is working on or gave up on; a memory whose target vector is stored loses its row.
-- worker set: leased to it until leased_until (an expired lease is taken over). worker null: released, or failed and
-- claimable again from leased_until (its retry time). given_up: failed attempts times, listed until retried.
CREATE TABLE memory_migration_leases (
    migration_id text        NOT NULL REFERENCES memory_migrations (id) ON DELETE CASCADE,
    namespace    text COLLATE "C" NOT NULL,
    memory_id    text COLLATE "C" NOT NULL,
    worker       text,
    leased_until timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text,
    given_up     boolean     NOT NULL DEFAULT false,
    failed_at    timestamptz,
    PRIMARY KEY (migration_id, namespace, memory_id),
    FOREIGN KEY (namespace, memory_id) REFERENCES memories (namespace, id) ON DELETE CASCADE
);
-- Deleting a memory finds its leases here (the cascade) instead of reading the whole table.
CREATE INDEX memory_migration_leases_memory ON memory_migration_leases (namespace, memory_id);
-- Leases that ended and failures whose retry time came: what a claim takes first.
CREATE INDEX memory_migration_leases_due ON memory_migration_leases (migration_id, leased_until) WHERE NOT given_up;
