package dev.embedgate.testkit.rerank;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The relevance every simulated reranker answers with, simple enough for a test to predict exactly:
 * <ol>
 *   <li>the query's words: its distinct lower-case runs of letters and digits (any script);</li>
 *   <li>{@code share}: the fraction of those words that are also words of the document (0 when the query has none);</li>
 *   <li>the raw score (the logit TEI returns with {@code raw_scores}): {@code 6 * share - 3}, in [-3, 3];</li>
 *   <li>the relevance score every vendor answers with: {@code 1 / (1 + e^-raw)}, in (0.047, 0.953).</li>
 * </ol>
 * So a document holding every query word scores about 0.9526, one holding none about 0.0474, and the order of
 * documents is the order of their shares (ties keep request order in a stable sort). Stateless.
 */
public final class SimulatedRelevance {

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final double SCALE = 6;

    private SimulatedRelevance() {
    }

    /** The relevance score in (0, 1) every vendor answers for this pair. */
    public static double score(String query, String document) {
        return 1 / (1 + Math.exp(-rawScore(query, document)));
    }

    /** The raw score (logit) TEI answers for this pair when asked for {@code raw_scores}: {@code 6 * share - 3}. */
    public static double rawScore(String query, String document) {
        return SCALE * share(query, document) - SCALE / 2;
    }

    /** The fraction of the query's distinct words found in the document, in [0, 1]. */
    public static double share(String query, String document) {
        Set<String> wanted = words(query);
        if (wanted.isEmpty()) {
            return 0;
        }
        Set<String> present = words(document);
        long found = wanted.stream().filter(present::contains).count();
        return (double) found / wanted.size();
    }

    /** Every document's score (or raw score), in request order. */
    public static List<Double> scores(String query, List<String> documents, boolean raw) {
        var scores = new ArrayList<Double>(documents.size());
        for (String document : documents) {
            scores.add(raw ? rawScore(query, document) : score(query, document));
        }
        return scores;
    }

    private static Set<String> words(String text) {
        var words = new LinkedHashSet<String>();
        for (String word : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
