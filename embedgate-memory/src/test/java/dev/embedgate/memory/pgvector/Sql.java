package dev.embedgate.memory.pgvector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC for tests that look at the database as an operator or a direct caller would. */
final class Sql {

    private Sql() {
    }

    /** The first column of the first row as text, or null when there is none. */
    static String text(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The vector table the store made for a space. */
    static String tableOf(Connection connection, String space) throws SQLException {
        return text(connection, "SELECT table_name FROM memory_spaces WHERE space = ?", space);
    }

    /** The type of a vector table's embedding column, as SQL writes it. */
    static String columnType(Connection connection, String table) throws SQLException {
        return text(connection, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = to_regclass(?) AND attname = 'embedding'", table);
    }

    /** EXPLAIN's plan of a query, with its parameters bound. */
    static String plan(Connection connection, String sql, Object... parameters) throws SQLException {
        var plan = new StringBuilder();
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
