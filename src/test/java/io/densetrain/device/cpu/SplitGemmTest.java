package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.device.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Products large enough to be split over threads by OpenBlasBackend (column ranges, or row ranges when C
 * has too few columns or A is transposed and C has more rows than columns), in every transposition and on views that start inside their buffer, against the
 * plain Java loops; and the wide-product path (C = A·Bᵀ computed as (B·Aᵀ)ᵀ) through the split.
 */
class SplitGemmTest {
    private final Random random = new Random(3);

    private Matrix filled(CpuDevice device, int rows, int cols, double[] values) {
        Matrix base = device.allocate(rows * cols + 5, 1), view = device.view(base, 5, rows, cols);
        device.upload(values, view);
        return view;
    }

    private double[] gaussians(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    private void check(int m, int n, int k, boolean ta, boolean tb, double beta) {
        double[] av = gaussians(m * k), bv = gaussians(k * n), cv = gaussians(m * n);
        double[][] results = new double[2][];
        CpuDevice[] devices = {CpuDevice.create(2), CpuDevice.javaOnly()};
        for (int d = 0; d < 2; d++) {
            CpuDevice device = devices[d];
            Matrix a = ta ? filled(device, k, m, av) : filled(device, m, k, av);
            Matrix b = tb ? filled(device, n, k, bv) : filled(device, k, n, bv);
            Matrix c = filled(device, m, n, cv);
            device.gemm(ta, tb, 0.75, a, b, beta, c);
            results[d] = device.download(c);
        }
        double worst = 0;
        for (int i = 0; i < m * n; i++) {
            worst = Math.max(worst, Math.abs(results[0][i] - results[1][i]) / (1 + Math.abs(results[1][i])));
        }
        assertTrue(worst < 1e-12, m + "x" + n + "x" + k + " " + ta + tb + ": relative difference " + worst);
    }

    @Test
    void splitProductsMatchTheJavaLoops() {
        assertTrue((long) 70 * 91 * 53 >= OpenBlasBackend.SPLIT_FLOPS);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                check(70, 91, 53, ta, tb, 0.0);   // column ranges, an odd column count
                check(70, 91, 53, ta, tb, 0.5);   // beta ≠ 0 reads C in each range
                check(333, 3, 400, ta, tb, 0.0);  // three columns: row ranges
                check(91, 70, 53, ta, tb, 0.5);   // more rows than columns: row ranges when A is transposed
                check(999, 20, 40, ta, tb, 0.5);  // tall C (m ≥ 8n): row ranges
            }
        }
    }

    @Test
    void productsOnOpenBlasThreadsMatchTheJavaLoops() {
        long saved = OpenBlasBackend.blasThreadsBelow;
        OpenBlasBackend.blasThreadsBelow = Long.MAX_VALUE; // every product ≥ SPLIT_FLOPS on OpenBLAS's threads
        try {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    check(70, 91, 53, ta, tb, 0.5);
                }
            }
            check(20, 2048, 64, false, true, 0.0);
        } finally {
            OpenBlasBackend.blasThreadsBelow = saved;
        }
        check(70, 91, 53, false, false, 0.0); // and the split again afterwards (OpenBLAS back on one thread)
    }

    @Test
    void wideProductThroughTheSplitMatchesTheJavaLoops() {
        // C (20 × 2048) = dZ·Xᵀ: short and wide, computed as (X·dZᵀ)ᵀ, its 20-column product split
        check(20, 2048, 64, false, true, 0.0);
        assertEquals(8, OpenBlasBackend.WIDE);
    }
}
