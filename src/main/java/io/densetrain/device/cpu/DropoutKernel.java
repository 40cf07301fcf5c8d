package io.densetrain.device.cpu;

import io.densetrain.device.DropoutStream;
import io.densetrain.device.Philox;
import java.nio.DoubleBuffer;

/**
 * The CPU's {@code dropout_forward}: D = u &lt; keep, A = A·D/keep, where u is the Philox4x32-10 uniform of
 * the element's stream index (four consecutive elements per block, the ordering of {@link DropoutStream}).
 * Blocks are computed {@link #LANES} at a time, lane by lane in int arrays: each of the ten rounds is one
 * loop over the lanes that C2 compiles to packed AVX2 integer arithmetic, the high half of each 32×32-bit
 * product assembled from four 16×16-bit products ({@link #mulHi}), because a packed 64-bit multiply
 * needs AVX-512. The comparison u &lt; keep is the integer comparison bits &lt; {@link #keepBelow}(keep), u being
 * a non-decreasing function of the bits. Same bits as {@link Philox#block}; CpuDeviceTest checks every
 * element against {@link DropoutStream#uniforms}. The mask is a pure function of the element index, so
 * any split into ranges gives the same D.
 */
final class DropoutKernel {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final long LOW = 0xFFFFFFFFL;
    /** Philox blocks per pass (1,024 elements): four int arrays of 1 KiB. */
    static final int LANES = 256;

    private static final ThreadLocal<int[][]> STATE = ThreadLocal.withInitial(() -> new int[5][LANES * 4]);

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
        draw(d, a, 0, to, keepProb, seed, start);
    }

    /** D alone: {@code d[off + e] = u < keep} (1.0 or 0.0) for e in [0, to), stream index = start + e. */
    static void mask(double[] d, int off, int to, double keepProb, long seed, long start) {
        draw(d, null, off, to, keepProb, seed, start);
    }

    /** D[off + e] = u &lt; keep and, unless {@code a} is null, A[off + e] = A·D/keep, in one pass per {@link #LANES} blocks. */
    private static void draw(double[] d, double[] a, int off, int to, double keepProb, long seed, long start) {
        long below = below((float) keepProb);
        double inv = 1.0 / keepProb;
        int[][] st = STATE.get();
        int[] bits = st[4];
        for (int i = 0; i < to; ) {
            long g = start + i;
            int skip = (int) (g & 3), n = Math.min(to - i, LANES * 4 - skip), k = off + i;
            blocks(g >>> 2, (skip + n + 3) >>> 2, (int) seed, (int) (seed >>> 32), st);
            for (int e = 0; e < n; e++) { // branch-free: a branch on a random 1-in-7 drop mispredicts (≈ 3 ns per element)
                long kept = ((bits[skip + e] & LOW) - below) >>> 63; // 1 when bits < below
                d[k + e] = kept;
                if (a != null) a[k + e] = Double.longBitsToDouble(Double.doubleToRawLongBits(a[k + e] * inv) & -kept); // A·inv or +0.0
            }
            i += n;
        }
    }

    /**
     * The Philox outputs of blocks {@code first .. first + count − 1} (count ≤ {@link #LANES}) into
     * {@code st[4]}, four per block in order; the counter of block j is (j ≫ 16, j ≫ 48, j &amp; 0xFFFF, 0).
     */
    static void blocks(long first, int count, int k0, int k1, int[][] st) {
        int[] c0 = st[0], c1 = st[1], c2 = st[2], c3 = st[3], out = st[4];
        for (int b = 0; b < count; b++) {
            long j = first + b;
            c0[b] = (int) (j >>> 16);
            c1[b] = (int) (j >>> 48);
            c2[b] = (int) (j & 0xFFFF);
            c3[b] = 0;
        }
        int key0 = k0, key1 = k1;
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                key0 += W0;
                key1 += W1;
            }
            for (int b = 0; b < count; b++) {
                int x0 = c0[b], x2 = c2[b];
                int n0 = mulHi(x2, M1) ^ c1[b] ^ key0, n2 = mulHi(x0, M0) ^ c3[b] ^ key1;
                c1[b] = x2 * M1;
                c3[b] = x0 * M0;
                c0[b] = n0;
                c2[b] = n2;
            }
        }
        for (int b = 0; b < count; b++) {
            out[4 * b] = c0[b];
            out[4 * b + 1] = c1[b];
            out[4 * b + 2] = c2[b];
            out[4 * b + 3] = c3[b];
        }
    }

    /**
     * The high 32 bits of the unsigned 64-bit product x·m, in 32-bit arithmetic: with x = xh·2¹⁶ + xl and
     * m = mh·2¹⁶ + ml, x·m = xh·mh·2³² + (xh·ml + xl·mh)·2¹⁶ + xl·ml, each 16×16-bit product exact in an
     * unsigned int, the carries of the middle terms collected in {@code mid} (&lt; 3·2¹⁶).
     */
    static int mulHi(int x, int m) {
        int xl = x & 0xFFFF, xh = x >>> 16, ml = m & 0xFFFF, mh = m >>> 16;
        int ll = xl * ml, lh = xl * mh, hl = xh * ml;
        int mid = (ll >>> 16) + (lh & 0xFFFF) + (hl & 0xFFFF);
        return xh * mh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16);
    }

    /** {@link #keepBelow} of the last keep probability asked for (a run asks for one or two, at every layer and step). */
    private static volatile Threshold last = new Threshold(1.0f, keepBelow(1.0f));

    private record Threshold(float keep, long below) {
    }

    private static long below(float keep) {
        Threshold t = last;
        if (t.keep() != keep) last = t = new Threshold(keep, keepBelow(keep));
        return t.below();
    }

    /**
     * The number of 32-bit patterns whose uniform {@link Philox#uniform} is below {@code threshold}: u is a
     * non-decreasing function of the unsigned bits (an exact int-to-float rounding, a power-of-two scale,
     * one rounded add), so u &lt; threshold exactly when bits &lt; this, found by bisection.
     */
    static long keepBelow(float threshold) {
        long lo = 0, hi = 1L << 32; // u(bits) < threshold for bits < lo; not for bits ≥ hi
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (Philox.uniform((int) mid) < threshold) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
