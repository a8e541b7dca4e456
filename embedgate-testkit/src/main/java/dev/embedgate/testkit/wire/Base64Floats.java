package dev.embedgate.testkit.wire;

import dev.embedgate.space.VectorBytes;
import java.util.Base64;

/** Vectors as base64 of little-endian float32, as OpenAI's {@code encoding_format: base64} sends them. */
public final class Base64Floats {

    private Base64Floats() {
    }

    public static String encode(float[] vector) {
        return Base64.getEncoder().encodeToString(VectorBytes.toBytes(vector));
    }

    public static float[] decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        // Trailing bytes short of a whole float are ignored, as the simulator's readers always did.
        return VectorBytes.fromBytes(bytes, 0, bytes.length / Float.BYTES * Float.BYTES);
    }
}
