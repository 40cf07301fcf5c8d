package io.densetrain.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Philox4x32-10 against the Random123 known-answer vectors, and the dropout stream's layout. */
class PhiloxTest {

    private static int[] philox(long c0, long c1, long c2, long c3, long k0, long k1) {
        int[] out = new int[4];
        Philox.block((int) c0, (int) c1, (int) c2, (int) c3, (int) k0, (int) k1, out);
        return out;
    }

    @Test
    void matchesRandom123KnownAnswers() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, philox(0, 0, 0, 0, 0, 0));
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
                philox(0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL, 0xffffffffL));
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
                philox(0x243f6a88L, 0x85a308d3L, 0x13198a2eL, 0x03707344L, 0xa4093822L, 0x299f31d0L));
    }

    @Test
    void uniformIsCurandsFloatMapping() {
        assertEquals(0x1p-33f, Philox.uniform(0));
        assertEquals(1.0f, Philox.uniform(-1)); // 0xffffffff rounds to 2^32 in float: u = 1 + 2^-33 → 1.0f
        assertEquals(0.5f + 0x1p-33f, Philox.uniform(0x80000000), 0f);
    }

    @Test
    void streamElementsFollowCurandsHostLayout() {
        long seed = 0x1234567890ABCDEFL;
        // g = 4·j + lane, counter (j >> 16 as 64 bits, j & 0xFFFF, 0), key (seed lo, seed hi)
        long g = 4L * 70000 + 2;
        long j = g / 4;
        int[] block = philox((j >>> 16), 0, j & 0xFFFF, 0, seed & 0xffffffffL, seed >>> 32);
        assertEquals(Philox.uniform(block[2]), DropoutStream.uniform(seed, g));
        float[] run = new float[10];
        DropoutStream.uniforms(seed, g - 3, run, 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(DropoutStream.uniform(seed, g - 3 + i), run[i]);
        }
    }

    @Test
    void uniformsAreUniformAndLayersDiffer() {
        float[] u = new float[100_000];
        DropoutStream.uniforms(7, DropoutStream.offset(1, 3), u, u.length);
        double mean = 0;
        for (float v : u) {
            assertTrue(v > 0 && v <= 1);
            mean += v;
        }
        assertEquals(0.5, mean / u.length, 0.005);
        assertTrue(DropoutStream.uniform(7, DropoutStream.offset(1, 3)) != DropoutStream.uniform(7, DropoutStream.offset(2, 3)));
        assertTrue(DropoutStream.uniform(7, DropoutStream.offset(1, 3)) != DropoutStream.uniform(7, DropoutStream.offset(1, 4)));
    }
}
