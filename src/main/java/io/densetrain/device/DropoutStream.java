package io.densetrain.device;

/**
 * The one definition of dropout uniforms, shared by every device so that a seed gives identical masks
 * on the CPU and the GPU. Element {@code g} of the stream for {@code seed} is cuRAND's host Philox
 * generator (legacy ordering) at index g:
 * <pre>
 *   j = g / 4,   u(g) = uniform( Philox(ctr = (lo(j/65536), hi(j/65536), j mod 65536, 0),
 *                                       key = (lo(seed), hi(seed)))[g mod 4] )
 * </pre>
 * Layer {@code l} at training step {@code t} uses the range starting at {@link #offset(int, long)}, so
 * the mask is a pure function of (seed, layer, step, element): {@code D = u < (float) keepProb}. The
 * decision is made in float on every device; only the scaling {@code A·D/keepProb} is in the device's
 * precision.
 */
public final class DropoutStream {
    /** Each (layer, step) owns 2³² stream elements; steps up to 2²⁴ and layers up to 255. */
    public static final long MAX_STEPS = 1L << 24;

    private DropoutStream() {
    }

    /** First stream index of layer {@code layer}'s mask at training step {@code step}. */
    public static long offset(int layer, long step) {
        if (layer < 0 || layer > 255 || step < 0 || step >= MAX_STEPS) {
            throw new IllegalArgumentException("dropout stream out of range: layer " + layer + ", step " + step);
        }
        return (step << 40) | ((long) layer << 32);
    }

    /** Fills {@code out[0..n)} with stream elements {@code start .. start+n-1}. */
    public static void uniforms(long seed, long start, float[] out, int n) {
        int[] block = new int[4];
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        long g = start;
        int i = 0;
        while (i < n) {
            long j = g >>> 2;
            long hi = j >>> 16;
            Philox.block((int) hi, (int) (hi >>> 32), (int) (j & 0xFFFF), 0, k0, k1, block);
            for (int lane = (int) (g & 3); lane < 4 && i < n; lane++, i++, g++) {
                out[i] = Philox.uniform(block[lane]);
            }
        }
    }

    /** Stream element {@code g} (slow; for tests and spot checks). */
    public static float uniform(long seed, long g) {
        float[] one = new float[1];
        uniforms(seed, g, one, 1);
        return one[0];
    }
}
