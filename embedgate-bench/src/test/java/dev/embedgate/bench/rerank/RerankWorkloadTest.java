package dev.embedgate.bench.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.bench.corpus.Corpus;
import dev.embedgate.bench.corpus.CorpusText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RerankWorkloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every 10th text is short enough to be a query (12 words); the rest are longer. */
    private static Corpus corpus(int size) {
        return new Corpus(IntStream.range(0, size).mapToObj(i -> new CorpusText("t" + i, i % 10 == 0
                ? "query text number " + i + " with a few more words to be short"
                : "document text number " + i + " which is a longer description of some package that does things "
                        + "and has more than twenty words in it so that it is never held out as a query")).toList());
    }

    private static Set<String> documentsIn(byte[] body) throws IOException {
        var texts = new HashSet<String>();
        JSON.readTree(body).path("documents").forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void queriesAreHeldOutShortTextsThatNeverAppearAmongTheDocuments() throws IOException {
        RerankWorkload workload = RerankWorkload.of(corpus(500), 20, 5);
        assertThat(workload.queryCount()).isEqualTo(50);
        assertThat(workload.documentPool()).isEqualTo(450);
        for (byte[] body : workload.bodies("m", 40)) {
            JsonNode json = JSON.readTree(body);
            assertThat(json.path("query").asText()).startsWith("query text");
            assertThat(documentsIn(body)).hasSize(20).allMatch(text -> text.startsWith("document text"));
        }
    }

    @Test
    void bodiesCarryModelQueryDocumentsAndTopNInCoheresShape() throws IOException {
        JsonNode body = JSON.readTree(RerankWorkload.of(corpus(500), 20, 5).bodies("rerank-english-v3.0", 1).getFirst());
        assertThat(body.path("model").asText()).isEqualTo("rerank-english-v3.0");
        assertThat(body.path("top_n").asInt()).isEqualTo(5);
        assertThat(body.path("documents").size()).isEqualTo(20);
        assertThat(body.path("query").isTextual()).isTrue();
    }

    @Test
    void consecutiveRequestsRankDifferentDocuments() throws IOException {
        List<byte[]> bodies = RerankWorkload.of(corpus(500), 20, 5).bodies("m", 2);
        assertThat(documentsIn(bodies.get(0))).doesNotContainAnyElementsOf(documentsIn(bodies.get(1)));
    }

    @Test
    void distinctBodiesNeverRepeatADocumentTextEvenAfterThePoolWrapsAround() throws IOException {
        RerankWorkload workload = RerankWorkload.of(corpus(100), 20, 5);
        var seen = new HashSet<String>();
        var all = new ArrayList<String>();
        // 90 documents in the pool: 20 requests of 20 go round it more than four times.
        for (long index = 0; index < 20; index++) {
            Set<String> documents = documentsIn(workload.distinctBody("local-cosine", index));
            assertThat(documents).hasSize(20);
            all.addAll(documents);
            seen.addAll(documents);
        }
        assertThat(seen).hasSameSizeAs(all);
    }

    @Test
    void aPoolSmallerThanOneRequestIsRefused() {
        assertThatThrownBy(() -> RerankWorkload.of(corpus(50), 100, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100 documents");
    }
}
