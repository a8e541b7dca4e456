package dev.embedgate.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VectorBytesTest {

    @Test
    void packsLittleEndianFloat32ExactlyAndBack() {
        float[] awkward = {0.1f, -1.5e-7f, Float.MIN_NORMAL, 3.4028235e38f, Float.NaN, -0.0f};
        byte[] bytes = VectorBytes.toBytes(awkward);

        assertThat(bytes).hasSize(awkward.length * 4);
        assertThat(bytes[0]).isEqualTo((byte) 0xCD);   // 0.1f is 0x3DCCCCCD: the low byte comes first
        assertThat(bytes[3]).isEqualTo((byte) 0x3D);
        assertThat(VectorBytes.fromBytes(bytes)).containsExactly(awkward);
    }

    @Test
    void writesAndReadsAtAnOffset() {
        float[] vector = {1.25f, -2f};
        byte[] framed = new byte[3 + 8 + 2];
        VectorBytes.write(vector, framed, 3);

        assertThat(VectorBytes.fromBytes(framed, 3, 8)).containsExactly(vector);
        assertThat(framed[0]).isZero();
        assertThat(framed[12]).isZero();
    }

    @Test
    void refusesBytesThatAreNotWholeFloats() {
        assertThatThrownBy(() -> VectorBytes.fromBytes(new byte[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 bytes");
    }
}
