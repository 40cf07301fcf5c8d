package io.densetrain.device.cpu;

import io.densetrain.device.Activation;

/**
 * The elementwise loops of the {@link Float32Device} on heap {@code float[]} blocks (staged in and out
 * of the off-heap matrices by the device): the formulas of the CUDA kernels in {@code kernels/*.cu},
 * in float32 arithmetic term for term (exp, tanh and sqrt are computed in double and rounded to float,
 * where CUDA's {@code expf}/{@code tanhf} may differ by an ulp; the square root is exact either way).
 */
final class Float32Kernels {
    /** Floats per staged block (128 KiB: stays in L2). */
    static final int BLOCK = 1 << 15;

    private static final ThreadLocal<float[][]> ARRAYS = ThreadLocal.withInitial(() -> new float[4][0]);
    private static final ThreadLocal<double[][]> DOUBLES = ThreadLocal.withInitial(() -> new double[2][0]);

    private Float32Kernels() {
    }

    /** This thread's staging array number {@code slot} (0..3), at least {@code length} long; reused, not zeroed. */
    static float[] array(int slot, int length) {
        float[][] arrays = ARRAYS.get();
        if (arrays[slot].length < length) arrays[slot] = new float[Math.max(length, 64)];
        return arrays[slot];
    }

    /** This thread's double staging array {@code slot} (0..1), for the dropout mask of {@link DropoutKernel}. */
    static double[] doubles(int slot, int length) {
        double[][] arrays = DOUBLES.get();
        if (arrays[slot].length < length) arrays[slot] = new double[Math.max(length, 64)];
        return arrays[slot];
    }

    /** bias_activation_forward / bias_softmax_forward: Z[i,j] += b[i]; A = g(Z), on {@code cols} columns. */
    static void biasActivation(float[] z, float[] b, float[] a, Activation g, int rows, int cols) {
        int n = rows * cols;
        for (int j = 0; j < n; j += rows) {
            for (int i = 0; i < rows; i++) z[j + i] += b[i];
        }
        switch (g) {
            case RELU -> {
                for (int i = 0; i < n; i++) a[i] = Math.max(z[i], 0.0f);
            }
            case TANH -> {
                for (int i = 0; i < n; i++) a[i] = (float) Math.tanh(z[i]);
            }
            case LINEAR -> System.arraycopy(z, 0, a, 0, n);
            case SIGMOID -> {
                for (int i = 0; i < n; i++) a[i] = 1.0f / (1.0f + (float) Math.exp(-z[i]));
            }
            case SOFTMAX -> {
                for (int j = 0; j < n; j += rows) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int i = 0; i < rows; i++) max = Math.max(max, z[j + i]);
                    float sum = 0;
                    for (int i = 0; i < rows; i++) {
                        float e = (float) Math.exp(z[j + i] - max);
                        a[j + i] = e;
                        sum += e;
                    }
                    for (int i = 0; i < rows; i++) a[j + i] = a[j + i] / sum;
                }
            }
        }
    }

    /** activation_backward for RELU: d[i] = z[i] > 0 ? d[i] : +0 (branch-free, as {@link CpuDevice#reluSelect}). */
    static void reluBackward(float[] z, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(z[i]);
            int mask = (-bits & ~bits) >> 31;
            d[i] = Float.intBitsToFloat(Float.floatToRawIntBits(d[i]) & mask);
        }
    }

    /** activation_backward for TANH: d[i] = d[i]·(1 − tanh(z[i])²). */
    static void tanhBackward(float[] z, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            float t = (float) Math.tanh(z[i]);
            d[i] = d[i] * (1.0f - t * t);
        }
    }

    /**
     * dropout_forward after the mask: D is the float64 device's mask ({@link DropoutKernel}, u &lt; (float)
     * keepProb), so both devices keep the same elements; A[i] = D[i] ? A[i]·inv : 0, mask[i] = D[i].
     */
    static void dropoutApply(float[] a, double[] d, float[] mask, float inv, int n) {
        for (int i = 0; i < n; i++) { // branch-free, as DropoutKernel's: a random drop mispredicts a branch
            int kept = (int) d[i];
            mask[i] = kept;
            a[i] = Float.intBitsToFloat(Float.floatToRawIntBits(a[i] * inv) & -kept);
        }
    }

    /** dropout_backward: dA[i] = dA[i]·mask[i]·inv. */
    static void dropoutBackward(float[] da, float[] mask, float inv, int n) {
        for (int i = 0; i < n; i++) da[i] = da[i] * mask[i] * inv;
    }

    /** output_gradient: dZ = (A − Y)·scale. */
    static void outputGradient(float[] a, float[] y, float scale, float[] dz, int n) {
        for (int i = 0; i < n; i++) dz[i] = (a[i] - y[i]) * scale;
    }

    /** l2_gradient: dW += c·W. */
    static void l2Gradient(float[] dw, float[] w, float c, int n) {
        for (int i = 0; i < n; i++) dw[i] = dw[i] + c * w[i];
    }

    /** momentum_update: v = β·v + (1−β)·dθ; θ −= lr·v. */
    static void momentum(float[] t, float[] g, float[] v, float beta, float lr, int n) {
        float oneMinus = 1.0f - beta;
        for (int i = 0; i < n; i++) {
            float vi = beta * v[i] + oneMinus * g[i];
            v[i] = vi;
            t[i] = t[i] - lr * vi;
        }
    }

    /** adam_update: m = β1·m + (1−β1)·dθ; v = β2·v + (1−β2)·dθ²; θ −= lr·(m/c1)/(√(v/c2) + ε). */
    static void adam(float[] t, float[] g, float[] m, float[] v, float beta1, float beta2, float eps, float lr,
                     float c1, float c2, int n) {
        float om1 = 1.0f - beta1, om2 = 1.0f - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + om1 * gi;
            float vi = beta2 * v[i] + om2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            t[i] = t[i] - lr * (mi / c1) / ((float) Math.sqrt(vi / c2) + eps);
        }
    }

    /** rmsprop_update: s = β·s + (1−β)·dθ²; θ −= lr·dθ/(√s + ε). */
    static void rmsprop(float[] t, float[] g, float[] s, float beta, float eps, float lr, int n) {
        float oneMinus = 1.0f - beta;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float si = beta * s[i] + oneMinus * gi * gi;
            s[i] = si;
            t[i] = t[i] - lr * gi / ((float) Math.sqrt(si) + eps);
        }
    }
}
