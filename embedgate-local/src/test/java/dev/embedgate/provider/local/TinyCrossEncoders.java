package dev.embedgate.provider.local;

import static dev.embedgate.provider.local.OnnxProto.FLOAT;
import static dev.embedgate.provider.local.OnnxProto.INT64;
import static dev.embedgate.provider.local.OnnxProto.floatScalar;
import static dev.embedgate.provider.local.OnnxProto.graph;
import static dev.embedgate.provider.local.OnnxProto.int64Vector;
import static dev.embedgate.provider.local.OnnxProto.intAttribute;
import static dev.embedgate.provider.local.OnnxProto.node;
import static dev.embedgate.provider.local.OnnxProto.tensor;

import dev.embedgate.provider.local.OnnxProto.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-encoder directories for tests: a real BERT WordPiece {@code tokenizer.json} (all-MiniLM-L6-v2's, which
 * encodes pairs with token types), a {@code config.json}, and a tiny ONNX graph with a cross-encoder's exact inputs and
 * output whose logit a test can predict from the tokenizer's own encoding.
 */
public final class TinyCrossEncoders {

    /** ms-marco-MiniLM-L6-v2's config, as far as it matters here. */
    public static final String CONFIG = """
            {"model_type": "bert", "max_position_embeddings": 512, "id2label": {"0": "LABEL_0"}}""";
    static final String TWO_LABEL_CONFIG = """
            {"model_type": "bert", "max_position_embeddings": 512, "num_labels": 2}""";

    private static final List<String> PAIR_INPUTS = List.of("input_ids", "attention_mask", "token_type_ids");

    private TinyCrossEncoders() {
    }

    /** {@code logits = a × (tokens of the document segment, its closing [SEP] included) + b}. */
    public static byte[] countingDocumentTokens(float a, float b) {
        return documentSum(false, a, b, false);
    }

    /** {@code logits = the sum of the document segment's token ids}: right only if ids and types line up. */
    static byte[] summingDocumentIds() {
        return documentSum(true, 1, 0, false);
    }

    /** Two labels, {@code [-n, n]} for n document tokens: the relevance logit is {@code 2n}. */
    static byte[] twoLabelsCountingDocumentTokens() {
        return documentSum(false, 1, 0, true);
    }

    /** No {@code token_type_ids} input; {@code logits = tokens of the whole pair}. */
    static byte[] countingAllTokensWithoutTokenTypes() {
        List<Message> nodes = new ArrayList<>();
        nodes.add(node("Cast", List.of("attention_mask"), "mask_f", intAttribute("to", FLOAT)));
        nodes.add(node("ReduceSum", List.of("mask_f", "axes"), "logits", intAttribute("keepdims", 1)));
        return OnnxProto.model(graph(nodes, List.of(int64Vector("axes", 1)),
                inputs(List.of("input_ids", "attention_mask")), List.of(tensor("logits", FLOAT, "batch", 1))));
    }

    /** Takes {@code input_ids} and {@code token_type_ids} but no {@code attention_mask}. */
    static byte[] withoutAttentionMask() {
        List<Message> nodes = List.of(
                node("Cast", List.of("token_type_ids"), "types_f", intAttribute("to", FLOAT)),
                node("ReduceSum", List.of("types_f", "axes"), "logits", intAttribute("keepdims", 1)));
        return OnnxProto.model(graph(nodes, List.of(int64Vector("axes", 1)),
                inputs(List.of("input_ids", "token_type_ids")), List.of(tensor("logits", FLOAT, "batch", 1))));
    }

    /** Declares logits [batch, 1] but answers one value per token, [batch, sequence]: it fails at inference. */
    static byte[] answeringPerToken() {
        List<Message> nodes = List.of(node("Cast", List.of("attention_mask"), "logits", intAttribute("to", FLOAT)));
        return OnnxProto.model(graph(nodes, List.of(), inputs(PAIR_INPUTS), List.of(tensor("logits", FLOAT, "batch", 1))));
    }

    /** A directory holding the graph as {@code model.onnx}, MiniLM's {@code tokenizer.json} and the config. */
    public static Path directory(Path parent, byte[] model, String configJson) throws IOException {
        Path directory = Files.createTempDirectory(parent, "xenc");
        Files.write(directory.resolve("model.onnx"), model);
        try (InputStream tokenizer = TestModels.spec(BuiltInModels.MINILM).source().openTokenizerJson()) {
            Files.copy(tokenizer, directory.resolve("tokenizer.json"));
        }
        Files.writeString(directory.resolve("config.json"), configJson);
        return directory;
    }

    private static byte[] documentSum(boolean ids, float a, float b, boolean twoLabels) {
        List<Message> nodes = new ArrayList<>();
        nodes.add(node("Mul", List.of("token_type_ids", "attention_mask"), "document"));
        if (ids) {
            nodes.add(node("Mul", List.of("document", "input_ids"), "document_ids"));
        }
        nodes.add(node("Cast", List.of(ids ? "document_ids" : "document"), "document_f", intAttribute("to", FLOAT)));
        nodes.add(node("ReduceSum", List.of("document_f", "axes"), "sum", intAttribute("keepdims", 1)));
        nodes.add(node("Mul", List.of("sum", "a"), "scaled"));
        nodes.add(node("Add", List.of("scaled", "b"), twoLabels ? "relevant" : "logits"));
        if (twoLabels) {
            nodes.add(node("Neg", List.of("relevant"), "irrelevant"));
            nodes.add(node("Concat", List.of("irrelevant", "relevant"), "logits", intAttribute("axis", 1)));
        }
        return OnnxProto.model(graph(nodes, List.of(int64Vector("axes", 1), floatScalar("a", a), floatScalar("b", b)),
                inputs(PAIR_INPUTS), List.of(tensor("logits", FLOAT, "batch", twoLabels ? 2 : 1))));
    }

    private static List<Message> inputs(List<String> names) {
        return names.stream().map(name -> tensor(name, INT64, "batch", "sequence")).toList();
    }
}
