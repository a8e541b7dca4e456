package dev.embedgate.testkit.openai;

import dev.embedgate.testkit.wire.Base64Floats;
import dev.embedgate.testkit.wire.WireReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's embeddings answer, also spoken by OpenAI-compatible servers (TEI's {@code /v1/embeddings}):
 * {@code {"object": "list", "data": [{"object": "embedding", "index", "embedding"}], "model", "usage"}}.
 */
public final class OpenAiEmbeddingList {

    private OpenAiEmbeddingList() {
    }

    public static WireReply reply(String model, List<float[]> vectors, boolean base64, long promptTokens) {
        var data = new ArrayList<Map<String, Object>>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            var item = new LinkedHashMap<String, Object>();
            item.put("object", "embedding");
            item.put("index", i);
            item.put("embedding", base64 ? Base64Floats.encode(vectors.get(i)) : vectors.get(i));
            data.add(item);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("object", "list");
        body.put("data", data);
        body.put("model", model);
        body.put("usage", Map.of("prompt_tokens", promptTokens, "total_tokens", promptTokens));
        return WireReply.json(200, body);
    }
}
