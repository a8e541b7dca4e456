package dev.embedgate.testkit.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.tei.TeiPlugin;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeiRerankProviderTest extends SimulatedRerankContract {

    @Override
    protected Route route() {
        return Route.TEI;
    }

    @Override
    protected String baseUrl() {
        return simulator.teiBaseUrl();
    }

    @Override
    protected RerankProvider provider(RemoteEndpoint endpoint) {
        return new TeiPlugin().rerank("tei/bge-reranker-base", new RerankModel("BAAI/bge-reranker-base"), endpoint);
    }

    @Test
    void offersRawScores() {
        assertThat(provider().rawScores()).isTrue();
    }

    @Test
    void usageIsTheComputeTokensHeader() {
        List<String> documents = List.of("a red car", "a tree");

        RerankResponse response = provider().rerank(new RerankRequest("red car", documents));

        assertThat(response.inputTokens())
                .isEqualTo(SimpleTokenCounter.count("red car") * 2 + SimpleTokenCounter.count(documents));
    }
}
