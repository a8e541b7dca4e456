package dev.embedgate.testkit.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.jina.JinaPlugin;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

class JinaRerankProviderTest extends SimulatedRerankContract {

    @Override
    protected Route route() {
        return Route.COHERE;
    }

    @Override
    protected String baseUrl() {
        return simulator.jinaBaseUrl();
    }

    @Override
    protected RerankProvider provider(RemoteEndpoint endpoint) {
        return new JinaPlugin().rerank("jina/jina-reranker-v2-base-multilingual",
                new RerankModel("jina-reranker-v2-base-multilingual", 100), endpoint);
    }

    @Test
    void usageIsTheTotalTokensTheServerReports() {
        List<String> documents = List.of("a red car", "a tree");

        RerankResponse response = provider().rerank(new RerankRequest("red car", documents));

        long simulatorTokens = SimpleTokenCounter.count("red car") * 2 + SimpleTokenCounter.count(documents);
        assertThat(response.inputTokens()).isEqualTo(simulatorTokens);
    }
}
