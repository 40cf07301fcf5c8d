package io.densetrain.device.cpu;

import io.densetrain.device.DropoutStream;
import io.densetrain.device.Philox;
import java.nio.DoubleBuffer;

/**
 * The CPU's {@code dropout_forward} in one pass: each Philox4x32-10 block gives the uniforms of four
 * consecutive elements (the ordering of {@link DropoutStream}), which are compared with
 * {@code (float) keepProb} and applied at once, D = u &lt; keep, A = A·D/keep, with no intermediate
 * array. Philox's ten rounds are a chain of dependent multiplies, so the main loop computes two
 * blocks side by side (the same rounds as {@link Philox#block}, interleaved so that the CPU overlaps
 * them); CpuDeviceTest checks every element against {@link DropoutStream#uniforms}. The mask is a pure
 * function of the element index, so any split into ranges gives the same D.
 */
final class DropoutKernel {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final long LOW = 0xFFFFFFFFL;

    private DropoutKernel() {
    }

    /**
     * Elements {@code [from, to)} of A (at {@code aOff}) and D (at {@code dOff}); stream index = start +
     * element. Staged through heap arrays in blocks ({@link HeapStage}).
     */
    static void forward(DoubleBuffer a, int aOff, DoubleBuffer d, int dOff, int from, int to,
                        double keepProb, long seed, long start) {
        for (int b0 = from; b0 < to; b0 += HeapStage.BLOCK) {
            int n = Math.min(HeapStage.BLOCK, to - b0);
            double[] as = HeapStage.array(1, n), ds = HeapStage.array(2, n);
            a.get(aOff + b0, as, 0, n);
            forward(as, ds, n, keepProb, seed, start + b0);
            a.put(aOff + b0, as, 0, n);
            d.put(dOff + b0, ds, 0, n);
        }
    }

    /** Elements {@code [0, to)} of heap arrays A and D; stream index = start + element. */
    static void forward(double[] a, double[] d, int to, double keepProb, long seed, long start) {
        float threshold = (float) keepProb;
        double inv = 1.0 / keepProb;
        int k0 = (int) seed, k1 = (int) (seed >>> 32);
        int[] block = new int[4];
        int i = 0;
        long g = start;
        // Head (up to a block boundary) and tail: one block at a time.
        while (i < to && ((g & 3) != 0 || to - i < 8)) {
            long j = g >>> 2, hi = j >>> 16;
            Philox.block((int) hi, (int) (hi >>> 32), (int) (j & 0xFFFF), 0, k0, k1, block);
            for (int lane = (int) (g & 3); lane < 4 && i < to; lane++, i++, g++) {
                apply(a, d, i, block[lane], threshold, inv);
            }
        }
        // Main loop: blocks j and j+1 (eight elements) with their rounds interleaved.
        while (to - i >= 8) {
            long j = g >>> 2, hj = j >>> 16, j2 = j + 1, hj2 = j2 >>> 16;
            int a0 = (int) hj, a1 = (int) (hj >>> 32), a2 = (int) (j & 0xFFFF), a3 = 0;
            int b0 = (int) hj2, b1 = (int) (hj2 >>> 32), b2 = (int) (j2 & 0xFFFF), b3 = 0;
            int key0 = k0, key1 = k1;
            for (int round = 0; round < 10; round++) {
                if (round > 0) {
                    key0 += W0;
                    key1 += W1;
                }
                long pa0 = M0 * (a0 & LOW), pa1 = M1 * (a2 & LOW);
                long pb0 = M0 * (b0 & LOW), pb1 = M1 * (b2 & LOW);
                int na0 = (int) (pa1 >>> 32) ^ a1 ^ key0, na2 = (int) (pa0 >>> 32) ^ a3 ^ key1;
                int nb0 = (int) (pb1 >>> 32) ^ b1 ^ key0, nb2 = (int) (pb0 >>> 32) ^ b3 ^ key1;
                a1 = (int) pa1;
                a3 = (int) pa0;
                b1 = (int) pb1;
                b3 = (int) pb0;
                a0 = na0;
                a2 = na2;
                b0 = nb0;
                b2 = nb2;
            }
            apply(a, d, i, a0, threshold, inv);
            apply(a, d, i + 1, a1, threshold, inv);
            apply(a, d, i + 2, a2, threshold, inv);
            apply(a, d, i + 3, a3, threshold, inv);
            apply(a, d, i + 4, b0, threshold, inv);
            apply(a, d, i + 5, b1, threshold, inv);
            apply(a, d, i + 6, b2, threshold, inv);
            apply(a, d, i + 7, b3, threshold, inv);
            i += 8;
            g += 8;
        }
        while (i < to) { // tail shorter than two blocks
            long j = g >>> 2, hi = j >>> 16;
            Philox.block((int) hi, (int) (hi >>> 32), (int) (j & 0xFFFF), 0, k0, k1, block);
            for (int lane = (int) (g & 3); lane < 4 && i < to; lane++, i++, g++) {
                apply(a, d, i, block[lane], threshold, inv);
            }
        }
    }

    /** D[i] = u(bits) &lt; keep; A[i] = A[i]·D[i]/keep. */
    private static void apply(double[] a, double[] d, int i, int bits, float threshold, double inv) {
        boolean keep = Philox.uniform(bits) < threshold;
        d[i] = keep ? 1.0 : 0.0;
        a[i] = keep ? a[i] * inv : 0.0;
    }
}
