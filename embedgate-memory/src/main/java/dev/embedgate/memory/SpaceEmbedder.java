package dev.embedgate.memory;

import dev.embedgate.call.Priority;
import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.embedding.SpaceEmbeddingRequest;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.InputType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The memory's way into the embedding pipeline: spaces named by id, the gateway's cache, limits, retries and
 * failover, and usage billed to the caller's key. The caller's list of models does not apply: a namespace's space is
 * the gateway's choice, not the caller's (which namespaces a key may touch is checked at the edge).
 */
final class SpaceEmbedder {

    private final EmbeddingService embeddings;
    private final Clock clock;

    SpaceEmbedder(EmbeddingService embeddings, Clock clock) {
        this.embeddings = embeddings;
        this.clock = clock;
    }

    /** The space a model name or space id resolves to. */
    EmbeddingSpace space(String spaceOrModel) {
        return route(spaceOrModel).space();
    }

    /**
     * Online: vectors of the memories' contents in the space, or, when every provider of the space failed and the
     * route allows it, stand-ins of its fallback's space (degraded).
     */
    SpaceVectors documentsNow(String space, List<Memory> memories, Caller caller) {
        ModelRoute route = route(space);
        var request = new EmbeddingRequest(route.name(), contents(memories), InputType.DOCUMENT, null, true);
        return vectors(memories, embeddings.embed(request, unrestricted(caller), true));
    }

    /** Background work: vectors in the space itself, never stand-ins. */
    SpaceVectors documentsLater(String space, List<Memory> memories) {
        var request = SpaceEmbeddingRequest.background(space, contents(memories));
        return vectors(memories, embeddings.embed(request, Caller.ANONYMOUS));
    }

    /** Online, in exactly this space (a migration's other space, written beside the active one): no stand-ins. */
    SpaceVectors documentsIn(String space, List<Memory> memories, Caller caller) {
        var request = new SpaceEmbeddingRequest(space, contents(memories), InputType.DOCUMENT, Priority.ONLINE);
        return vectors(memories, embeddings.embed(request, unrestricted(caller)));
    }

    /** A query's vector in exactly this space. */
    float[] query(String space, String text, Caller caller) {
        var request = new SpaceEmbeddingRequest(space, List.of(text), InputType.QUERY, Priority.ONLINE);
        return embeddings.embed(request, unrestricted(caller)).vectors().getFirst();
    }

    private ModelRoute route(String spaceOrModel) {
        return embeddings.registry().resolveSpace(spaceOrModel);
    }

    private SpaceVectors vectors(List<Memory> memories, Embeddings served) {
        var vectors = new ArrayList<MemoryVector>(memories.size());
        for (int i = 0; i < memories.size(); i++) {
            Memory memory = memories.get(i);
            vectors.add(new MemoryVector(memory.namespace(), memory.id(), memory.contentHash(),
                    served.vectors().get(i), served.provider(), served.degraded(), clock.instant()));
        }
        return new SpaceVectors(served.space(), vectors);
    }

    /** Vectors and the space they belong to (the fallback's, when degraded). */
    record SpaceVectors(EmbeddingSpace space, List<MemoryVector> vectors) {
    }

    private static List<String> contents(List<Memory> memories) {
        return memories.stream().map(Memory::content).toList();
    }

    private static Caller unrestricted(Caller caller) {
        return new Caller(caller.apiKeyId(), Set.of(), caller.dailyBudgetNanoUsd(), caller.monthlyBudgetNanoUsd());
    }
}
