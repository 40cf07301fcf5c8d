package io.densetrain.device.cpu;

import io.densetrain.device.Activation;
import io.densetrain.device.DropoutStream;

/**
 * A small network's full-batch gradient-descent iteration on the Java heap, for the course's
 * [2,20,3,1]-sized runs, where one iteration is ~130 kFLOP and eight native dgemm calls plus ten
 * elementwise device calls cost more than the arithmetic. θ, dθ, X, Y and every activation live in
 * {@code double[]}s; each layer's activations are stored row by row (row i = unit i over the m
 * examples), so the loops run over examples and C2 vectorizes them:
 * <pre>
 *   forward:  Z[l][i,:] = b[l][i] + Σ_p W[l][i,p]·A[l−1][p,:] (the bias first, then p = 0, 1, …);  A[l] = g(Z[l])  (∘ D[l]/keep[l])
 *   backward: dZ[L] = (A[L] − Y)/m;  dW[l][i,p] = Σ_j dZ[l][i,j]·A[l−1][p,j] + (λ/m)·W[l][i,p];
 *             db[l][i] = Σ_j dZ[l][i,j];  dA[l−1][p,:] = Σ_i W[l][i,p]·dZ[l][i,:]  (∘ D[l−1]/keep)
 *             dZ[l−1] = dA[l−1] ∘ g'(Z[l−1]);   update: θ −= α·dθ
 * </pre>
 * the formulas of {@link io.densetrain.nn.Network} and the device kernels, in float64. Sums over examples
 * run in a different order than OpenBLAS's, so results agree with the device path to rounding (≈ 1e-15
 * relative per iteration), not bit for bit. Dropout masks are the device's: element (i, j) of layer l
 * at step t is stream element {@code DropoutStream.offset(l, t) + i + j·n[l]} of the column-major
 * layout, drawn by the CPU device's own Philox kernel. θ has {@link io.densetrain.nn.ParameterLayout}'s
 * layout (every W block column-major, then every b).
 *
 * <p>An iteration is two halves of the examples, [0, h) and [h, m) with h = ⌊m/16⌋·8: forward, backward and
 * each half's own gradient sums are independent, so the halves run on two threads when the device has them
 * ({@link CpuParallel}), and the two partial gradients are then added, half 0 first. The halves are the
 * same on one thread, so results do not depend on the thread count.
 */
public final class SmallNetwork {
    /**
     * Multiply-adds of a forward pass (Σ_l n[l]·n[l−1]·m) up to which the heap path is used. Measured
     * with benchmarks' SmallNetThreshold (heap and device iterations alternating, 2 threads, best of
     * five; the two-half heap path, 2026-12-01): the heap path is 2.0–2.6× faster for [2,20,3,1] on 211 and
     * [2,10,5,1] on 300 examples (≈ 22k), 1.7–2.0× at 103k–250k, 1.4× at 324k–648k ([2,24,24,1]), 1.1–1.2× at
     * 560k–1.12M ([2,32,32,1]) and 0.6× at 4.3M ([2,64,64,1] on 1,000), where OpenBLAS's kernels win.
     * 2²⁰ = 1,048,576 stays below the crossover. The system property {@code densetrain.cpu.smallNetMacs}
     * overrides it (0 turns the heap path off).
     */
    public static final long MAX_MACS = Long.getLong("densetrain.cpu.smallNetMacs", 1L << 20);

    private final int[] n;
    private final int m, depth;
    private final Activation hidden, output;
    private final double lambda;
    private final double[] keep;
    private final long seed;
    private final long[] wOff, bOff;
    private final double[] theta, grad;
    private final double[][] halfGrad;
    private final int threads, half;
    /** Each half's own activations and scratch (separate arrays: the two threads never write one cache line). */
    private final Half[] halves = new Half[2];

    /** One half's Z, A, dropout masks, dA/dZ and scratch, each array m long, used on the half's examples only. */
    private final class Half {
        final double[][][] z = new double[depth + 1][][], a = new double[depth + 1][][], mask = new double[depth + 1][][];
        final double[][] dA, dZ;
        final double[] dropMask;

        Half() {
            int widest = 0;
            for (int l = 0; l <= depth; l++) {
                widest = Math.max(widest, n[l]);
                a[l] = new double[n[l]][m];
                if (l > 0) z[l] = new double[n[l]][m];
                if (l < depth && keep[l] < 1) mask[l] = new double[n[l]][m];
            }
            dA = new double[widest][m];
            dZ = new double[widest][m];
            dropMask = new double[widest * m];
        }
    }

    /**
     * @param sizes n[0..L]; {@code x} column-major (n[0], m); {@code y} column-major (n[L], m);
     * {@code weightOffsets}/{@code biasOffsets} per layer 1..L into θ; {@code threads}: 2 or more runs the
     * two halves of the examples side by side.
     */
    public SmallNetwork(int[] sizes, Activation hidden, Activation output, double lambda, double[] keepProb, long dropoutSeed,
                        long[] weightOffsets, long[] biasOffsets, double[] theta, double[] x, double[] y, int m, int threads) {
        this.n = sizes.clone();
        this.depth = sizes.length - 1;
        this.m = m;
        this.hidden = hidden;
        this.output = output;
        this.lambda = lambda;
        this.keep = keepProb.clone();
        this.seed = dropoutSeed;
        this.wOff = weightOffsets.clone();
        this.bOff = biasOffsets.clone();
        this.theta = theta.clone();
        this.grad = new double[theta.length];
        this.halfGrad = new double[][] {new double[theta.length + 16], new double[theta.length + 16]}; // padded apart
        this.threads = Math.max(1, threads);
        this.half = m / 16 * 8;
        halves[0] = new Half();
        halves[1] = new Half();
        input = new double[n[0]][m];
        targets = new double[n[depth]][m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n[0]; i++) input[i][j] = x[i + j * n[0]];
            for (int i = 0; i < n[depth]; i++) targets[i][j] = y[i + j * n[depth]];
        }
    }

    private final double[][] input, targets;

    /** Multiply-adds of one forward pass: Σ_l n[l]·n[l−1]·m. */
    public static long macs(int[] sizes, int m) {
        long macs = 0;
        for (int l = 1; l < sizes.length; l++) macs += (long) sizes[l] * sizes[l - 1] * m;
        return macs;
    }

    /** Whether a network of these sizes on m examples is small enough for this path. */
    public static boolean use(int[] sizes, int m, long maxMacs) {
        return macs(sizes, m) <= maxMacs;
    }

    public double[] theta() {
        return theta;
    }

    /** Replaces θ (after the device ran an iteration). */
    public void setTheta(double[] values) {
        System.arraycopy(values, 0, theta, 0, theta.length);
    }

    /** One training iteration at step t: forward with dropout, backward, θ −= lr·dθ. */
    public void iterate(long step, double lr) {
        CpuParallel.forRange(2, threads, Long.MAX_VALUE / 2, (from, to) -> {
            for (int h = from; h < to; h++) {
                int j0 = h == 0 ? 0 : half, j1 = h == 0 ? half : m;
                forward(halves[h], step, j0, j1);
                backward(halves[h], halfGrad[h], j0, j1);
            }
        });
        double[] g0 = halfGrad[0], g1 = halfGrad[1];
        for (int k = 0; k < grad.length; k++) grad[k] = g0[k] + g1[k];
        if (lambda > 0) {
            double c = lambda / m;
            for (int l = 1; l <= depth; l++) {
                for (int k = (int) wOff[l], end = k + n[l] * n[l - 1]; k < end; k++) grad[k] += c * theta[k];
            }
        }
        for (int k = 0; k < theta.length; k++) theta[k] = theta[k] + -lr * grad[k];
    }

    /** The forward pass over examples [j0, j1). */
    private void forward(Half s, long step, int j0, int j1) {
        double[][] previous = input;
        if (keep[0] < 1) {
            dropout(s, input, s.a[0], s.mask[0], 0, step, j0, j1);
            previous = s.a[0];
        }
        for (int l = 1; l <= depth; l++) {
            int rows = n[l], cols = n[l - 1];
            double[][] zl = s.z[l], al = s.a[l];
            int w = (int) wOff[l], b = (int) bOff[l];
            for (int i = 0; i < rows; i++) {
                double[] zi = zl[i];
                accumulate(zi, theta[b + i], previous, w + i, rows, cols, j0, j1);
            }
            activate(zl, al, l == depth ? output : hidden, rows, j0, j1);
            if (l < depth && keep[l] < 1) dropout(s, al, al, s.mask[l], l, step, j0, j1);
            previous = al;
        }
    }

    private void activate(double[][] zl, double[][] al, Activation g, int rows, int j0, int j1) {
        switch (g) {
            case RELU -> {
                for (int i = 0; i < rows; i++) {
                    double[] zi = zl[i], ai = al[i];
                    for (int j = j0; j < j1; j++) ai[j] = Math.max(zi[j], 0.0);
                }
            }
            case TANH -> {
                for (int i = 0; i < rows; i++) {
                    for (int j = j0; j < j1; j++) al[i][j] = Math.tanh(zl[i][j]);
                }
            }
            case LINEAR -> {
                for (int i = 0; i < rows; i++) System.arraycopy(zl[i], j0, al[i], j0, j1 - j0);
            }
            case SIGMOID -> {
                for (int i = 0; i < rows; i++) {
                    for (int j = j0; j < j1; j++) al[i][j] = 1.0 / (1.0 + Math.exp(-zl[i][j]));
                }
            }
            case SOFTMAX -> {
                for (int j = j0; j < j1; j++) {
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int i = 0; i < rows; i++) max = Math.max(max, zl[i][j]);
                    for (int i = 0; i < rows; i++) {
                        double e = Math.exp(zl[i][j] - max);
                        al[i][j] = e;
                        sum += e;
                    }
                    for (int i = 0; i < rows; i++) al[i][j] /= sum;
                }
            }
        }
    }

    /**
     * out = in ∘ D/keep over examples [j0, j1), D from the stream in the device's column-major element order
     * (elements j0·rows … j1·rows − 1 of the layer): the mask drawn alone, each unit's row gathered from it,
     * then in·(1/keep)·D + 0.0 in one vectorized pass per row (in/keep where kept, +0.0 where dropped, as the
     * device's kept ? in/keep : 0, except that an infinite or NaN activation at a dropped unit gives NaN).
     */
    private void dropout(Half s, double[][] in, double[][] out, double[][] d, int l, long step, int j0, int j1) {
        int rows = n[l];
        DropoutKernel.mask(s.dropMask, j0 * rows, (j1 - j0) * rows, keep[l], seed, DropoutStream.offset(l, step) + (long) j0 * rows);
        double inv = 1.0 / keep[l];
        for (int i = 0; i < rows; i++) {
            double[] di = d[i], ini = in[i], oi = out[i];
            for (int j = j0; j < j1; j++) di[j] = s.dropMask[i + j * rows];
            for (int j = j0; j < j1; j++) oi[j] = ini[j] * inv * di[j] + 0.0;
        }
    }

    /** The backward pass over examples [j0, j1): this half's dW (without the L2 term) and db into {@code g}. */
    private void backward(Half s, double[] g, int j0, int j1) {
        double scale = 1.0 / m;
        int rowsL = n[depth];
        double[][] dz = s.dZ, da = s.dA;
        for (int i = 0; i < rowsL; i++) {
            double[] ai = s.a[depth][i], yi = targets[i], di = dz[i];
            for (int j = j0; j < j1; j++) di[j] = (ai[j] - yi[j]) * scale;
        }
        for (int l = depth; l >= 1; l--) {
            int rows = n[l], cols = n[l - 1];
            double[][] previous = l == 1 ? (keep[0] < 1 ? s.a[0] : input) : s.a[l - 1];
            int w = (int) wOff[l], b = (int) bOff[l];
            for (int i = 0; i < rows; i++) {
                double[] di = dz[i];
                g[b + i] = sum(di, j0, j1);
                for (int p = 0; p < cols; p += 2) {
                    if (p + 1 < cols) {
                        dots(di, previous[p], previous[p + 1], g, w + i + p * rows, rows, j0, j1);
                    } else {
                        dots(di, previous[p], previous[p], g, w + i + p * rows, 0, j0, j1);
                    }
                }
            }
            if (l > 1) {
                for (int p = 0; p < cols; p++) {
                    double[] dp = da[p];
                    accumulate(dp, 0.0, dz, w + p * rows, 1, rows, j0, j1);
                    if (keep[l - 1] < 1) {
                        double inv = 1.0 / keep[l - 1];
                        double[] mp = s.mask[l - 1][p];
                        for (int j = j0; j < j1; j++) dp[j] = dp[j] * mp[j] * inv;
                    }
                    double[] zp = s.z[l - 1][p];
                    switch (hidden) {
                        case RELU -> {
                            double[] ap = s.a[l - 1][p];
                            for (int j = j0; j < j1; j++) dp[j] = dp[j] * reluStep(ap[j]) + 0.0;
                        }
                        case TANH -> {
                            for (int j = j0; j < j1; j++) {
                                double t = Math.tanh(zp[j]);
                                dp[j] = dp[j] * (1 - t * t);
                            }
                        }
                        default -> {
                        }
                    }
                }
                double[][] swap = dz;
                dz = da;
                da = swap;
            }
        }
    }

    /** 2⁵³⁷: twice this factor takes the smallest subnormal to 1. */
    private static final double STEP_SCALE = 0x1p537;

    /**
     * g'(z) of ReLU from a = max(z, 0): exactly 1 when a > 0 (a·2⁵³⁷·2⁵³⁷ ≥ 1, even for the smallest
     * subnormal), 0 when a = 0, as multiplications and a min that C2 vectorizes (the bit-mask select
     * of the device kernel is not vectorized on JDK 17). dZ = dA·step + 0.0 is then dA or +0.0, as
     * the device's z > 0 ? dA : 0 (an infinite or NaN dA at an inactive unit gives NaN instead of 0).
     */
    static double reluStep(double a) {
        return Math.min(a * STEP_SCALE * STEP_SCALE, 1.0);
    }

    /**
     * out[j] = start + Σ_{q<count} θ[w0 + q·stride]·x[q][j] for j in [j0, j1), the terms added in order q = 0, 1, …,
     * up to four per pass over the examples (one load and store of out per four products instead of per
     * product; the first pass starts from {@code start} instead of a filled row).
     */
    private void accumulate(double[] out, double start, double[][] x, int w0, int stride, int count, int j0, int j1) {
        if (count == 0) java.util.Arrays.fill(out, j0, j1, start);
        for (int q = 0; q < count; q += 4) {
            int terms = Math.min(4, count - q);
            double c0 = theta[w0 + q * stride];
            double c1 = terms > 1 ? theta[w0 + (q + 1) * stride] : 0, c2 = terms > 2 ? theta[w0 + (q + 2) * stride] : 0;
            double c3 = terms > 3 ? theta[w0 + (q + 3) * stride] : 0;
            double[] x0 = x[q], x1 = x[q + Math.min(1, terms - 1)], x2 = x[q + Math.min(2, terms - 1)], x3 = x[q + terms - 1];
            if (q == 0) {
                switch (terms) {
                    case 4 -> { for (int j = j0; j < j1; j++) out[j] = start + c0 * x0[j] + c1 * x1[j] + c2 * x2[j] + c3 * x3[j]; }
                    case 3 -> { for (int j = j0; j < j1; j++) out[j] = start + c0 * x0[j] + c1 * x1[j] + c2 * x2[j]; }
                    case 2 -> { for (int j = j0; j < j1; j++) out[j] = start + c0 * x0[j] + c1 * x1[j]; }
                    default -> { for (int j = j0; j < j1; j++) out[j] = start + c0 * x0[j]; }
                }
            } else {
                switch (terms) {
                    case 4 -> { for (int j = j0; j < j1; j++) out[j] = out[j] + c0 * x0[j] + c1 * x1[j] + c2 * x2[j] + c3 * x3[j]; }
                    case 3 -> { for (int j = j0; j < j1; j++) out[j] = out[j] + c0 * x0[j] + c1 * x1[j] + c2 * x2[j]; }
                    case 2 -> { for (int j = j0; j < j1; j++) out[j] = out[j] + c0 * x0[j] + c1 * x1[j]; }
                    default -> { for (int j = j0; j < j1; j++) out[j] = out[j] + c0 * x0[j]; }
                }
            }
        }
    }

    /**
     * g[at] = Σ_j d[j]·x[j] and g[at + gap] = Σ_j d[j]·y[j] over [j0, j1) in one pass (d loaded once for both:
     * the pass is bound by loads, one per product instead of two), each with four partial sums (lane l takes
     * j ≡ l mod 4) folded pairwise; with gap 0 (y = x) the same sum is written once.
     */
    private static void dots(double[] d, double[] x, double[] y, double[] g, int at, int gap, int j0, int j1) {
        double x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0;
        int j = j0;
        for (; j + 3 < j1; j += 4) {
            double d0 = d[j], d1 = d[j + 1], d2 = d[j + 2], d3 = d[j + 3];
            x0 += d0 * x[j];
            x1 += d1 * x[j + 1];
            x2 += d2 * x[j + 2];
            x3 += d3 * x[j + 3];
            y0 += d0 * y[j];
            y1 += d1 * y[j + 1];
            y2 += d2 * y[j + 2];
            y3 += d3 * y[j + 3];
        }
        for (; j < j1; j++) {
            x0 += d[j] * x[j];
            y0 += d[j] * y[j];
        }
        g[at + gap] = (y0 + y1) + (y2 + y3);
        g[at] = (x0 + x1) + (x2 + x3);
    }

    /**
     * Σ_{j0≤j<j1} x[j] with eight partial sums (independent chains, so the adds are not latency-bound). Measured
     * slower: a pairwise fold of halves, each a vectorized pass (21 against 16.5 µs per [2,20,3,1] iteration),
     * the eight partial sums in an array for C2 to pack, and the quarters added lane by lane before the sum.
     */
    private static double sum(double[] x, int j0, int j1) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = j0;
        for (; j + 7 < j1; j += 8) {
            s0 += x[j];
            s1 += x[j + 1];
            s2 += x[j + 2];
            s3 += x[j + 3];
            s4 += x[j + 4];
            s5 += x[j + 5];
            s6 += x[j + 6];
            s7 += x[j + 7];
        }
        for (; j < j1; j++) s0 += x[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
