package dev.embedgate.server.config;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.store.Database;
import dev.embedgate.usage.UsageRecorder;

/**
 * A gateway's assembled parts: the embedding pipeline (with its cache), the usage recorder and the operational
 * database. Closing it flushes usage and closes everything in order.
 */
public final class Gateway implements AutoCloseable {

    private final EmbeddingService service;
    private final UsageRecorder usage;
    private final Database database;

    Gateway(EmbeddingService service, UsageRecorder usage, Database database) {
        this.service = service;
        this.usage = usage;
        this.database = database;
    }

    public EmbeddingService service() {
        return service;
    }

    public UsageRecorder usage() {
        return usage;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        usage.close();
        service.registry().close();
        service.cache().close();
        database.close();
    }
}
