package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;

/**
 * Builds request trees in which the integers a token id can be are shared nodes: a body of token ids (2 to 7 bytes
 * each on the wire) then costs a 4-byte reference per id instead of a 16-byte node as well, so that a body of ids
 * at the size limit takes about as much memory as one of text. Thread-safe.
 */
final class SharedIntNodes extends JsonNodeFactory {

    /** Above every cl100k_base token id; larger integers get nodes of their own. */
    private static final int SHARED = 1 << 17;

    /** Made when first met; two threads making the same one at once is harmless (a node is immutable). */
    private final IntNode[] nodes = new IntNode[SHARED];

    SharedIntNodes() {
        super(false);
    }

    @Override
    public NumericNode numberNode(int value) {
        if (value < 0 || value >= SHARED) {
            return super.numberNode(value);
        }
        IntNode node = nodes[value];
        if (node == null) {
            node = new IntNode(value);
            nodes[value] = node;
        }
        return node;
    }
}
