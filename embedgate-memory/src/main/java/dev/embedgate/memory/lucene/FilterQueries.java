package dev.embedgate.memory.lucene;

import dev.embedgate.memory.MemoryFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates a {@link MemoryFilter} into a Lucene query over {@link MetadataTerms}: keys and values become terms
 * (bytes), never query text, so nothing a caller writes is parsed. The queries only filter; they do not score.
 */
final class FilterQueries {

    private FilterQueries() {
    }

    /** The namespace's memories that match the filter. */
    static Query inNamespace(String namespace, MemoryFilter filter) {
        var query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(MemoryDocuments.NAMESPACE, namespace)), Occur.FILTER);
        if (!filter.matchesAll()) {
            query.add(translate(filter), Occur.FILTER);
        }
        return query.build();
    }

    static Query translate(MemoryFilter filter) {
        return switch (filter) {
            case MemoryFilter.Equals equals -> new TermQuery(MetadataTerms.equal(equals.key(), equals.value()));
            case MemoryFilter.In in -> anyOf(in.key(), in.values());
            case MemoryFilter.Range range -> MetadataTerms.range(range.key(), range.min(), range.minInclusive(),
                    range.max(), range.maxInclusive());
            case MemoryFilter.Exists exists -> new TermQuery(MetadataTerms.present(exists.key()));
            case MemoryFilter.And and -> allOf(and.all());
            case MemoryFilter.Or or -> {
                var query = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
                or.any().forEach(each -> query.add(translate(each), Occur.SHOULD));
                yield query.build();
            }
            case MemoryFilter.Not not -> new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), Occur.FILTER)
                    .add(translate(not.negated()), Occur.MUST_NOT)
                    .build();
        };
    }

    private static Query allOf(List<MemoryFilter> all) {
        if (all.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        var query = new BooleanQuery.Builder();
        boolean positive = false;
        for (MemoryFilter each : all) {
            if (each instanceof MemoryFilter.Not not) {
                query.add(translate(not.negated()), Occur.MUST_NOT);
            } else {
                query.add(translate(each), Occur.FILTER);
                positive = true;
            }
        }
        if (!positive) {
            // Lucene matches nothing with exclusions alone.
            query.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        return query.build();
    }

    /** A set query per field: strings, numbers and booleans are apart. */
    private static Query anyOf(String key, List<Object> values) {
        Map<String, List<BytesRef>> byField = values.stream().map(value -> MetadataTerms.equal(key, value))
                .collect(Collectors.groupingBy(Term::field, Collectors.mapping(Term::bytes, Collectors.toList())));
        var query = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
        byField.forEach((field, terms) -> query.add(new TermInSetQuery(field, terms), Occur.SHOULD));
        return query.build();
    }
}
