package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.Recall;
import dev.embedgate.memory.SavedMemory;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The memory API's answers, as JSON sees them (snake_case, times in ISO-8601). */
final class MemoryViews {

    private MemoryViews() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemoryView(String object, String id, String namespace, String content, Map<String, Object> metadata,
                      double importance, String createdAt, String updatedAt, String contentHash) {

        static MemoryView of(Memory memory) {
            return new MemoryView("memory", memory.id(), memory.namespace(), memory.content(),
                    memory.metadata().values(), memory.importance(), memory.createdAt().toString(),
                    memory.updatedAt().toString(), memory.contentHash());
        }
    }

    /**
     * @param state {@code embedded}, {@code pending} (the background worker embeds it) or {@code degraded} (a
     *              stand-in vector of the fallback's space until the active space serves)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SavedView(String object, String id, String namespace, String state, String space, String createdAt,
                     String updatedAt) {

        static SavedView of(SavedMemory saved) {
            Memory memory = saved.memory();
            return new SavedView("memory", memory.id(), memory.namespace(),
                    saved.state().name().toLowerCase(Locale.ROOT), saved.space(), memory.createdAt().toString(),
                    memory.updatedAt().toString());
        }
    }

    record ListView<T>(String object, List<T> data) {

        static <T> ListView<T> of(List<T> data) {
            return new ListView<>("list", data);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RecalledView(String id, String namespace, String content, Map<String, Object> metadata, double importance,
                        String createdAt, String updatedAt, double score, String space) {

        static RecalledView of(Recall.Recalled recalled) {
            Memory memory = recalled.memory();
            return new RecalledView(memory.id(), memory.namespace(), memory.content(), memory.metadata().values(),
                    memory.importance(), memory.createdAt().toString(), memory.updatedAt().toString(),
                    recalled.score(), recalled.space());
        }
    }

    /**
     * @param modeUsed how the memories were ranked ({@code keyword_importance} when the query could not be embedded)
     * @param spaces   the spaces whose vectors were searched
     * @param notice   why the answer is not what was asked for, or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RecallView(String object, List<RecalledView> data, String modeUsed, List<String> spaces, String notice) {

        static RecallView of(Recall recall) {
            return new RecallView("list", recall.memories().stream().map(RecalledView::of).toList(),
                    recall.modeUsed().wireName(), recall.spaces(), recall.notice());
        }
    }

    record DeletedView(String object, String id, String namespace, boolean deleted) {
    }

    record DeletedManyView(String object, String namespace, long deleted) {
    }
}
