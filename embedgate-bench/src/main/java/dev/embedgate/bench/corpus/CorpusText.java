package dev.embedgate.bench.corpus;

import java.util.Objects;

/** One text of the benchmark corpus. */
public record CorpusText(String id, String text) {

    public CorpusText {
        Objects.requireNonNull(id, "id");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("corpus text '" + id + "' is empty");
        }
    }

    public int words() {
        return text.trim().split("\\s+").length;
    }
}
