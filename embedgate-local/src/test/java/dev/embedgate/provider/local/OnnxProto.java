package dev.embedgate.provider.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Just enough of ONNX's protobuf schema (onnx/onnx.proto) to write small test graphs by hand, so that tests run a real
 * ONNX Runtime session with a cross-encoder's exact inputs and outputs without any weights. Each method builds one
 * message; the field numbers are onnx.proto's.
 */
final class OnnxProto {

    /** TensorProto.DataType */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private OnnxProto() {
    }

    /** ModelProto{ir_version = 8, opset_import = {"", 13}, producer_name, graph}. */
    static byte[] model(Message graph) {
        return new Message()
                .varint(1, 8)
                .message(8, new Message().string(1, "").varint(2, 13))
                .string(2, "embedgate-test")
                .message(7, graph)
                .bytes();
    }

    /** GraphProto{node, name, initializer, input, output}. */
    static Message graph(List<Message> nodes, List<Message> initializers, List<Message> inputs, List<Message> outputs) {
        var graph = new Message();
        nodes.forEach(node -> graph.message(1, node));
        graph.string(2, "tiny");
        initializers.forEach(tensor -> graph.message(5, tensor));
        inputs.forEach(input -> graph.message(11, input));
        outputs.forEach(output -> graph.message(12, output));
        return graph;
    }

    /** NodeProto{input, output, op_type, attribute}. */
    static Message node(String opType, List<String> inputs, String output, Message... attributes) {
        var node = new Message();
        inputs.forEach(input -> node.string(1, input));
        node.string(2, output).string(4, opType);
        for (Message attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    /** AttributeProto{name, i, type = INT}. */
    static Message intAttribute(String name, long value) {
        return new Message().string(1, name).varint(3, value).varint(20, 2);
    }

    /** A float scalar initializer: TensorProto{data_type, float_data, name}. */
    static Message floatScalar(String name, float value) {
        return new Message().varint(2, FLOAT).packedFloats(4, value).string(8, name);
    }

    /** A 1-d int64 initializer: TensorProto{dims, data_type, int64_data, name}. */
    static Message int64Vector(String name, long... values) {
        return new Message().varint(1, values.length).varint(2, INT64).packedVarints(7, values).string(8, name);
    }

    /**
     * ValueInfoProto{name, type = TypeProto{tensor_type = {elem_type, shape}}}; each dimension a String (symbolic)
     * or a Number (fixed).
     */
    static Message tensor(String name, int elementType, Object... dims) {
        var shape = new Message();
        for (Object dim : dims) {
            shape.message(1, dim instanceof String symbol ? new Message().string(2, symbol)
                    : new Message().varint(1, ((Number) dim).longValue()));
        }
        var tensorType = new Message().varint(1, elementType).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /** A protobuf message being written: fields in the order they are added. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        Message string(int field, String value) {
            return lengthDelimited(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return lengthDelimited(field, value.bytes());
        }

        Message packedFloats(int field, float... values) {
            var packed = new ByteArrayOutputStream();
            for (float value : values) {
                int bits = Float.floatToIntBits(value);
                for (int shift = 0; shift < 32; shift += 8) {
                    packed.write(bits >>> shift);
                }
            }
            return lengthDelimited(field, packed.toByteArray());
        }

        Message packedVarints(int field, long... values) {
            var packed = new Message();
            for (long value : values) {
                packed.writeVarint(value);
            }
            return lengthDelimited(field, packed.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Message lengthDelimited(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void tag(int field, int wireType) {
            writeVarint((long) field << 3 | wireType);
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
