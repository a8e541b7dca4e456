package dev.embedgate.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One generated section of a Markdown document, between {@code <!-- bench:NAME:start -->} and
 * {@code <!-- bench:NAME:end -->}. Rewriting it leaves everything outside the markers as it was; a missing
 * document is created with a short header, a missing section is appended.
 */
public final class DocSection {

    private static final String HEADER = """
            # Benchmarks

            Every performance claim EmbedGate makes is measured here, by the benchmarks in `embedgate-bench`.
            Each section below is generated: the command that produced it rewrites it, and only it.

            Reproduce with `scripts/bench.sh` on an otherwise idle machine (it builds what it needs, runs
            everything and rewrites its section); `scripts/bench.sh --quick` is a one-minute check that leaves
            this file alone; `scripts/bench.sh --help` lists the options.
            """;

    private final String start;
    private final String end;

    public DocSection(String name) {
        this.start = "<!-- bench:" + name + ":start -->";
        this.end = "<!-- bench:" + name + ":end -->";
    }

    public void rewrite(Path document, String content) throws IOException {
        String section = start + "\n" + content.strip() + "\n" + end;
        String text = Files.exists(document) ? Files.readString(document) : HEADER;
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        String updated;
        if (from >= 0 && to > from) {
            updated = text.substring(0, from) + section + text.substring(to + end.length());
        } else if (from >= 0 || to >= 0) {
            throw new IllegalStateException(document + " has only one of the markers " + start + " and " + end
                    + "; fix the file by hand");
        } else {
            updated = text.stripTrailing() + "\n\n" + section + "\n";
        }
        if (document.toAbsolutePath().getParent() != null) {
            Files.createDirectories(document.toAbsolutePath().getParent());
        }
        Files.writeString(document, updated);
    }
}
