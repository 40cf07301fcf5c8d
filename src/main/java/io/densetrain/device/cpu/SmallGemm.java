package io.densetrain.device.cpu;

import java.nio.DoubleBuffer;

/**
 * C = alpha·op(A)·op(B) + beta·C for products too small to be worth a native call: A and B are copied
 * to heap arrays with bulk (memcpy) reads, multiplied with loops the JIT vectorizes (the innermost
 * walks a column), and C is written back in one bulk write. Same formula and summation order over p
 * as the naive product, so results agree with OpenBLAS to within rounding. Not thread-safe: the
 * scratch arrays are reused between calls (one instance per backend).
 */
final class SmallGemm {
    private double[] aBuf = new double[0], bBuf = new double[0], cBuf = new double[0];

    private static double[] fit(double[] buf, int n) {
        return buf.length >= n ? buf : new double[Math.max(n, buf.length * 2)];
    }

    void multiply(boolean transA, boolean transB, int m, int n, int k, double alpha,
                  CpuMatrix a, CpuMatrix b, double beta, CpuMatrix c) {
        int lda = a.rows(), ldb = b.rows();
        int aSize = a.n(), bSize = b.n(), cSize = m * n;
        aBuf = fit(aBuf, aSize);
        bBuf = fit(bBuf, bSize);
        cBuf = fit(cBuf, cSize);
        double[] as = aBuf, bs = bBuf, cs = cBuf;
        a.data.get(a.offset, as, 0, aSize);
        b.data.get(b.offset, bs, 0, bSize);
        DoubleBuffer cd = c.data;
        if (beta == 0) {
            java.util.Arrays.fill(cs, 0, cSize, 0.0);
        } else {
            cd.get(c.offset, cs, 0, cSize);
            if (beta != 1) {
                for (int i = 0; i < cSize; i++) cs[i] *= beta;
            }
        }
        if (!transA) {
            // C[:,j] += Σ_p A[:,p]·(alpha·op(B)[p,j])
            for (int j = 0; j < n; j++) {
                int cj = j * m;
                for (int p = 0; p < k; p++) {
                    double bpj = alpha * (transB ? bs[j + p * ldb] : bs[p + j * ldb]);
                    int ap = p * lda;
                    for (int i = 0; i < m; i++) cs[cj + i] += as[ap + i] * bpj;
                }
            }
        } else {
            // C[i,j] += alpha·(A[:,i] · op(B)[:,j])   (row i of Aᵀ is column i of A)
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < m; i++) {
                    int ai = i * lda;
                    double s = 0;
                    if (transB) {
                        for (int p = 0; p < k; p++) s += as[ai + p] * bs[j + p * ldb];
                    } else {
                        int bj = j * ldb;
                        for (int p = 0; p < k; p++) s += as[ai + p] * bs[bj + p];
                    }
                    cs[j * m + i] += alpha * s;
                }
            }
        }
        cd.put(c.offset, cs, 0, cSize);
    }
}
