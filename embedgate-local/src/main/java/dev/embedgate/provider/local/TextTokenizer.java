package dev.embedgate.provider.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's tokenizer with truncation set from the space (never from what tokenizer.json happens to say)
 * and no padding: the batcher pads each batch only to its longest text. Thread-safe.
 */
final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    TextTokenizer(InputStream tokenizerJson, int maxTokens) throws IOException {
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "maxLength", Integer.toString(maxTokens),
                // Without this the library quietly caps maxLength at its own idea of the model's limit (512).
                "modelMaxLength", Integer.toString(maxTokens),
                "padding", "false"));
    }

    List<TokenizedText> tokenize(List<String> texts) {
        Encoding[] encodings = texts.size() == 1
                ? new Encoding[] {tokenizer.encode(texts.getFirst())}
                : tokenizer.batchEncode(texts);
        var result = new ArrayList<TokenizedText>(encodings.length);
        for (Encoding encoding : encodings) {
            result.add(new TokenizedText(encoding.getIds(), encoding.exceedMaxLength()));
        }
        return result;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
