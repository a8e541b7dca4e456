package dev.embedgate.bench.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An ordered list of texts, with the ways the benchmarks cut it into runs. */
public record Corpus(List<CorpusText> texts) {

    /** Texts of this many words make the "short" requests (10 to 20 words is about 15 to 35 tokens). */
    public static final int SHORT_MIN_WORDS = 10;
    public static final int SHORT_MAX_WORDS = 20;

    public Corpus {
        texts = List.copyOf(texts);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("the corpus is empty");
        }
    }

    public int size() {
        return texts.size();
    }

    public List<String> strings() {
        return texts.stream().map(CorpusText::text).toList();
    }

    /** {@code count} texts taken at even steps over the whole corpus, so that the length mix is kept. */
    public Corpus evenSample(int count) {
        if (count >= texts.size()) {
            return this;
        }
        var sample = new ArrayList<CorpusText>(count);
        for (int i = 0; i < count; i++) {
            sample.add(texts.get((int) ((long) i * texts.size() / count)));
        }
        return new Corpus(sample);
    }

    /**
     * Slice {@code index} of {@code slices} interleaved slices (texts {@code index}, {@code index + slices}, ...):
     * every slice has the corpus's length mix, and the slices together hold every text once.
     */
    public Corpus interleavedSlice(int index, int slices) {
        if (index < 0 || index >= slices) {
            throw new IllegalArgumentException("slice " + index + " of " + slices);
        }
        var slice = new ArrayList<CorpusText>(texts.size() / slices + 1);
        for (int i = index; i < texts.size(); i += slices) {
            slice.add(texts.get(i));
        }
        return new Corpus(slice);
    }

    public Corpus filter(Predicate<CorpusText> keep) {
        return new Corpus(texts.stream().filter(keep).toList());
    }

    /** The texts of {@value #SHORT_MIN_WORDS} to {@value #SHORT_MAX_WORDS} words, in corpus order. */
    public List<String> shortTexts() {
        return texts.stream().filter(t -> t.words() >= SHORT_MIN_WORDS && t.words() <= SHORT_MAX_WORDS)
                .map(CorpusText::text).toList();
    }
}
