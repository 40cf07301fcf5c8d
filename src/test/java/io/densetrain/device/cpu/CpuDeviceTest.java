package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every CPU kernel on small hand-computed cases, both GEMM backends against a naive product. */
class CpuDeviceTest {
    private final CpuDevice device = CpuDevice.create(1);

    private Matrix m(int rows, int cols, double... values) {
        Matrix x = device.allocate(rows, cols);
        device.upload(values, x);
        return x;
    }

    @Test
    void openBlasLoadsOnThisPlatform() {
        assertNull(device.fallbackReason(), "OpenBLAS should load on linux-x86_64");
        assertTrue(device.describe().contains("OpenBLAS"));
    }

    @Test
    void gemmAllTransposesMatchNaiveProductOnBothBackends() {
        Random r = new Random(3);
        for (Device d : new Device[] {device, CpuDevice.javaOnly()}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int mm = 5, n = 7, k = 3;
                    double[] a = r.doubles(mm * k).toArray(), b = r.doubles(k * n).toArray(), c = r.doubles(mm * n).toArray();
                    Matrix A = d.allocate(ta ? k : mm, ta ? mm : k), B = d.allocate(tb ? n : k, tb ? k : n), C = d.allocate(mm, n);
                    d.upload(a, A);
                    d.upload(b, B);
                    d.upload(c, C);
                    d.gemm(ta, tb, 2.0, A, B, 0.5, C);
                    double[] got = d.download(C);
                    for (int i = 0; i < mm; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int p = 0; p < k; p++) {
                                double aip = ta ? a[p + i * k] : a[i + p * mm];
                                double bpj = tb ? b[j + p * n] : b[p + j * k];
                                s += aip * bpj;
                            }
                            assertEquals(2 * s + 0.5 * c[i + j * mm], got[i + j * mm], 1e-12, d.describe() + " ta=" + ta + " tb=" + tb);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shortWideProductTakesTheTransposedPathAndMatchesTheJavaProduct() {
        // C (3 × 2048) = A (3 × 5) · B (2048 × 5)ᵀ: n ≥ 8·m and n ≥ 1024, so OpenBlasBackend computes Cᵀ and transposes.
        Random r = new Random(11);
        int m = 3, n = 2048, k = 5;
        double[] a = r.doubles(m * k).toArray(), b = r.doubles(n * k).toArray();
        double[] expected = null;
        for (Device d : new Device[] {device, CpuDevice.javaOnly()}) {
            Matrix A = d.allocate(m, k), B = d.allocate(n, k), C = d.allocate(m, n);
            d.upload(a, A);
            d.upload(b, B);
            d.gemm(false, true, 0.5, A, B, 0.0, C);
            double[] got = d.download(C);
            if (expected == null) {
                expected = got;
                for (int j : new int[] {0, 1, 777, n - 1}) {
                    for (int i = 0; i < m; i++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) s += a[i + p * m] * b[j + p * n];
                        assertEquals(0.5 * s, got[i + j * m], 1e-13);
                    }
                }
            } else {
                assertArrayEquals(expected, got, 1e-13);
            }
        }
        assertTrue(OpenBlasBackend.MIN_WIDE_COLUMNS <= n && OpenBlasBackend.WIDE * m <= n);
    }

    @Test
    void gemmOnViewsUsesTheOffset() {
        Matrix base = m(2, 3, 1, 2, 3, 4, 5, 6); // columns (1,2) (3,4) (5,6)
        Matrix lastTwo = device.view(base, 2, 2, 2);
        Matrix w = m(1, 2, 1, 10);
        Matrix out = device.allocate(1, 2);
        device.gemm(false, false, 1, w, lastTwo, 0, out);
        assertArrayEquals(new double[] {43, 65}, device.download(out));
    }

    @Test
    void biasReluForwardAndBackward() {
        Matrix z = m(2, 2, -1, 2, 3, -4);
        Matrix b = m(2, 1, 0.5, 1);
        Matrix a = device.allocate(2, 2);
        device.biasActivationForward(z, b, a, Activation.RELU);
        assertArrayEquals(new double[] {-0.5, 3, 3.5, -3}, device.download(z));
        assertArrayEquals(new double[] {0, 3, 3.5, 0}, device.download(a));
        Matrix da = m(2, 2, 1, 1, 1, 1);
        device.activationBackward(da, z, da, Activation.RELU);
        assertArrayEquals(new double[] {0, 1, 1, 0}, device.download(da));
    }

    @Test
    void tanhBackwardUsesZ() {
        Matrix z = m(1, 2, 0.3, -2);
        Matrix da = m(1, 2, 2, 1);
        Matrix dz = device.allocate(1, 2);
        device.activationBackward(da, z, dz, Activation.TANH);
        double t0 = Math.tanh(0.3), t1 = Math.tanh(-2);
        assertArrayEquals(new double[] {2 * (1 - t0 * t0), 1 - t1 * t1}, device.download(dz), 1e-15);
    }

    @Test
    void sigmoidAndSoftmaxForward() {
        Matrix z = m(1, 2, 0, Math.log(3));
        Matrix a = device.allocate(1, 2);
        device.biasActivationForward(z, m(1, 1, 0), a, Activation.SIGMOID);
        assertArrayEquals(new double[] {0.5, 0.75}, device.download(a), 1e-15);

        Matrix zs = m(3, 1, 1000, 1000 + Math.log(2), 1000);
        Matrix as = device.allocate(3, 1);
        device.biasActivationForward(zs, m(3, 1, 0, 0, 0), as, Activation.SOFTMAX);
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, device.download(as), 1e-12);
    }

    @Test
    void crossEntropyIsStableFromLogits() {
        // sigmoid: y=1, z=0 → ln 2; y=0, z=1000 → 1000 (a naive log(1−a) would be infinite)
        double s = device.crossEntropySum(m(1, 2, 0, 1000), m(1, 2, 1, 0), Activation.SIGMOID);
        assertEquals(Math.log(2) + 1000, s, 1e-9);
        // softmax: z = (0, ln 2, 0), label 1 → −ln(2/4) = ln 2
        double t = device.crossEntropySum(m(3, 1, 0, Math.log(2), 0), m(3, 1, 0, 1, 0), Activation.SOFTMAX);
        assertEquals(Math.log(2), t, 1e-12);
    }

    @Test
    void outputGradientRowSumsAndCounts() {
        Matrix a = m(1, 4, 0.9, 0.2, 0.6, 0.4);
        Matrix y = m(1, 4, 1, 0, 0, 0);
        Matrix dz = device.allocate(1, 4);
        device.outputGradient(a, y, 0.25, dz);
        assertArrayEquals(new double[] {-0.025, 0.05, 0.15, 0.1}, device.download(dz), 1e-15);
        assertEquals(3, device.countCorrect(a, y, Activation.SIGMOID));
        Matrix db = device.allocate(1, 1);
        device.rowSums(dz, 2, db);
        assertEquals(0.55, device.download(db)[0], 1e-15);
        Matrix as = m(3, 2, 0.1, 0.7, 0.2, 0.5, 0.3, 0.2);
        Matrix ys = m(3, 2, 0, 1, 0, 0, 1, 0);
        assertEquals(1, device.countCorrect(as, ys, Activation.SOFTMAX));
    }

    @Test
    void dropoutMaskFollowsTheStreamAndScales() {
        int n = 10_000;
        double keep = 0.8;
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        Matrix a = m(100, 100, ones);
        Matrix mask = device.allocate(100, 100);
        long offset = DropoutStream.offset(2, 17);
        device.dropoutForward(a, mask, keep, 42, offset);
        double[] got = device.download(a), d = device.download(mask);
        float[] u = new float[n];
        DropoutStream.uniforms(42, offset, u, n);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean keepIt = u[i] < (float) keep;
            assertEquals(keepIt ? 1.0 : 0.0, d[i]);
            assertEquals(keepIt ? 1 / keep : 0.0, got[i], 1e-15);
            kept += keepIt ? 1 : 0;
        }
        assertEquals(keep, kept / (double) n, 0.015);
        Matrix da = m(100, 100, ones);
        device.dropoutBackward(da, mask, keep);
        assertArrayEquals(got, device.download(da), 1e-15);
    }

    @Test
    void l2SumSquaresAndOptimizers() {
        Matrix dw = m(2, 1, 1, 1);
        device.l2Gradient(dw, m(2, 1, 2, -4), 0.5);
        assertArrayEquals(new double[] {2, -1}, device.download(dw));
        assertEquals(25, device.sumOfSquares(m(2, 1, 3, 4)));

        Matrix theta = m(1, 1, 1.0), g = m(1, 1, 0.5);
        device.sgdUpdate(theta, g, 0.1);
        assertEquals(0.95, device.download(theta)[0], 1e-15);

        Matrix v = m(1, 1, 0);
        device.momentumUpdate(theta, g, v, 0.9, 0.1); // v = 0.05; θ = 0.95 − 0.005
        assertEquals(0.05, device.download(v)[0], 1e-15);
        assertEquals(0.945, device.download(theta)[0], 1e-15);

        Matrix th = m(1, 1, 1.0), mm = m(1, 1, 0), vv = m(1, 1, 0);
        device.adamUpdate(th, g, mm, vv, 0.9, 0.999, 1e-8, 0.01, 1);
        // first step: m̂ = g, v̂ = g² → θ −= lr·g/(|g| + ε) ≈ lr
        assertEquals(1 - 0.01 * 0.5 / (0.5 + 1e-8), device.download(th)[0], 1e-12);

        Matrix tr = m(1, 1, 1.0), s = m(1, 1, 0);
        device.rmspropUpdate(tr, g, s, 0.9, 1e-8, 0.01); // s = 0.1·0.25; θ −= 0.01·0.5/(√0.025+ε)
        assertEquals(1 - 0.01 * 0.5 / (Math.sqrt(0.025) + 1e-8), device.download(tr)[0], 1e-12);
    }

    @Test
    void gatherColumnsAndCopy() {
        Matrix src = m(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix dst = device.allocate(2, 2);
        device.gatherColumns(src, new int[] {2, 0}, dst);
        assertArrayEquals(new double[] {5, 6, 1, 2}, device.download(dst));
        Matrix c = device.allocate(2, 2);
        device.copy(dst, c);
        assertArrayEquals(device.download(dst), device.download(c));
    }
}
