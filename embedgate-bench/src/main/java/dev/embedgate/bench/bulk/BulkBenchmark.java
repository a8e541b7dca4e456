package dev.embedgate.bench.bulk;

import dev.embedgate.bench.corpus.Corpus;
import dev.embedgate.bench.corpus.CorpusText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every case side by side in one process: all models loaded first, one unmeasured warm-up run each, then
 * measured rounds in which the cases take turns, in reverse order every other round so that no system always
 * runs first (or right after the same neighbour).
 */
public final class BulkBenchmark {

    private final BulkPlan plan;
    private final PrintStream progress;

    public BulkBenchmark(BulkPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public BulkResults run(Corpus corpus) {
        List<BulkCase> cases = BulkSystems.create(plan);
        try {
            return measure(corpus, cases);
        } finally {
            cases.forEach(c -> c.embedder().close());
        }
    }

    private BulkResults measure(Corpus corpus, List<BulkCase> cases) {
        for (BulkCase c : cases) {
            c.embedder().load();
        }
        List<String> warmUp = corpus.evenSample(plan.warmUpTexts()).strings();
        for (BulkCase c : cases) {
            Timed timed = time(c, warmUp);
            progress.printf("warm-up  %-24s %5d texts %7.1f texts/s%n", c.describe(), warmUp.size(), warmUp.size() / timed.seconds());
        }
        var runs = new ArrayList<BulkRun>();
        var agreements = new EnumMap<MiniLmVariant, VectorAgreement>(MiniLmVariant.class);
        plan.variants().forEach(v -> agreements.put(v, VectorAgreement.none(v)));
        for (int round = 0; round < plan.rounds(); round++) {
            Corpus texts = plan.wholeCorpusPerRound() ? corpus : corpus.interleavedSlice(round, plan.rounds());
            List<BulkCase> order = round % 2 == 0 ? cases : cases.reversed();
            var outputs = new LinkedHashMap<BulkCase, Timed>();
            for (BulkCase c : order) {
                Timed timed = time(c, texts.strings());
                outputs.put(c, timed);
                progress.printf("round %d  %-24s %5d texts %7.1f texts/s%n", round + 1, c.describe(), texts.size(),
                        texts.size() / timed.seconds());
            }
            runs.addAll(runsOf(round, texts, cases, outputs));
            for (MiniLmVariant variant : plan.variants()) {
                agreements.put(variant, agreements.get(variant).plus(texts.texts().stream().map(CorpusText::id).toList(),
                        find(outputs, BulkCase.EMBEDGATE, variant).output().vectors(),
                        find(outputs, BulkCase.LANGCHAIN4J, variant).output().vectors(),
                        find(outputs, BulkCase.EMBEDGATE, variant).output().truncated()));
            }
        }
        return new BulkResults(plan, runs, List.copyOf(agreements.values()));
    }

    /** The round's runs; LangChain4j is credited with EmbedGate's token count for the same texts and length. */
    private List<BulkRun> runsOf(int round, Corpus texts, List<BulkCase> cases, Map<BulkCase, Timed> outputs) {
        var runs = new ArrayList<BulkRun>();
        for (BulkCase c : cases) {
            long tokens = outputs.get(c).output().promptTokens();
            if (tokens < 0) {
                tokens = outputs.entrySet().stream()
                        .filter(e -> e.getKey().system().equals(BulkCase.EMBEDGATE) && e.getKey().variant() == c.variant()
                                && e.getKey().maxTokens() == c.maxTokens())
                        .mapToLong(e -> e.getValue().output().promptTokens()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no EmbedGate run to count tokens for " + c.describe()));
            }
            runs.add(new BulkRun(c.system(), c.variant(), c.maxTokens(), round, texts.size(), tokens, outputs.get(c).nanos()));
        }
        return runs;
    }

    private static Timed find(Map<BulkCase, Timed> outputs, String system, MiniLmVariant variant) {
        return outputs.entrySet().stream()
                .filter(e -> e.getKey().system().equals(system) && e.getKey().variant() == variant
                        && e.getKey().maxTokens() == MiniLmVariant.LANGCHAIN4J_MAX_TOKENS)
                .map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    private static Timed time(BulkCase c, List<String> texts) {
        // Collect the previous run's garbage now rather than inside this run's timing.
        System.gc();
        long start = System.nanoTime();
        BulkOutput output = c.embedder().embed(texts);
        long nanos = System.nanoTime() - start;
        if (output.vectors().length != texts.size()) {
            throw new IllegalStateException(c.describe() + " returned " + output.vectors().length + " vectors for "
                    + texts.size() + " texts");
        }
        return new Timed(output, nanos);
    }

    private record Timed(BulkOutput output, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }
    }
}
