package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.densetrain.device.Activation;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The CPU device's fast paths against their plain definitions: the fused dropout kernel against the
 * stream's uniforms at unaligned offsets, the multi-threaded elementwise loops bit for bit against one
 * thread, and the Java small-matrix product against OpenBLAS and the naive loops.
 */
class CpuFastPathsTest {
    private final Random random = new Random(11);

    private static Matrix upload(CpuDevice device, double[] values, int rows, int cols) {
        Matrix m = device.allocate(rows, cols);
        device.upload(values, m);
        return m;
    }

    private double[] gaussians(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    @Test
    void fusedDropoutMatchesTheStreamAtEveryAlignmentAndSplit() {
        for (CpuDevice device : new CpuDevice[] {CpuDevice.create(1), CpuDevice.create(3)}) {
            // 37 × 811 = 30007 elements: parallel for 3 threads, an odd length, ranges that start mid-block
            for (long start : new long[] {DropoutStream.offset(1, 5), DropoutStream.offset(2, 9) + 1, 3, 65_536L * 4 - 6}) {
                int rows = 37, cols = 811, n = rows * cols;
                double[] values = gaussians(n);
                Matrix a = upload(device, values, rows, cols);
                Matrix mask = device.allocate(rows, cols);
                double keep = 0.7;
                device.dropoutForward(a, mask, keep, 0x1234_5678_9ABCL, start);
                float[] u = new float[n];
                DropoutStream.uniforms(0x1234_5678_9ABCL, start, u, n);
                double[] got = device.download(a), d = device.download(mask);
                for (int i = 0; i < n; i++) {
                    boolean kept = u[i] < (float) keep;
                    assertEquals(kept ? 1.0 : 0.0, d[i], "mask element " + i + " at start " + start);
                    assertEquals(kept ? values[i] * (1 / keep) : 0.0, got[i], "element " + i + " at start " + start);
                }
            }
        }
    }

    @Test
    void shortDropoutRangesUseTheHeadAndTailPaths() {
        CpuDevice device = CpuDevice.create(1);
        for (int n = 1; n <= 19; n++) {
            Matrix a = upload(device, new double[n], n, 1);
            device.fill(a, 2.0);
            Matrix mask = device.allocate(n, 1);
            device.dropoutForward(a, mask, 0.5, 99, 2);
            float[] u = new float[n];
            DropoutStream.uniforms(99, 2, u, n);
            double[] d = device.download(mask);
            for (int i = 0; i < n; i++) assertEquals(u[i] < 0.5f ? 1.0 : 0.0, d[i], "n=" + n + " element " + i);
        }
    }

    @Test
    void elementwiseLoopsGiveTheSameBitsOnOneAndThreeThreads() {
        int rows = 513, cols = 301, n = rows * cols; // 154k elements: above the parallel threshold
        double[] z = gaussians(n), b = gaussians(rows), da = gaussians(n), theta = gaussians(n), mask = new double[n];
        for (int i = 0; i < n; i++) mask[i] = random.nextBoolean() ? 1 : 0;
        double[][] results = new double[2][];
        CpuDevice[] devices = {CpuDevice.create(1), CpuDevice.create(3)};
        for (int d = 0; d < 2; d++) {
            CpuDevice device = devices[d];
            double[] out = new double[0];
            for (Activation g : new Activation[] {Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.SOFTMAX}) {
                Matrix zm = upload(device, z, rows, cols), am = device.allocate(rows, cols);
                device.biasActivationForward(zm, upload(device, b, rows, 1), am, g);
                out = concat(out, device.download(zm), device.download(am));
                if (g == Activation.RELU || g == Activation.TANH) {
                    Matrix dam = upload(device, da, rows, cols);
                    device.activationBackward(dam, zm, dam, g);
                    out = concat(out, device.download(dam));
                }
            }
            Matrix dam = upload(device, da, rows, cols);
            device.dropoutBackward(dam, upload(device, mask, rows, cols), 0.8);
            Matrix db = device.allocate(rows, 1);
            device.rowSums(dam, 0.25, db);
            Matrix th = upload(device, theta, n, 1), grad = upload(device, da, n, 1);
            device.l2Gradient(grad, th, 0.003);
            device.sgdUpdate(th, grad, 0.1);
            Matrix velocity = upload(device, mask, n, 1), adamM = upload(device, da, n, 1), adamV = upload(device, mask, n, 1);
            device.momentumUpdate(th, grad, velocity, 0.9, 0.1);
            device.adamUpdate(th, grad, adamM, adamV, 0.9, 0.999, 1e-8, 0.01, 3);
            device.rmspropUpdate(th, grad, velocity, 0.9, 1e-8, 0.01);
            results[d] = concat(out, device.download(dam), device.download(db), device.download(grad), device.download(th),
                    device.download(velocity), device.download(adamM), device.download(adamV));
        }
        assertArrayEquals(results[0], results[1], "three threads must reproduce one thread bit for bit");
    }

    @Test
    void stagedBiasActivationMatchesTheFormulaAcrossBlocks() {
        // 7 × 10000 = 70000 elements: more than two HeapStage blocks, and 32768 is not a multiple of 7
        CpuDevice device = CpuDevice.create(1);
        int rows = 7, cols = 10_000, n = rows * cols;
        double[] z = gaussians(n), b = gaussians(rows), dA = gaussians(n);
        for (Activation g : new Activation[] {Activation.RELU, Activation.SIGMOID, Activation.SOFTMAX}) {
            Matrix zm = upload(device, z, rows, cols), am = device.allocate(rows, cols);
            device.biasActivationForward(zm, upload(device, b, rows, 1), am, g);
            double[] zGot = device.download(zm), aGot = device.download(am);
            for (int j = 0; j < cols; j++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int i = 0; i < rows; i++) max = Math.max(max, z[i + j * rows] + b[i]);
                for (int i = 0; i < rows; i++) sum += Math.exp(z[i + j * rows] + b[i] - max);
                for (int i = 0; i < rows; i++) {
                    int at = i + j * rows;
                    double v = z[at] + b[i];
                    double expected = switch (g) {
                        case RELU -> Math.max(v, 0);
                        case SIGMOID -> 1 / (1 + Math.exp(-v));
                        default -> Math.exp(v - max) / sum;
                    };
                    assertEquals(v, zGot[at], g + " Z at " + at);
                    assertEquals(expected, aGot[at], 1e-15, g + " A at " + at);
                }
            }
            if (g == Activation.RELU) {
                Matrix dam = upload(device, dA, rows, cols);
                device.activationBackward(dam, zm, dam, g);
                double[] dz = device.download(dam);
                for (int i = 0; i < n; i++) assertEquals(zGot[i] > 0 ? dA[i] : 0.0, dz[i], "dZ at " + i);
                Matrix db = device.allocate(rows, 1);
                device.rowSums(dam, 1.0, db);
                double[] dbGot = device.download(db);
                for (int i = 0; i < rows; i++) {
                    double s = 0;
                    for (int j = 0; j < cols; j++) s += dz[i + j * rows];
                    assertEquals(s, dbGot[i], "db row " + i);
                }
            }
        }
    }

    private static double[] concat(double[]... parts) {
        int total = 0;
        for (double[] p : parts) total += p.length;
        double[] all = new double[total];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void rowSumsHandComputed() {
        CpuDevice device = CpuDevice.create(1);
        Matrix dz = upload(device, new double[] {1, 2, 3, 4, 5, 6}, 2, 3); // rows (1,3,5) and (2,4,6)
        Matrix db = device.allocate(2, 1);
        device.rowSums(dz, 0.5, db);
        assertArrayEquals(new double[] {4.5, 6}, device.download(db));
    }

    @Test
    void parallelRangesCoverEveryIndexOnce() {
        int n = 1_000_003;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        CpuParallel.forRange(n, 3, 1, (from, to) -> {
            for (int i = from; i < to; i++) hits.incrementAndGet(i);
        });
        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "index " + i);
    }

    @Test
    void shortWideProductTransposedMatchesTheNaiveLoops() {
        // C = 1.5·A·Bᵀ with C 20 × 8,200: OpenBLAS computes Cᵀ and the backend transposes it on two
        // threads (160k elements, above the parallel threshold); A and B are views, C holds NaN first
        int m = 20, n = 8200, k = 3;
        CpuDevice device = CpuDevice.create(2);
        OpenBlasBackend blas = OpenBlasBackend.load(2);
        CpuMatrix a = (CpuMatrix) device.view(upload(device, gaussians(m * k + 7), m * k + 7, 1), 7, m, k);
        CpuMatrix b = (CpuMatrix) device.view(upload(device, gaussians(n * k + 3), n * k + 3, 1), 3, n, k);
        CpuMatrix viaBlas = (CpuMatrix) device.allocate(m, n), viaNaive = (CpuMatrix) device.allocate(m, n);
        device.fill(viaBlas, Double.NaN);
        blas.gemm(false, true, m, n, k, 1.5, a, b, 0.0, viaBlas);
        JavaBackend.multiply(false, true, m, n, k, 1.5, a, b, 0.0, viaNaive);
        assertArrayEquals(device.download(viaNaive), device.download(viaBlas), 1e-13);
    }

    @Test
    void smallGemmMatchesOpenBlasAndTheNaiveLoopsOnViews() {
        CpuDevice device = CpuDevice.create(1);
        OpenBlasBackend blas = OpenBlasBackend.load(1);
        SmallGemm small = new SmallGemm();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int m = 20, n = 211, k = 3;
                // A and B are views 5 elements into larger buffers, to exercise the offsets
                CpuMatrix aBase = (CpuMatrix) upload(device, gaussians(m * k + 5), m * k + 5, 1);
                CpuMatrix bBase = (CpuMatrix) upload(device, gaussians(k * n + 5), k * n + 5, 1);
                CpuMatrix a = (CpuMatrix) device.view(aBase, 5, ta ? k : m, ta ? m : k);
                CpuMatrix b = (CpuMatrix) device.view(bBase, 5, tb ? n : k, tb ? k : n);
                double[] c0 = gaussians(m * n);
                CpuMatrix viaSmall = (CpuMatrix) upload(device, c0, m, n);
                CpuMatrix viaBlas = (CpuMatrix) upload(device, c0, m, n);
                CpuMatrix viaNaive = (CpuMatrix) upload(device, c0, m, n);
                small.multiply(ta, tb, m, n, k, 1.5, a, b, 0.5, viaSmall);
                blas.gemm(ta, tb, m, n, k, 1.5, a, b, 0.5, viaBlas);
                JavaBackend.multiply(ta, tb, m, n, k, 1.5, a, b, 0.5, viaNaive);
                assertArrayEquals(device.download(viaBlas), device.download(viaSmall), 1e-13, "ta=" + ta + " tb=" + tb);
                assertArrayEquals(device.download(viaNaive), device.download(viaSmall), 1e-13, "ta=" + ta + " tb=" + tb);
                // beta = 0 ignores what C held (even NaN), as BLAS does
                device.fill(viaSmall, Double.NaN);
                small.multiply(ta, tb, m, n, k, 1.0, a, b, 0.0, viaSmall);
                blas.gemm(ta, tb, m, n, k, 1.0, a, b, 0.0, viaBlas);
                assertArrayEquals(device.download(viaBlas), device.download(viaSmall), 1e-13);
            }
        }
    }
}
