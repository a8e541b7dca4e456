package dev.embedgate.server.api;

import dev.embedgate.embedding.EmbeddingRequest;

/**
 * A parsed {@code POST /v1/embeddings}: what to embed, and how.
 *
 * @param useCache false when the body says {@code "cache": false}
 */
record EmbeddingsCall(EmbeddingRequest request, EncodingFormat encodingFormat, boolean useCache) {
}
