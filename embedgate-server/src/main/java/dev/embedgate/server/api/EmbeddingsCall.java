package dev.embedgate.server.api;

import dev.embedgate.embedding.EmbeddingRequest;

/** A parsed {@code POST /v1/embeddings}: what to embed, and how to write the answer. */
record EmbeddingsCall(EmbeddingRequest request, EncodingFormat encodingFormat) {
}
