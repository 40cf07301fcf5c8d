package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.densetrain.device.DropoutStream;
import io.densetrain.device.Philox;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lane-parallel Philox of DropoutKernel, piece by piece, against the scalar definitions. */
class DropoutKernelTest {

    /** The high word from four 16×16-bit products equals the 64-bit product's, for random and extreme operands. */
    @Test
    void mulHiIsTheHighWordOfTheUnsignedProduct() {
        SplittableRandom random = new SplittableRandom(5);
        int[] edges = {0, 1, -1, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xD2511F53, 0xCD9E8D57};
        for (int m : new int[] {0xD2511F53, 0xCD9E8D57, -1, 0xFFFF0001}) {
            for (int x : edges) assertEquals(hi(x, m), DropoutKernel.mulHi(x, m), Integer.toHexString(x));
            for (int k = 0; k < 200_000; k++) {
                int x = random.nextInt();
                assertEquals(hi(x, m), DropoutKernel.mulHi(x, m));
            }
        }
    }

    private static int hi(int x, int m) {
        return (int) (((x & 0xFFFFFFFFL) * (m & 0xFFFFFFFFL)) >>> 32);
    }

    /** bits < keepBelow(t) exactly when Philox.uniform(bits) < t: at the boundary and for random bits. */
    @Test
    void keepBelowIsTheIntegerFormOfTheUniformComparison() {
        SplittableRandom random = new SplittableRandom(9);
        for (double keep : new double[] {1e-9, 0.1, 0.5, 0.8, 0.86, 0.999999, 1.0}) {
            float t = (float) keep;
            long below = DropoutKernel.keepBelow(t);
            if (below > 0) assertEquals(true, Philox.uniform((int) (below - 1)) < t, "keep " + keep);
            if (below < 1L << 32) assertEquals(false, Philox.uniform((int) below) < t, "keep " + keep);
            for (int k = 0; k < 100_000; k++) {
                int bits = random.nextInt();
                assertEquals(Philox.uniform(bits) < t, (bits & 0xFFFFFFFFL) < below);
            }
        }
        assertEquals(0, DropoutKernel.keepBelow(0f));
    }

    /** mask and forward equal the stream's uniforms compared with (float) keep, for unaligned starts and several passes of blocks. */
    @Test
    void maskAndForwardMatchTheStreamElementByElement() {
        long seed = 0x1234_5678_9ABCL;
        for (long start : new long[] {0, 1, 3, 5, (1L << 18) - 2, 123_456_789_013L}) {
            for (int n : new int[] {1, 7, DropoutKernel.LANES * 4 - 1, DropoutKernel.LANES * 4 + 5, 3 * DropoutKernel.LANES * 4 + 2}) {
                float[] u = new float[n];
                DropoutStream.uniforms(seed, start, u, n);
                double keep = 0.7;
                double[] d = new double[n], a = new double[n], d2 = new double[n];
                for (int i = 0; i < n; i++) a[i] = i % 3 == 0 ? -1.5 - i : 0.25 * i;
                double[] a0 = a.clone();
                DropoutKernel.mask(d, 0, n, keep, seed, start);
                DropoutKernel.forward(a, d2, n, keep, seed, start);
                for (int i = 0; i < n; i++) {
                    boolean kept = u[i] < (float) keep;
                    String where = "start " + start + ", n " + n + ", element " + i;
                    assertEquals(kept ? 1.0 : 0.0, d[i], where);
                    assertEquals(d[i], d2[i], where);
                    assertEquals(Double.doubleToRawLongBits(kept ? a0[i] * (1.0 / keep) : 0.0), Double.doubleToRawLongBits(a[i]), where);
                }
            }
        }
    }
}
