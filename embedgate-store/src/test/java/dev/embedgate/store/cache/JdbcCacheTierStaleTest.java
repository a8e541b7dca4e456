package dev.embedgate.store.cache;

import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.CacheTierStaleContract;
import dev.embedgate.cache.MovableClock;
import dev.embedgate.store.Database;
import dev.embedgate.store.StoreKind;
import dev.embedgate.store.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The persistent tier keeps entries past their TTL as the contract says, on SQLite and on PostgreSQL. */
class JdbcCacheTierStaleTest {

    @Nested
    class OnSqlite extends OnStore {
        OnSqlite() {
            super(StoreKind.SQLITE);
        }
    }

    @Nested
    class OnPostgresql extends OnStore {
        OnPostgresql() {
            super(StoreKind.POSTGRESQL);
        }
    }

    abstract static class OnStore extends CacheTierStaleContract {

        private final StoreKind kind;
        private final MovableClock clock = new MovableClock();
        private final List<TestServices.Schema> schemas = new ArrayList<>();
        private final List<Database> opened = new ArrayList<>();
        @TempDir
        Path folder;

        OnStore(StoreKind kind) {
            this.kind = kind;
        }

        @Override
        protected CacheTier tier(Duration ttl, Duration staleFor) {
            Database database = kind.open(folder.resolve("db-" + opened.size()), schemas);
            opened.add(database);
            return new JdbcCacheTier(database, ttl, staleFor, clock);
        }

        @Override
        protected void advance(Duration time) {
            clock.advance(time);
        }

        @Override
        protected void afterTiersClosed() {
            opened.forEach(Database::close);
            schemas.forEach(TestServices.Schema::close);
        }
    }
}
