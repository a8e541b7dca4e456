package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class AcceptBacklogTest {

    @Test
    void aConnectorAddedBeforeTheServerStartsListensWithTheLongerQueue() throws Exception {
        var server = new Server();
        AcceptBacklog.apply(server);
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        try {
            server.start();

            assertThat(connector.getAcceptQueueSize()).isEqualTo(AcceptBacklog.CONNECTIONS);
            assertThat(connector.getLocalPort()).isPositive();
        } finally {
            server.stop();
        }
    }
}
