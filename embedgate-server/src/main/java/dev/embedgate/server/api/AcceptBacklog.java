package dev.embedgate.server.api;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * A listening socket's queue of connections not yet accepted, made long enough for bursts: Jetty leaves it to the
 * JDK's default of 50, and a burst of clients connecting at once (200 streams opened together, say) then overflows
 * it, which Linux answers by dropping or resetting the connections beyond it. The kernel caps it at
 * {@code net.core.somaxconn}.
 */
final class AcceptBacklog {

    static final int CONNECTIONS = 1024;

    private AcceptBacklog() {
    }

    /** Sets the queue of every connector the server has when it starts (Javalin adds its connector late). */
    static void apply(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof ServerConnector listening) {
                        listening.setAcceptQueueSize(CONNECTIONS);
                    }
                }
            }
        });
    }
}
