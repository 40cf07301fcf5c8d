package io.densetrain.device.cuda;

import io.densetrain.device.Activation;

/**
 * How each {@link io.densetrain.device.Device} method becomes kernel launches: which {@link Kernel},
 * how many blocks, which arguments in which order and type. Shared by {@link CudaDevice} (launching on
 * the GPU) and the tests' host emulation of the kernels, so that what is verified without a GPU is the
 * device's own launch code. Buffers are opaque handles here ({@link CudaMatrix}, {@link DeviceBuffer},
 * or the emulator's).
 */
final class Launches {
    /** Launches one kernel with {@code grid} blocks of {@link Kernel#BLOCK} threads. */
    interface Launcher {
        void launch(Kernel kernel, int grid, Object... args);
    }

    private Launches() {
    }

    /** Z (rows, cols) += b; A = g(Z). */
    static void biasActivationForward(Launcher l, Object z, Object b, Object a, int rows, int cols, Activation g) {
        long n = (long) rows * cols;
        if (n == 0) return;
        if (g == Activation.SOFTMAX) {
            l.launch(Kernel.BIAS_SOFTMAX_FORWARD, Kernel.gridFor(cols), z, b, a, rows, cols);
        } else {
            l.launch(Kernel.BIAS_ACTIVATION_FORWARD, Kernel.gridFor(n), z, b, a, rows, n, g.ordinal());
        }
    }

    static void activationBackward(Launcher l, Object dA, Object z, Object dZ, long n, Activation g) {
        if (n == 0) return;
        l.launch(Kernel.ACTIVATION_BACKWARD, Kernel.gridFor(n), dA, z, dZ, n, g.ordinal());
    }

    /** The in-kernel Philox path: one thread per quad of stream elements touched by [offset, offset + n). */
    static void dropoutForwardPhilox(Launcher l, Object a, Object mask, long n, double keepProb, long seed, long offset) {
        if (n == 0) return;
        long quads = ((offset + n + 3) >>> 2) - (offset >>> 2);
        l.launch(Kernel.DROPOUT_FORWARD, Kernel.gridFor(quads), a, mask, n, (float) keepProb, (float) (1.0 / keepProb), (int) seed,
                (int) (seed >>> 32), offset);
    }

    /** The cuRAND path: uniforms[0, n) already hold stream elements offset … offset + n − 1. */
    static void dropoutApply(Launcher l, Object a, Object mask, Object uniforms, long n, double keepProb) {
        if (n == 0) return;
        l.launch(Kernel.DROPOUT_APPLY, Kernel.gridFor(n), a, mask, uniforms, n, (float) keepProb, (float) (1.0 / keepProb));
    }

    static void dropoutBackward(Launcher l, Object dA, Object mask, long n, double keepProb) {
        if (n == 0) return;
        l.launch(Kernel.DROPOUT_BACKWARD, Kernel.gridFor(n), dA, mask, n, (float) (1.0 / keepProb));
    }

    static void outputGradient(Launcher l, Object a, Object y, double scale, Object dZ, long n) {
        if (n == 0) return;
        l.launch(Kernel.OUTPUT_GRADIENT, Kernel.gridFor(n), a, y, (float) scale, dZ, n);
    }

    static void rowSums(Launcher l, Object dZ, double alpha, Object db, int rows, int cols) {
        if (rows == 0) return;
        l.launch(Kernel.ROW_SUMS, Math.min(rows, Kernel.MAX_GRID), dZ, (float) alpha, db, rows, cols);
    }

    static void l2Gradient(Launcher l, Object dW, Object w, double c, long n) {
        if (n == 0) return;
        l.launch(Kernel.L2_GRADIENT, Kernel.gridFor(n), dW, w, (float) c, n);
    }

    static void sgdUpdate(Launcher l, Object theta, Object grad, double lr, long n) {
        if (n == 0) return;
        l.launch(Kernel.SGD_UPDATE, Kernel.gridFor(n), theta, grad, (float) lr, n);
    }

    static void momentumUpdate(Launcher l, Object theta, Object grad, Object v, double beta, double lr, long n) {
        if (n == 0) return;
        l.launch(Kernel.MOMENTUM_UPDATE, Kernel.gridFor(n), theta, grad, v, (float) beta, (float) lr, n);
    }

    static void adamUpdate(Launcher l, Object theta, Object grad, Object m, Object v, double beta1, double beta2, double eps,
                           double lr, long t, long n) {
        if (n == 0) return;
        float c1 = (float) (1 - Math.pow(beta1, t)), c2 = (float) (1 - Math.pow(beta2, t));
        l.launch(Kernel.ADAM_UPDATE, Kernel.gridFor(n), theta, grad, m, v, (float) beta1, (float) beta2, (float) eps, (float) lr,
                c1, c2, n);
    }

    static void rmspropUpdate(Launcher l, Object theta, Object grad, Object s, double beta, double eps, double lr, long n) {
        if (n == 0) return;
        l.launch(Kernel.RMSPROP_UPDATE, Kernel.gridFor(n), theta, grad, s, (float) beta, (float) eps, (float) lr, n);
    }

    static void gatherColumns(Launcher l, Object src, Object columns, int rows, int ncols, Object dst) {
        if ((long) rows * ncols == 0) return;
        l.launch(Kernel.GATHER_COLUMNS, Kernel.gridFor((long) rows * ncols), src, columns, rows, ncols, dst);
    }

    /** Cross-entropy partials into {@code partials}, summed into {@code scalar[0]} (a double). */
    static void crossEntropySum(Launcher l, Object z, Object y, int rows, int cols, Activation output, Object partials, Object scalar) {
        long items = output == Activation.SOFTMAX ? cols : (long) rows * cols;
        reduce(l, Kernel.CROSS_ENTROPY_PARTIAL, items, partials, scalar, z, y, rows, cols, output.ordinal(), partials);
    }

    static void countCorrect(Launcher l, Object a, Object y, int rows, int cols, Activation output, Object partials, Object scalar) {
        long items = output == Activation.SOFTMAX ? cols : (long) rows * cols;
        reduce(l, Kernel.COUNT_CORRECT_PARTIAL, items, partials, scalar, a, y, rows, cols, output.ordinal(), partials);
    }

    static void sumOfSquares(Launcher l, Object x, long n, Object partials, Object scalar) {
        reduce(l, Kernel.SUM_SQUARES_PARTIAL, n, partials, scalar, x, n, partials);
    }

    private static void reduce(Launcher l, Kernel partialKernel, long items, Object partials, Object scalar, Object... args) {
        int grid = Kernel.gridFor(items);
        l.launch(partialKernel, grid, args);
        l.launch(Kernel.SUM_PARTIALS, 1, partials, grid, scalar);
    }
}
