package dev.embedgate.memory;

import dev.embedgate.embedding.Caller;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves memories: validates them, stores them (durably, before anything can fail upstream), then embeds them in their
 * namespace's active space while the caller waits. When no provider of that space can serve (down, rate-limited,
 * budget spent), the memories stay saved and pending, and the background worker embeds them later: saving never
 * fails, and never loses a memory, because of a provider.
 */
final class MemoryWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryWriter.class);

    private final MemoryStore store;
    private final SpaceEmbedder embedder;
    private final MemorySettings settings;
    private final String defaultSpace;
    private final Clock clock;
    private final Runnable workLeft;
    private final Function<String, Set<String>> alsoEmbedIn;

    /** @param alsoEmbedIn spaces a namespace's saves are embedded in besides its active one (during migrations) */
    MemoryWriter(MemoryStore store, SpaceEmbedder embedder, MemorySettings settings, String defaultSpace, Clock clock,
                 Runnable workLeft, Function<String, Set<String>> alsoEmbedIn) {
        this.store = store;
        this.embedder = embedder;
        this.settings = settings;
        this.defaultSpace = defaultSpace;
        this.clock = clock;
        this.workLeft = workLeft;
        this.alsoEmbedIn = alsoEmbedIn;
    }

    /**
     * @param embedNow false to leave every memory to the background worker (bulk imports that should not wait)
     * @throws InvalidRequestException when a memory is invalid; then nothing is saved
     */
    List<SavedMemory> save(List<NewMemory> batch, Caller caller, boolean embedNow) {
        List<Memory> memories = validated(batch);
        List<Memory> stored = store.save(memories);
        var states = new ArrayList<SavedMemory>(stored.size());
        Map<String, List<Memory>> bySpace = new LinkedHashMap<>();
        for (Memory memory : stored) {
            bySpace.computeIfAbsent(store.activeSpaceOrSet(memory.namespace(), defaultSpace), space -> new ArrayList<>())
                    .add(memory);
        }
        boolean pendingLeft = false;
        for (Map.Entry<String, List<Memory>> group : bySpace.entrySet()) {
            List<SavedMemory> saved = embedNow ? embed(group.getKey(), group.getValue(), caller)
                    : pending(group.getKey(), group.getValue());
            pendingLeft |= saved.stream().anyMatch(each -> each.state() != SavedMemory.State.EMBEDDED);
            states.addAll(saved);
        }
        if (pendingLeft) {
            workLeft.run();
        }
        if (embedNow) {
            embedInOtherSpaces(bySpace, caller);
        }
        return inOrder(stored, states);
    }

    /**
     * While a namespace is being migrated, its saves get vectors in the migration's other space too, so that the
     * migration need not come back for them. A failure here costs nothing but time: the migration embeds them.
     */
    private void embedInOtherSpaces(Map<String, List<Memory>> byActiveSpace, Caller caller) {
        Map<String, List<Memory>> byOtherSpace = new LinkedHashMap<>();
        for (Map.Entry<String, List<Memory>> group : byActiveSpace.entrySet()) {
            for (Memory memory : group.getValue()) {
                for (String space : alsoEmbedIn.apply(memory.namespace())) {
                    if (!space.equals(group.getKey())) {
                        byOtherSpace.computeIfAbsent(space, key -> new ArrayList<>()).add(memory);
                    }
                }
            }
        }
        byOtherSpace.forEach((space, memories) -> {
            try {
                store.putVectors(space, embedder.documentsIn(space, memories, caller).vectors());
            } catch (EmbedGateException | IllegalArgumentException e) {
                LOG.info("{} memories not embedded in {} beside their active space ({}); the migration will",
                        memories.size(), space, e.getClass().getSimpleName());
            }
        });
    }

    private List<SavedMemory> embed(String space, List<Memory> memories, Caller caller) {
        try {
            SpaceEmbedder.SpaceVectors served = embedder.documentsNow(space, memories, caller);
            String servedSpace = served.space().id();
            store.addSpace(servedSpace, served.space().dimensions());
            store.putVectors(servedSpace, served.vectors());
            boolean degraded = !servedSpace.equals(space);
            SavedMemory.State state = degraded ? SavedMemory.State.DEGRADED : SavedMemory.State.EMBEDDED;
            return memories.stream().map(memory -> new SavedMemory(memory, state, servedSpace)).toList();
        } catch (EmbedGateException e) {
            LOG.info("{} memories saved pending: their space {} cannot embed now ({})", memories.size(), space,
                    e.getClass().getSimpleName());
            return pending(space, memories);
        }
    }

    private static List<SavedMemory> pending(String space, List<Memory> memories) {
        return memories.stream().map(memory -> new SavedMemory(memory, SavedMemory.State.PENDING, space)).toList();
    }

    private static List<SavedMemory> inOrder(List<Memory> stored, List<SavedMemory> states) {
        var byKey = new LinkedHashMap<String, SavedMemory>();
        for (SavedMemory state : states) {
            byKey.put(key(state.memory()), state);
        }
        return stored.stream().map(memory -> byKey.get(key(memory))).toList();
    }

    private List<Memory> validated(List<NewMemory> batch) {
        if (batch.isEmpty()) {
            throw new InvalidRequestException("no memories to save; send at least one", "memories", "empty_input");
        }
        if (batch.size() > settings.maxBatch()) {
            throw new InvalidRequestException("a save holds at most " + settings.maxBatch() + " memories, this one "
                    + batch.size(), "memories", "too_many_memories");
        }
        Instant now = clock.instant();
        var memories = new ArrayList<Memory>(batch.size());
        var keys = new HashSet<String>();
        for (int i = 0; i < batch.size(); i++) {
            Memory memory = validated(batch.get(i), i, now);
            if (!keys.add(key(memory))) {
                throw new InvalidRequestException("memories[" + i + "] repeats the id '" + memory.id()
                        + "' of an earlier memory in this save", "memories[" + i + "].id", "duplicate_id");
            }
            memories.add(memory);
        }
        return memories;
    }

    private Memory validated(NewMemory memory, int index, Instant now) {
        String at = "memories[" + index + "]";
        String namespace = MemoryNames.namespace(memory.namespace(), at + ".namespace");
        String id = memory.id() == null ? UUID.randomUUID().toString() : MemoryNames.id(memory.id(), at + ".id");
        String content = memory.content();
        if (content == null || content.isBlank()) {
            throw new InvalidRequestException(at + ".content is empty; a memory must hold text", at + ".content",
                    "empty_content");
        }
        if (content.length() > settings.maxContentChars()) {
            throw new InvalidRequestException(at + ".content has " + content.length() + " characters; at most "
                    + settings.maxContentChars(), at + ".content", "content_too_long");
        }
        MemoryNames.requireText(content, at + ".content");
        double importance = memory.importance() == null ? MemoryService.DEFAULT_IMPORTANCE : memory.importance();
        if (!(importance >= 0 && importance <= 1)) {
            throw new InvalidRequestException(at + ".importance must be within 0..1", at + ".importance",
                    "invalid_importance");
        }
        Metadata metadata = memory.metadata() == null ? Metadata.EMPTY : memory.metadata();
        return Memory.saved(namespace, id, content, metadata, importance, now);
    }

    private static String key(Memory memory) {
        return memory.namespace() + '\u0000' + memory.id();
    }
}
