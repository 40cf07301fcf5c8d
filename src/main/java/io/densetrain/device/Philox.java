package io.densetrain.device;

/**
 * Philox4x32-10 (Salmon et al., "Parallel Random Numbers: As Easy as 1, 2, 3", SC'11): a counter-based
 * generator, {@code out = bijection_key(counter)}, ten rounds of
 * {@code (c0,c1,c2,c3) → (hi(M1·c2) ^ c1 ^ k0, lo(M1·c2), hi(M0·c0) ^ c3 ^ k1, lo(M0·c0))} with the key
 * bumped by (W0, W1) between rounds. The CUDA kernel {@code kernels/philox.cuh} is its twin; both
 * match the Random123 known-answer vectors.
 */
public final class Philox {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    /** 2⁻³² and 2⁻³³ as floats: cuRAND's {@code _curand_uniform}. */
    private static final float TWO_POW_M32 = 2.3283064365386963e-10f;
    private static final float TWO_POW_M33 = 1.1641532182693481e-10f;

    private Philox() {
    }

    /** Writes the four 32-bit outputs for counter (c0..c3) and key (k0, k1) into {@code out[0..3]}. */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n1 = (int) p1;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            int n3 = (int) p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** A uniform float in (0, 1]: {@code u = x·2⁻³² + 2⁻³³}, in float arithmetic, as cuRAND does. */
    public static float uniform(int bits) {
        return (float) (bits & 0xFFFFFFFFL) * TWO_POW_M32 + TWO_POW_M33;
    }
}
