package dev.embedgate.memory.pgvector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;

/**
 * The memory store's way into its PostgreSQL database: work on a pooled connection, alone or as one transaction, with
 * a failure turned into an {@link IllegalStateException} that says what the store was doing. Parameters are always
 * bound ({@link #bind}), never spliced into SQL text.
 */
final class MemoryDatabase {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** PostgreSQL's SQLSTATE for a relation that does not exist. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final DataSource dataSource;
    private volatile boolean closed;
    private volatile Runnable onUndefinedTable = () -> { };

    MemoryDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} on a connection in auto-commit mode (each statement its own transaction). */
    <T> T run(String what, Work<T> work) {
        try (Connection connection = connection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Binds {@code parameters} to {@code statement} from position {@code first} on; returns the next position. */
    static int bind(PreparedStatement statement, int first, List<?> parameters) throws SQLException {
        int position = first;
        for (Object parameter : parameters) {
            if (parameter == null) {
                statement.setNull(position++, Types.NULL);
            } else {
                statement.setObject(position++, parameter);
            }
        }
        return position;
    }

    /**
     * Runs {@code action} whenever a statement fails on a table that does not exist: another gateway instance dropped
     * a space whose table this one still knew, so that what it knows is read again before the next call.
     */
    void onUndefinedTable(Runnable action) {
        onUndefinedTable = action;
    }

    /** Stops later work; the pool belongs to whoever opened it. */
    void close() {
        closed = true;
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("the pgvector memory store is closed");
        }
        return dataSource.getConnection();
    }

    private IllegalStateException failed(String what, SQLException e) {
        if (UNDEFINED_TABLE.equals(e.getSQLState())) {
            onUndefinedTable.run();
        }
        return new IllegalStateException("memory store (PostgreSQL): " + what + " failed: " + e.getMessage(), e);
    }
}
