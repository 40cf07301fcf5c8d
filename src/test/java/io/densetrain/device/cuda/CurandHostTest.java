package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.device.DropoutStream;
import jcuda.Pointer;
import jcuda.jcurand.JCurand;
import jcuda.jcurand.curandGenerator;
import jcuda.jcurand.curandOrdering;
import jcuda.jcurand.curandRngType;
import jcuda.jcurand.curandStatus;
import org.junit.jupiter.api.Test;

/**
 * cuRAND's Philox4x32-10 (legacy ordering) through JCurand 11.8 on JCuda 12.6, run by cuRAND's
 * <em>host</em> generator, which needs libcurand.so.10 but no GPU: element g of its stream must be
 * {@link DropoutStream}'s element g, bit for bit, at the offsets the dropout masks use. Skipped where
 * libcurand.so.10 is not found ({@code .ci/run} fetches Debian's {@code libcurand10} best-effort and
 * points {@code DENSETRAIN_CUDA_LIBS} at it).
 */
class CurandHostTest {

    /** {@code calls} consecutive generate calls of {@code n} values each, as CudaDevice asks (end-aligned counts). */
    private static float[] curandHost(long seed, long offset, int n, int calls) {
        curandGenerator g = new curandGenerator();
        assertEquals(curandStatus.CURAND_STATUS_SUCCESS, JCurand.curandCreateGeneratorHost(g, curandRngType.CURAND_RNG_PSEUDO_PHILOX4_32_10));
        try {
            assertEquals(0, JCurand.curandSetGeneratorOrdering(g, curandOrdering.CURAND_ORDERING_PSEUDO_LEGACY));
            assertEquals(0, JCurand.curandSetPseudoRandomGeneratorSeed(g, seed));
            float[] out = new float[n * calls];
            for (int c = 0; c < calls; c++) {
                long at = offset + (long) c * n;
                int count = (int) CurandUniforms.alignedCount(at, n);
                float[] part = new float[count];
                assertEquals(0, JCurand.curandSetGeneratorOffset(g, at));
                assertEquals(0, JCurand.curandGenerateUniform(g, Pointer.to(part), count));
                System.arraycopy(part, 0, out, c * n, n);
            }
            return out;
        } finally {
            JCurand.curandDestroyGenerator(g);
        }
    }

    @Test
    void curandsHostGeneratorIsTheDropoutStream() {
        String reason = CurandUniforms.unavailableReason();
        assumeTrue(reason == null, "cuRAND not loadable here: " + reason);
        long[] seeds = {1, 1234, 0x1234567890ABCDEFL};
        long[] offsets = {0, 7, 1000, DropoutStream.offset(0, 1), DropoutStream.offset(3, 17) + 3,
            DropoutStream.offset(255, DropoutStream.MAX_STEPS - 1)};
        for (long seed : seeds) {
            for (long offset : offsets) {
                int n = 4099;
                float[] curand = curandHost(seed, offset, n, 2);
                float[] java = new float[2 * n];
                DropoutStream.uniforms(seed, offset, java, java.length);
                for (int i = 0; i < java.length; i++) {
                    if (Float.floatToRawIntBits(curand[i]) != Float.floatToRawIntBits(java[i])) {
                        throw new AssertionError("seed " + seed + ", offset " + offset + ", element " + i + ": cuRAND " + curand[i]
                                + ", DropoutStream " + java[i]);
                    }
                }
            }
        }
    }
}
