package io.densetrain.device.cpu;

/**
 * Per-thread heap arrays that elementwise kernels stage off-heap data through: a bulk copy (a memcpy)
 * into a {@code double[]}, the arithmetic on the array, a bulk copy back. On JDK 17 the JIT compiles
 * a loop over a {@code double[]} to vector instructions but a loop over a direct buffer to one checked
 * access per element, about twice the time per element even with the copies (measured in
 * CourseBenchmark). Blocks are at most {@link #BLOCK} doubles so the arrays stay in the L2 cache.
 */
final class HeapStage {
    /** Doubles per staged block (256 KiB). */
    static final int BLOCK = 1 << 15;

    private static final ThreadLocal<double[][]> ARRAYS = ThreadLocal.withInitial(() -> new double[4][0]);

    private HeapStage() {
    }

    /** This thread's staging array number {@code slot} (0..3), at least {@code length} long; reused, not zeroed. */
    static double[] array(int slot, int length) {
        double[][] arrays = ARRAYS.get();
        if (arrays[slot].length < length) arrays[slot] = new double[Math.max(length, 64)];
        return arrays[slot];
    }
}
