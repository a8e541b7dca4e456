package dev.embedgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.embedgate.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database behind the operational tables: SQLite in a data folder (the embedded default) or PostgreSQL. Both
 * get the same schema from the same Flyway migrations, and the same JDBC code runs on both. Pooled (HikariCP);
 * thread-safe.
 */
public final class Database implements AutoCloseable {

    /** The file under the data folder that holds the embedded database. */
    public static final String SQLITE_FILE = "embedgate.db";
    // WAL lets readers run beside the one writer; NORMAL syncs at checkpoints, enough for a cache and a ledger.
    private static final SQLiteConfig.SynchronousMode SQLITE_SYNC = SQLiteConfig.SynchronousMode.NORMAL;

    private final HikariDataSource pool;
    private final String description;
    private final boolean sqlite;

    private Database(HikariDataSource pool, String description, boolean sqlite) {
        this.pool = pool;
        this.description = description;
        this.sqlite = sqlite;
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    }

    /**
     * SQLite in {@code dataDir}/embedgate.db, created with its folder if missing, migrated to the current schema.
     * The folder and the database are owner-only ({@link OwnerOnly}); SQLite gives its write-ahead log and
     * shared-memory files the database file's permissions.
     */
    public static Database sqlite(Path dataDir) {
        Path file = dataDir.resolve(SQLITE_FILE).toAbsolutePath();
        try {
            OwnerOnly.folder(dataDir);
            OwnerOnly.file(file);
            OwnerOnly.fileIfPresent(Path.of(file + "-wal"));
            OwnerOnly.fileIfPresent(Path.of(file + "-shm"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data folder " + dataDir + ": " + e, e);
        }
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLITE_SYNC);
        config.setBusyTimeout(10_000);
        var source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        var hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("embedgate-sqlite");
        hikari.setMaximumPoolSize(4);
        return new Database(new HikariDataSource(hikari), "SQLite at " + file, true);
    }

    /**
     * PostgreSQL at a JDBC URL ({@code jdbc:postgresql://host:5432/db}), migrated to the current schema.
     *
     * @param user     null to use the URL's or the driver's default
     * @param password null for none (trust or peer authentication)
     */
    public static Database postgres(String jdbcUrl, String user, String password, int maxConnections) {
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hikari.setUsername(user);
        }
        if (password != null) {
            hikari.setPassword(password);
        }
        hikari.setPoolName("embedgate-postgres");
        hikari.setMaximumPoolSize(maxConnections);
        // Start-up fails at once, with the driver's reason, when the database cannot be reached.
        hikari.setInitializationFailTimeout(5_000);
        hikari.setConnectionTimeout(2_000);
        return new Database(new HikariDataSource(hikari), "PostgreSQL at " + redactedUrl(jdbcUrl), false);
    }

    private static String redactedUrl(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * The pool, for stores that keep their own tables in the same database (the pgvector memory store); they run
     * their own migrations and never close it: {@link #close} does.
     */
    public DataSource dataSource() {
        return pool;
    }

    /** Whether this is PostgreSQL (else SQLite). */
    public boolean postgres() {
        return !sqlite;
    }

    /** Sets one row's parameters on a prepared statement. */
    @FunctionalInterface
    public interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Runs {@code sql} once per row, as one batch in one transaction: every row is written, or none. */
    public <T> void batchUpdate(String sql, Collection<T> rows, RowBinder<T> binder) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            batch(connection, null, sql, rows, binder);
        }
    }

    /**
     * As {@link #batchUpdate}, and the commit is on disk when this returns, so that it survives a crash of the machine
     * too, whatever the database's default: SQLite syncs its write-ahead log at this commit (it otherwise syncs only
     * at checkpoints), PostgreSQL waits for its log to be flushed even where {@code synchronous_commit} is off.
     */
    public <T> void syncedBatchUpdate(String sql, Collection<T> rows, RowBinder<T> binder) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            if (!sqlite) {
                batch(connection, "SET LOCAL synchronous_commit = on", sql, rows, binder);
                return;
            }
            execute(connection, "PRAGMA synchronous = FULL");
            try {
                batch(connection, null, sql, rows, binder);
            } finally {
                execute(connection, "PRAGMA synchronous = " + SQLITE_SYNC.getValue());
            }
        }
    }

    private static <T> void batch(Connection connection, String setting, String sql, Collection<T> rows,
                                  RowBinder<T> binder) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (setting != null) {
                execute(connection, setting);
            }
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether the database answers a trivial query now. */
    public boolean reachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Where the data lives, for logs and status (no credentials). */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
