package dev.embedgate.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for a terminal: each column as wide as its widest cell, numbers (columns declared with a leading
 * {@code >}) aligned right, two spaces between columns, the last column left unpadded.
 */
final class TextTable {

    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** @param headers the column titles; one starting with {@code >} is aligned right (the {@code >} is dropped) */
    TextTable(String... headers) {
        for (String header : headers) {
            boolean right = header.startsWith(">");
            this.headers.add(right ? header.substring(1) : header);
            this.rightAligned.add(right);
        }
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size()
                    + " columns");
        }
        var row = new ArrayList<String>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        print(out, headers, widths);
        rows.forEach(row -> print(out, row, widths));
    }

    private void print(PrintWriter out, List<String> cells, int[] widths) {
        var line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            boolean last = column == cells.size() - 1;
            String padding = " ".repeat(widths[column] - cell.length());
            if (rightAligned.get(column)) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(last ? "" : padding);
            }
            if (!last) {
                line.append("  ");
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
