package io.densetrain.device.cpu;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.ShapeChecks;
import java.nio.FloatBuffer;


/**
 * The float32 CPU device ({@code --device cpu --precision float32}): float32 storage, OpenBLAS's
 * {@code sgemm} (or a Java product where the natives cannot load), and the CUDA kernels' formulas in
 * float32 ({@link Float32Kernels}); the scalar reductions accumulate in double as the CUDA kernels do.
 * Dropout keeps exactly the elements the float64 device keeps for the same seed and offset (one mask
 * routine, {@link DropoutKernel}: u &lt; (float) keepProb), scaled by {@code (float) (1/keepProb)} as on
 * the GPU. Host data cross as {@code double[]}, rounded to float on upload. The float64
 * {@link CpuDevice} stays the reference for gradient checking and parity; this device trades precision
 * for half the memory traffic, and stands in for the GPU's float32 numerics on a machine without one.
 */
public final class Float32Device implements Device {
    private final Float32Blas blas;
    private final String fallbackReason;
    private final int threads;

    private Float32Device(Float32Blas blas, String fallbackReason) {
        this.blas = blas;
        this.fallbackReason = fallbackReason;
        this.threads = blas.threads();
    }

    /** OpenBLAS with {@code threads} threads (0 = all cores), or the Java product if its natives cannot load. */
    public static Float32Device create(int threads) {
        try {
            return new Float32Device(Float32Blas.load(threads), null);
        } catch (LinkageError | RuntimeException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return new Float32Device(Float32Blas.java(), "OpenBLAS natives did not load (" + e.getClass().getSimpleName()
                    + ": " + m + "); using the Java sgemm");
        }
    }

    /** The plain Java product only (tests compare the two). */
    public static Float32Device javaOnly() {
        return new Float32Device(Float32Blas.java(), "Java sgemm requested");
    }

    /** Why OpenBLAS is not in use, or null when it is. */
    public String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public String describe() {
        return "cpu (float32, " + blas.describe() + ")";
    }

    @Override
    public String kind() {
        return "cpu";
    }

    @Override
    public double epsilon() {
        return Math.ulp(1.0f);
    }

    @Override
    public int elementBytes() {
        return 4;
    }

    /** A kernel over two staged blocks of n values; returns the array that holds the result. */
    private interface PairKernel {
        float[] apply(float[] x, float[] y, int n);
    }

    /**
     * out = kernel(x, y) element by element: x and y staged block by block through the per-thread float arrays, the
     * blocks split over the threads ({@code cost}: work per element, for the split); out may be x.
     */
    private void pairwise(Float32Matrix x, Float32Matrix y, Float32Matrix out, int cost, PairKernel kernel) {
        CpuParallel.forRange(x.n(), threads, cost, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += Float32Kernels.BLOCK) {
                int n = Math.min(Float32Kernels.BLOCK, to - i0);
                float[] xs = Float32Kernels.array(1, n), ys = Float32Kernels.array(2, n);
                x.data.get(x.offset + i0, xs, 0, n);
                y.data.get(y.offset + i0, ys, 0, n);
                out.data.put(out.offset + i0, kernel.apply(xs, ys, n), 0, n);
            }
        });
    }

    private static Float32Matrix f(Matrix m) {
        if (m instanceof Float32Matrix c) {
            return c;
        }
        throw new IllegalArgumentException("matrix " + m + " does not belong to the float32 CPU device");
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        return blas.allocate(rows, cols);
    }

    @Override
    public Matrix view(Matrix base, long offset, int rows, int cols) {
        Float32Matrix b = f(base);
        if (offset < 0 || offset + (long) rows * cols > b.data.capacity() - b.offset) {
            throw new IllegalArgumentException("view " + rows + "x" + cols + " at " + offset + " outside " + base);
        }
        return blas.view(b, (int) offset, rows, cols);
    }

    /** dst = (float) src, element by element (round to nearest). */
    @Override
    public void upload(double[] src, Matrix dst) {
        ShapeChecks.upload(src, dst);
        Float32Matrix d = f(dst);
        for (int i0 = 0; i0 < src.length; i0 += Float32Kernels.BLOCK) {
            int n = Math.min(Float32Kernels.BLOCK, src.length - i0);
            float[] s = Float32Kernels.array(0, n);
            for (int i = 0; i < n; i++) s[i] = (float) src[i0 + i];
            d.data.put(d.offset + i0, s, 0, n);
        }
    }

    /** The stored floats, widened exactly to double. */
    @Override
    public double[] download(Matrix src) {
        Float32Matrix s = f(src);
        double[] out = new double[s.n()];
        for (int i0 = 0; i0 < out.length; i0 += Float32Kernels.BLOCK) {
            int n = Math.min(Float32Kernels.BLOCK, out.length - i0);
            float[] a = Float32Kernels.array(0, n);
            s.data.get(s.offset + i0, a, 0, n);
            for (int i = 0; i < n; i++) out[i0 + i] = a[i];
        }
        return out;
    }

    @Override
    public void copy(Matrix src, Matrix dst) {
        ShapeChecks.same(src, dst);
        Float32Matrix s = f(src), d = f(dst);
        d.data.put(d.offset, s.data, s.offset, s.n());
    }

    @Override
    public void gatherColumns(Matrix src, int[] columns, Matrix dst) {
        ShapeChecks.gather(src, columns, dst);
        Float32Matrix s = f(src), d = f(dst);
        int r = s.rows();
        for (int k = 0; k < columns.length; k++) {
            d.data.put(d.offset + k * r, s.data, s.offset + columns[k] * r, r);
        }
    }

    /** m[:] = (float) value. */
    @Override
    public void fill(Matrix m, double value) {
        Float32Matrix x = f(m);
        int total = x.n();
        float[] block = Float32Kernels.array(0, Math.min(total, Float32Kernels.BLOCK));
        java.util.Arrays.fill(block, 0, Math.min(total, Float32Kernels.BLOCK), (float) value);
        for (int i0 = 0; i0 < total; i0 += Float32Kernels.BLOCK) {
            x.data.put(x.offset + i0, block, 0, Math.min(Float32Kernels.BLOCK, total - i0));
        }
    }

    /** C = alpha·op(A)·op(B) + beta·C with sgemm, alpha and beta rounded to float as cuBLAS gets them. */
    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        ShapeChecks.gemm(transA, transB, a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        if (m == 0 || n == 0) return;
        Float32Matrix cc = f(c);
        if (k == 0) {
            if (beta != 1) {
                for (int i = cc.offset, end = cc.offset + cc.n(); i < end; i++) cc.data.put(i, beta == 0 ? 0f : (float) beta * cc.data.get(i));
            }
            return;
        }
        blas.gemm(transA, transB, m, n, k, (float) alpha, f(a), f(b), (float) beta, cc);
    }

    @Override
    public void biasActivationForward(Matrix z, Matrix bias, Matrix a, Activation g) {
        ShapeChecks.biasActivation(z, bias, a);
        Float32Matrix zc = f(z), bc = f(bias), ac = f(a);
        int rows = z.rows();
        CpuParallel.forRange(z.cols(), threads, rows, (from, to) -> {
            float[] b = Float32Kernels.array(0, rows);
            bc.data.get(bc.offset, b, 0, rows);
            int colsPerBlock = Math.max(1, Float32Kernels.BLOCK / Math.max(1, rows));
            for (int j0 = from; j0 < to; j0 += colsPerBlock) {
                int cols = Math.min(colsPerBlock, to - j0), n = cols * rows;
                float[] zs = Float32Kernels.array(1, n), as = Float32Kernels.array(2, n);
                zc.data.get(zc.offset + j0 * rows, zs, 0, n);
                Float32Kernels.biasActivation(zs, b, as, g, rows, cols);
                zc.data.put(zc.offset + j0 * rows, zs, 0, n);
                ac.data.put(ac.offset + j0 * rows, as, 0, n);
            }
        });
    }

    @Override
    public void activationBackward(Matrix dA, Matrix z, Matrix dZ, Activation g) {
        ShapeChecks.same(dA, z, dZ);
        Float32Matrix dac = f(dA), zc = f(z), dzc = f(dZ);
        if (g == Activation.LINEAR) {
            if (dzc.data != dac.data || dzc.offset != dac.offset) dzc.data.put(dzc.offset, dac.data, dac.offset, dac.n());
            return;
        }
        if (g != Activation.RELU && g != Activation.TANH) {
            throw new IllegalArgumentException(g + " is an output activation; its gradient is outputGradient");
        }
        pairwise(zc, dac, dzc, g == Activation.TANH ? 10 : 1, (zs, ds, n) -> {
            if (g == Activation.RELU) Float32Kernels.reluBackward(zs, ds, n);
            else Float32Kernels.tanhBackward(zs, ds, n);
            return ds;
        });
    }

    @Override
    public void dropoutForward(Matrix a, Matrix mask, double keepProb, long seed, long streamOffset) {
        ShapeChecks.same(a, mask);
        Float32Matrix ac = f(a), mc = f(mask);
        float inv = (float) (1.0 / keepProb);
        CpuParallel.forRange(ac.n(), threads, 10, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += Float32Kernels.BLOCK) {
                int n = Math.min(Float32Kernels.BLOCK, to - i0);
                double[] d = Float32Kernels.doubles(1, n);
                DropoutKernel.mask(d, 0, n, keepProb, seed, streamOffset + i0);
                float[] as = Float32Kernels.array(1, n), ms = Float32Kernels.array(2, n);
                ac.data.get(ac.offset + i0, as, 0, n);
                Float32Kernels.dropoutApply(as, d, ms, inv, n);
                ac.data.put(ac.offset + i0, as, 0, n);
                mc.data.put(mc.offset + i0, ms, 0, n);
            }
        });
    }

    @Override
    public void dropoutBackward(Matrix dA, Matrix mask, double keepProb) {
        ShapeChecks.same(dA, mask);
        Float32Matrix dc = f(dA), mc = f(mask);
        float inv = (float) (1.0 / keepProb);
        pairwise(dc, mc, dc, 1, (ds, ms, n) -> {
            Float32Kernels.dropoutBackward(ds, ms, inv, n);
            return ds;
        });
    }

    @Override
    public void outputGradient(Matrix a, Matrix y, double scale, Matrix dZ) {
        ShapeChecks.same(a, y, dZ);
        Float32Matrix ac = f(a), yc = f(y), dc = f(dZ);
        float s = (float) scale;
        pairwise(ac, yc, dc, 1, (as, ys, n) -> {
            Float32Kernels.outputGradient(as, ys, s, as, n);
            return as;
        });
    }

    /** As cross_entropy_partial: each element's (or column's) loss in float, their sum in double. */
    @Override
    public double crossEntropySum(Matrix z, Matrix y, Activation output) {
        ShapeChecks.same(z, y);
        Float32Matrix zc = f(z), yc = f(y);
        FloatBuffer zd = zc.data, yd = yc.data;
        double sum = 0;
        if (output == Activation.SIGMOID) {
            for (int i = 0, n = zc.n(); i < n; i++) {
                float zv = zd.get(zc.offset + i), yv = yd.get(yc.offset + i);
                sum += Math.max(zv, 0.0f) - zv * yv + (float) Math.log1p(Math.exp(-Math.abs(zv)));
            }
            return sum;
        }
        int rows = z.rows();
        for (int j = 0; j < z.cols(); j++) {
            int zj = zc.offset + j * rows, yj = yc.offset + j * rows;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) max = Math.max(max, zd.get(zj + i));
            float e = 0, dot = 0;
            for (int i = 0; i < rows; i++) {
                e += (float) Math.exp(zd.get(zj + i) - max);
                dot += yd.get(yj + i) * zd.get(zj + i);
            }
            sum += max + (float) Math.log(e) - dot;
        }
        return sum;
    }

    @Override
    public long countCorrect(Matrix a, Matrix y, Activation output) {
        ShapeChecks.same(a, y);
        Float32Matrix ac = f(a), yc = f(y);
        FloatBuffer ad = ac.data, yd = yc.data;
        long correct = 0;
        if (output == Activation.SIGMOID) {
            for (int i = 0, n = ac.n(); i < n; i++) {
                if ((ad.get(ac.offset + i) > 0.5f) == (yd.get(yc.offset + i) > 0.5f)) correct++;
            }
            return correct;
        }
        int rows = a.rows();
        for (int j = 0; j < a.cols(); j++) {
            int aj = ac.offset + j * rows, yj = yc.offset + j * rows, best = 0, label = 0;
            for (int i = 1; i < rows; i++) {
                if (ad.get(aj + i) > ad.get(aj + best)) best = i;
                if (yd.get(yj + i) > yd.get(yj + label)) label = i;
            }
            if (best == label) correct++;
        }
        return correct;
    }

    /**
     * db[i] = (float) alpha · Σ_j dZ[i,j]: each row summed in double in column order, then rounded (the
     * GPU sums a row in float by a 256-way tree, whose error is far below a sequential float sum's).
     */
    @Override
    public void rowSums(Matrix dZ, double alpha, Matrix db) {
        ShapeChecks.rowSums(dZ, db);
        Float32Matrix zc = f(dZ), bc = f(db);
        int rows = dZ.rows(), cols = dZ.cols();
        float a = (float) alpha;
        CpuParallel.forRange(rows, threads, cols, (from, to) -> {
            int width = to - from;
            double[] acc = new double[width];
            int colsPerBlock = Math.max(1, Float32Kernels.BLOCK / Math.max(1, width));
            float[] zs = Float32Kernels.array(1, Math.min(cols, colsPerBlock) * width);
            for (int j0 = 0; j0 < cols; j0 += colsPerBlock) {
                int jn = Math.min(colsPerBlock, cols - j0);
                if (width == rows) {
                    zc.data.get(zc.offset + j0 * rows, zs, 0, jn * rows);
                } else {
                    for (int j = 0; j < jn; j++) zc.data.get(zc.offset + (j0 + j) * rows + from, zs, j * width, width);
                }
                for (int j = 0; j < jn * width; j += width) {
                    for (int i = 0; i < width; i++) acc[i] += zs[j + i];
                }
            }
            for (int i = 0; i < width; i++) bc.data.put(bc.offset + from + i, a * (float) acc[i]);
        });
    }

    @Override
    public void l2Gradient(Matrix dW, Matrix w, double c) {
        ShapeChecks.same(dW, w);
        Float32Matrix dc = f(dW), wc = f(w);
        float cf = (float) c;
        pairwise(dc, wc, dc, 1, (ds, ws, n) -> {
            Float32Kernels.l2Gradient(ds, ws, cf, n);
            return ds;
        });
    }

    /** Σ m[i]², each value widened to double and summed in double (sum_squares_partial). */
    @Override
    public double sumOfSquares(Matrix m) {
        Float32Matrix x = f(m);
        double s = 0;
        for (int i0 = 0, total = x.n(); i0 < total; i0 += Float32Kernels.BLOCK) {
            int n = Math.min(Float32Kernels.BLOCK, total - i0);
            float[] xs = Float32Kernels.array(0, n);
            x.data.get(x.offset + i0, xs, 0, n);
            for (int i = 0; i < n; i++) {
                double v = xs[i];
                s += v * v;
            }
        }
        return s;
    }

    @Override
    public void sgdUpdate(Matrix theta, Matrix grad, double lr) {
        ShapeChecks.same(theta, grad);
        blas.axpy(-(float) lr, f(grad), f(theta));
    }

    @Override
    public void momentumUpdate(Matrix theta, Matrix grad, Matrix velocity, double beta, double lr) {
        ShapeChecks.same(theta, grad, velocity);
        Float32Matrix t = f(theta), g = f(grad), v = f(velocity);
        float b = (float) beta, l = (float) lr;
        CpuParallel.forRange(t.n(), threads, 1, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += Float32Kernels.BLOCK) {
                int n = Math.min(Float32Kernels.BLOCK, to - i0);
                float[] ts = stage(t, 0, i0, n), gs = stage(g, 1, i0, n), vs = stage(v, 2, i0, n);
                Float32Kernels.momentum(ts, gs, vs, b, l, n);
                v.data.put(v.offset + i0, vs, 0, n);
                t.data.put(t.offset + i0, ts, 0, n);
            }
        });
    }

    /** c1 = (float) (1 − β1ᵗ) and c2 = (float) (1 − β2ᵗ), computed in double as the CUDA launcher does. */
    @Override
    public void adamUpdate(Matrix theta, Matrix grad, Matrix m, Matrix v, double beta1, double beta2,
                           double eps, double lr, long t) {
        ShapeChecks.same(theta, grad, m, v);
        Float32Matrix th = f(theta), g = f(grad), mc = f(m), vc = f(v);
        float b1 = (float) beta1, b2 = (float) beta2, e = (float) eps, l = (float) lr;
        float c1 = (float) (1 - Math.pow(beta1, t)), c2 = (float) (1 - Math.pow(beta2, t));
        CpuParallel.forRange(th.n(), threads, 1, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += Float32Kernels.BLOCK) {
                int n = Math.min(Float32Kernels.BLOCK, to - i0);
                float[] ts = stage(th, 0, i0, n), gs = stage(g, 1, i0, n), ms = stage(mc, 2, i0, n), vs = stage(vc, 3, i0, n);
                Float32Kernels.adam(ts, gs, ms, vs, b1, b2, e, l, c1, c2, n);
                mc.data.put(mc.offset + i0, ms, 0, n);
                vc.data.put(vc.offset + i0, vs, 0, n);
                th.data.put(th.offset + i0, ts, 0, n);
            }
        });
    }

    @Override
    public void rmspropUpdate(Matrix theta, Matrix grad, Matrix s, double beta, double eps, double lr) {
        ShapeChecks.same(theta, grad, s);
        Float32Matrix th = f(theta), g = f(grad), sc = f(s);
        float b = (float) beta, e = (float) eps, l = (float) lr;
        CpuParallel.forRange(th.n(), threads, 1, (from, to) -> {
            for (int i0 = from; i0 < to; i0 += Float32Kernels.BLOCK) {
                int n = Math.min(Float32Kernels.BLOCK, to - i0);
                float[] ts = stage(th, 0, i0, n), gs = stage(g, 1, i0, n), ss = stage(sc, 2, i0, n);
                Float32Kernels.rmsprop(ts, gs, ss, b, e, l, n);
                sc.data.put(sc.offset + i0, ss, 0, n);
                th.data.put(th.offset + i0, ts, 0, n);
            }
        });
    }

    /** Elements [i0, i0+n) of x copied into this thread's staging array {@code slot}. */
    private static float[] stage(Float32Matrix x, int slot, int i0, int n) {
        float[] s = Float32Kernels.array(slot, n);
        x.data.get(x.offset + i0, s, 0, n);
        return s;
    }

    @Override
    public void synchronize() {
    }

    @Override
    public void close() {
        // Native memory is owned by the matrices' pointers and freed when they become unreachable.
    }
}
