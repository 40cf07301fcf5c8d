package io.densetrain.device.cpu;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;
import io.densetrain.device.ShapeChecks;
import java.nio.DoubleBuffer;

/**
 * The float64 reference device: plain loops over off-heap memory for everything elementwise, OpenBLAS
 * (or a Java fallback) for products. Each method is the twin of the CUDA kernel of the same name and
 * computes the formula written on {@link Device}.
 */
public final class CpuDevice implements Device {
    private final CpuBackend backend;
    private final String fallbackReason;
    /** Threads for large elementwise loops (those of the backend); small ones stay on the caller. */
    private final int threads;

    private CpuDevice(CpuBackend backend, String fallbackReason) {
        this.backend = backend;
        this.fallbackReason = fallbackReason;
        this.threads = backend.threads();
    }

    /** OpenBLAS with {@code threads} threads (0 = OpenBLAS's default), or the Java GEMM if it cannot load. */
    public static CpuDevice create(int threads) {
        try {
            return new CpuDevice(OpenBlasBackend.load(threads), null);
        } catch (LinkageError | RuntimeException e) {
            return new CpuDevice(new JavaBackend(), "OpenBLAS natives did not load (" + e.getClass().getSimpleName()
                    + ": " + firstLine(e.getMessage()) + "); using the Java GEMM");
        }
    }

    /** The plain Java backend only (tests compare the two). */
    public static CpuDevice javaOnly() {
        return new CpuDevice(new JavaBackend(), "Java GEMM requested");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Why OpenBLAS is not in use, or null when it is. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** The threads the device's products and loops are split over. */
    public int threads() {
        return threads;
    }

    @Override
    public String describe() {
        return "cpu (float64, " + backend.describe() + ")";
    }

    @Override
    public String kind() {
        return "cpu";
    }

    @Override
    public double epsilon() {
        return Math.ulp(1.0);
    }

    private static CpuMatrix cpu(Matrix m) {
        if (m instanceof CpuMatrix c) {
            return c;
        }
        throw new IllegalArgumentException("matrix " + m + " does not belong to the CPU device");
    }


    /** float64. */
    @Override
    public int elementBytes() {
        return 8;
    }

    /** No limit of its own: matrices are off-heap host memory, where the host data already are. */
    @Override
    public long freeBytes() {
        return Long.MAX_VALUE;
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        return backend.allocate(rows, cols);
    }

    /**
     * A zeroed matrix on the Java heap, for state that only the optimizer updates and transfers touch
     * (Adam's m and v, momentum's v): the update reads and writes it in place instead of staging it
     * ({@link UpdateKernels}). It is never an operand of {@link #gemm}.
     */
    @Override
    public Matrix allocateState(int rows, int cols) {
        long n = Math.max(1L, (long) rows * cols);
        if (n > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("matrix " + rows + "x" + cols + " exceeds the CPU device's 2³¹ elements per allocation");
        }
        return new CpuMatrix(DoubleBuffer.wrap(new double[(int) n]), 0, null, rows, cols);
    }

    @Override
    public Matrix view(Matrix base, long offset, int rows, int cols) {
        CpuMatrix b = cpu(base);
        if (offset < 0 || offset + (long) rows * cols > b.data.capacity() - b.offset) {
            throw new IllegalArgumentException("view " + rows + "x" + cols + " at " + offset + " outside " + base);
        }
        if (b.data.hasArray()) return new CpuMatrix(b.data, b.offset + (int) offset, null, rows, cols);
        return backend.view(b, (int) offset, rows, cols);
    }

    @Override
    public void upload(double[] src, Matrix dst) {
        CpuMatrix d = cpu(dst);
        ShapeChecks.upload(src, dst);
        d.data.put(d.offset, src, 0, src.length);
    }

    @Override
    public double[] download(Matrix src) {
        CpuMatrix s = cpu(src);
        double[] out = new double[s.n()];
        s.data.get(s.offset, out, 0, out.length);
        return out;
    }

    @Override
    public void copy(Matrix src, Matrix dst) {
        ShapeChecks.same(src, dst);
        CpuMatrix s = cpu(src), d = cpu(dst);
        d.data.put(d.offset, s.data, s.offset, s.n());
    }

    @Override
    public void gatherColumns(Matrix src, int[] columns, Matrix dst) {
        CpuMatrix s = cpu(src), d = cpu(dst);
        ShapeChecks.gather(src, columns, dst);
        int r = s.rows();
        CpuParallel.forRange(columns.length, threads, r, (from, to) -> {
            for (int k = from; k < to; k++) d.data.put(d.offset + k * r, s.data, s.offset + columns[k] * r, r);
        });
    }

    @Override
    public void fill(Matrix m, double value) {
        CpuMatrix x = cpu(m);
        DoubleBuffer d = x.data;
        for (int i = x.offset, end = x.offset + x.n(); i < end; i++) d.put(i, value);
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        ShapeChecks.gemm(transA, transB, a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        if (cpu(a).data.hasArray() || cpu(b).data.hasArray() || cpu(c).data.hasArray()) {
            throw new IllegalArgumentException("gemm on a host matrix (allocateState): products need device matrices");
        }
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (beta != 1) scaleInPlace(cpu(c), beta);
            return;
        }
        backend.gemm(transA, transB, m, n, k, alpha, cpu(a), cpu(b), beta, cpu(c));
    }

    private static void scaleInPlace(CpuMatrix x, double s) {
        DoubleBuffer d = x.data;
        for (int i = x.offset, end = x.offset + x.n(); i < end; i++) d.put(i, s == 0 ? 0 : s * d.get(i));
    }

    @Override
    public void biasActivationForward(Matrix z, Matrix bias, Matrix a, Activation g) {
        ShapeChecks.biasActivation(z, bias, a);
        CpuMatrix zc = cpu(z), bc = cpu(bias), ac = cpu(a);
        int rows = z.rows();
        CpuParallel.forRange(z.cols(), threads, rows, (from, to) -> biasActivationColumns(zc, bc, ac, g, rows, from, to));
    }

    /**
     * Columns [from, to) of bias_activation_forward, staged through heap arrays ({@link HeapStage}) in
     * blocks of whole columns; one loop per activation, the switch outside it.
     */
    private static void biasActivationColumns(CpuMatrix zc, CpuMatrix bc, CpuMatrix ac, Activation g, int rows, int from, int to) {
        double[] b = HeapStage.array(0, rows);
        bc.data.get(bc.offset, b, 0, rows);
        int colsPerBlock = Math.max(1, HeapStage.BLOCK / Math.max(1, rows));
        for (int j0 = from; j0 < to; j0 += colsPerBlock) {
            int cols = Math.min(colsPerBlock, to - j0), n = cols * rows;
            double[] z = HeapStage.array(1, n), a = HeapStage.array(2, n);
            zc.data.get(zc.offset + j0 * rows, z, 0, n);
            biasActivation(z, b, a, g, rows, cols);
            zc.data.put(zc.offset + j0 * rows, z, 0, n);
            ac.data.put(ac.offset + j0 * rows, a, 0, n);
        }
    }

    /** Z[i,j] += b[i]; A = g(Z) on {@code cols} columns of {@code rows} in heap arrays. */
    private static void biasActivation(double[] z, double[] b, double[] a, Activation g, int rows, int cols) {
        for (int j = 0, n = rows * cols; j < n; j += rows) {
            for (int i = 0; i < rows; i++) z[j + i] += b[i];
        }
        int n = rows * cols;
        switch (g) {
            case RELU -> {
                // max(z, +0.0) is z > 0 ? z : +0.0 (max(−0.0, +0.0) = +0.0) but compiles to packed vmaxpd,
                // where the conditional is a branch that mispredicts on half of a random-sign Z.
                for (int i = 0; i < n; i++) a[i] = Math.max(z[i], 0.0);
            }
            case TANH -> {
                for (int i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
            }
            case LINEAR -> System.arraycopy(z, 0, a, 0, n);
            case SIGMOID -> {
                for (int i = 0; i < n; i++) a[i] = 1.0 / (1.0 + Math.exp(-z[i]));
            }
            case SOFTMAX -> {
                for (int j = 0; j < n; j += rows) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < rows; i++) max = Math.max(max, z[j + i]);
                    double sum = 0;
                    for (int i = 0; i < rows; i++) {
                        double e = Math.exp(z[j + i] - max);
                        a[j + i] = e;
                        sum += e;
                    }
                    for (int i = 0; i < rows; i++) a[j + i] /= sum;
                }
            }
        }
    }

    @Override
    public void activationBackward(Matrix dA, Matrix z, Matrix dZ, Activation g) {
        ShapeChecks.same(dA, z, dZ);
        CpuMatrix dac = cpu(dA), zc = cpu(z), dzc = cpu(dZ);
        DoubleBuffer dad = dac.data, zd = zc.data, dzd = dzc.data;
        int da = dac.offset, zo = zc.offset, dz = dzc.offset;
        switch (g) {
            case RELU -> CpuParallel.forRange(dac.n(), threads, 1, (from, to) -> {
                for (int i0 = from; i0 < to; i0 += HeapStage.BLOCK) {
                    int n = Math.min(HeapStage.BLOCK, to - i0);
                    double[] zs = HeapStage.array(1, n), das = HeapStage.array(2, n);
                    zd.get(zo + i0, zs, 0, n);
                    dad.get(da + i0, das, 0, n);
                    for (int i = 0; i < n; i++) das[i] = reluSelect(zs[i], das[i]);
                    dzd.put(dz + i0, das, 0, n);
                }
            });
            case TANH -> CpuParallel.forRange(dac.n(), threads, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double av = Math.tanh(zd.get(zo + i));
                    dzd.put(dz + i, dad.get(da + i) * (1 - av * av));
                }
            });
            case LINEAR -> {
                if (dzc.data != dac.data || dz != da) dzd.put(dz, dad, da, dac.n());
            }
            default -> throw new IllegalArgumentException(g + " is an output activation; its gradient is outputGradient");
        }
    }

    /**
     * z > 0 ? d : +0.0 without a branch: the bits of d ANDed with a mask that is all ones exactly when
     * the bits of z, as a signed long, are positive (z > 0, or a NaN with the sign bit clear), so
     * that C2 vectorizes the loop instead of mispredicting half of a random-sign Z.
     */
    static double reluSelect(double z, double d) {
        long bits = Double.doubleToRawLongBits(z);
        long mask = (-bits & ~bits) >> 63;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(d) & mask);
    }

    @Override
    public void dropoutForward(Matrix a, Matrix mask, double keepProb, long seed, long streamOffset) {
        ShapeChecks.same(a, mask);
        CpuMatrix ac = cpu(a), mc = cpu(mask);
        // Philox costs about ten multiply-adds per element: worth splitting at a tenth of the usual size.
        CpuParallel.forRange(ac.n(), threads, 10, (from, to) ->
                DropoutKernel.forward(ac.data, ac.offset, mc.data, mc.offset, from, to, keepProb, seed, streamOffset));
    }

    @Override
    public void dropoutBackward(Matrix dA, Matrix mask, double keepProb) {
        ShapeChecks.same(dA, mask);
        CpuMatrix dc = cpu(dA), mc = cpu(mask);
        double inv = 1.0 / keepProb;
        DoubleBuffer dd = dc.data, md = mc.data;
        int d = dc.offset, mo = mc.offset;
        CpuParallel.forRange(dc.n(), threads, 1, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += HeapStage.BLOCK) {
                int n = Math.min(HeapStage.BLOCK, to - i0);
                double[] ds = HeapStage.array(1, n), ms = HeapStage.array(2, n);
                dd.get(d + i0, ds, 0, n);
                md.get(mo + i0, ms, 0, n);
                for (int i = 0; i < n; i++) ds[i] = ds[i] * ms[i] * inv;
                dd.put(d + i0, ds, 0, n);
            }
        });
    }

    @Override
    public void outputGradient(Matrix a, Matrix y, double scale, Matrix dZ) {
        ShapeChecks.same(a, y, dZ);
        CpuMatrix ac = cpu(a), yc = cpu(y), dc = cpu(dZ);
        DoubleBuffer ad = ac.data, yd = yc.data, dd = dc.data;
        int ao = ac.offset, yo = yc.offset, d = dc.offset;
        for (int i = 0, n = ac.n(); i < n; i++) dd.put(d + i, (ad.get(ao + i) - yd.get(yo + i)) * scale);
    }

    @Override
    public double crossEntropySum(Matrix z, Matrix y, Activation output) {
        ShapeChecks.same(z, y);
        CpuMatrix zc = cpu(z), yc = cpu(y);
        DoubleBuffer zd = zc.data, yd = yc.data;
        double sum = 0;
        if (output == Activation.SIGMOID) {
            for (int i = 0, n = zc.n(); i < n; i++) {
                double zv = zd.get(zc.offset + i), yv = yd.get(yc.offset + i);
                sum += Math.max(zv, 0) - zv * yv + Math.log1p(Math.exp(-Math.abs(zv)));
            }
            return sum;
        }
        int rows = z.rows();
        for (int j = 0; j < z.cols(); j++) {
            int zj = zc.offset + j * rows, yj = yc.offset + j * rows;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) max = Math.max(max, zd.get(zj + i));
            double s = 0, dot = 0;
            for (int i = 0; i < rows; i++) {
                s += Math.exp(zd.get(zj + i) - max);
                dot += yd.get(yj + i) * zd.get(zj + i);
            }
            sum += max + Math.log(s) - dot;
        }
        return sum;
    }

    @Override
    public long countCorrect(Matrix a, Matrix y, Activation output) {
        ShapeChecks.same(a, y);
        CpuMatrix ac = cpu(a), yc = cpu(y);
        DoubleBuffer ad = ac.data, yd = yc.data;
        long correct = 0;
        if (output == Activation.SIGMOID) {
            for (int i = 0, n = ac.n(); i < n; i++) {
                if ((ad.get(ac.offset + i) > 0.5) == (yd.get(yc.offset + i) > 0.5)) correct++;
            }
            return correct;
        }
        int rows = a.rows();
        for (int j = 0; j < a.cols(); j++) {
            int best = 0, label = 0;
            for (int i = 1; i < rows; i++) {
                if (ad.get(ac.offset + j * rows + i) > ad.get(ac.offset + j * rows + best)) best = i;
                if (yd.get(yc.offset + j * rows + i) > yd.get(yc.offset + j * rows + label)) label = i;
            }
            if (best == label) correct++;
        }
        return correct;
    }

    @Override
    public void rowSums(Matrix dZ, double alpha, Matrix db) {
        CpuMatrix zc = cpu(dZ), bc = cpu(db);
        ShapeChecks.rowSums(dZ, db);
        int rows = dZ.rows(), cols = dZ.cols();
        // Rows are split between threads; each row is summed over j = 0..cols−1 in order, in a register-
        // friendly heap accumulator instead of through the off-heap result.
        CpuParallel.forRange(rows, threads, cols, (from, to) -> {
            int width = to - from;
            double[] acc = new double[width];
            if (width == rows) { // one range: stage whole columns through the heap
                int colsPerBlock = Math.max(1, HeapStage.BLOCK / Math.max(1, rows));
                for (int j0 = 0; j0 < cols; j0 += colsPerBlock) {
                    int n = Math.min(colsPerBlock, cols - j0) * rows;
                    double[] zs = HeapStage.array(1, n);
                    zc.data.get(zc.offset + j0 * rows, zs, 0, n);
                    for (int j = 0; j < n; j += rows) {
                        for (int i = 0; i < rows; i++) acc[i] += zs[j + i];
                    }
                }
            } else {
                DoubleBuffer zd = zc.data;
                for (int j = 0; j < cols; j++) {
                    int zj = zc.offset + j * rows + from;
                    for (int i = 0; i < width; i++) acc[i] += zd.get(zj + i);
                }
            }
            for (int i = 0; i < width; i++) bc.data.put(bc.offset + from + i, alpha == 1 ? acc[i] : alpha * acc[i]);
        });
    }

    @Override
    public void l2Gradient(Matrix dW, Matrix w, double c) {
        ShapeChecks.same(dW, w);
        CpuMatrix dc = cpu(dW), wc = cpu(w);
        DoubleBuffer dd = dc.data, wd = wc.data;
        int d = dc.offset, wo = wc.offset;
        CpuParallel.forRange(dc.n(), threads, 1, (from, to) -> {
            for (int i = from; i < to; i++) dd.put(d + i, dd.get(d + i) + c * wd.get(wo + i));
        });
    }

    @Override
    public double sumOfSquares(Matrix m) {
        CpuMatrix x = cpu(m);
        double s = 0;
        for (int i = x.offset, end = x.offset + x.n(); i < end; i++) {
            double v = x.data.get(i);
            s += v * v;
        }
        return s;
    }

    @Override
    public void sgdUpdate(Matrix theta, Matrix grad, double lr) {
        ShapeChecks.same(theta, grad);
        if (cpu(theta).data.hasArray() || cpu(grad).data.hasArray()) {
            throw new IllegalArgumentException("sgdUpdate on a host matrix (allocateState): θ and dθ are device matrices");
        }
        backend.axpy(-lr, cpu(grad), cpu(theta));
    }

    @Override
    public void momentumUpdate(Matrix theta, Matrix grad, Matrix velocity, double beta, double lr) {
        ShapeChecks.same(theta, grad, velocity);
        CpuMatrix t = cpu(theta), g = cpu(grad), v = cpu(velocity);
        CpuParallel.forRange(t.n(), threads, 1, (from, to) -> UpdateKernels.momentum(t, g, v, beta, lr, from, to));
    }

    @Override
    public void adamUpdate(Matrix theta, Matrix grad, Matrix m, Matrix v, double beta1, double beta2,
                           double eps, double lr, long t) {
        ShapeChecks.same(theta, grad, m, v);
        CpuMatrix th = cpu(theta), g = cpu(grad), mc = cpu(m), vc = cpu(v);
        double r1 = 1 / (1 - Math.pow(beta1, t)), r2 = 1 / (1 - Math.pow(beta2, t));
        CpuParallel.forRange(th.n(), threads, 1, (from, to) ->
                UpdateKernels.adam(th, g, mc, vc, beta1, beta2, eps, lr, r1, r2, from, to));
    }

    @Override
    public void rmspropUpdate(Matrix theta, Matrix grad, Matrix s, double beta, double eps, double lr) {
        ShapeChecks.same(theta, grad, s);
        CpuMatrix th = cpu(theta), g = cpu(grad), sc = cpu(s);
        CpuParallel.forRange(th.n(), threads, 1, (from, to) -> UpdateKernels.rmsprop(th, g, sc, beta, eps, lr, from, to));
    }

    @Override
    public void synchronize() {
    }

    @Override
    public void close() {
        // Native memory is owned by the matrices' pointers and freed when they become unreachable.
    }
}
