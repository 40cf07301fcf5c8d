package io.densetrain.device.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Direct buffers and a plain Java GEMM: the fallback where OpenBLAS's natives cannot load (another OS
 * or architecture). Loops are ordered so the innermost one walks a column (contiguous here).
 */
final class JavaBackend implements CpuBackend {

    @Override
    public CpuMatrix allocate(int rows, int cols) {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE / 8) {
            throw new OutOfMemoryError("matrix " + rows + "x" + cols + " exceeds the CPU device's 2 GiB per allocation");
        }
        DoubleBuffer data = ByteBuffer.allocateDirect((int) n * 8).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        return new CpuMatrix(data, 0, null, rows, cols);
    }

    @Override
    public CpuMatrix view(CpuMatrix base, int offset, int rows, int cols) {
        return new CpuMatrix(base.data, base.offset + offset, null, rows, cols);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     CpuMatrix a, CpuMatrix b, double beta, CpuMatrix c) {
        multiply(transA, transB, m, n, k, alpha, a, b, beta, c);
    }

    /** The Java product itself: the plain loops, also the reference the tests compare the others with. */
    static void multiply(boolean transA, boolean transB, int m, int n, int k, double alpha,
                         CpuMatrix a, CpuMatrix b, double beta, CpuMatrix c) {
        DoubleBuffer ad = a.data, bd = b.data, cd = c.data;
        int ao = a.offset, bo = b.offset, co = c.offset;
        int lda = a.rows(), ldb = b.rows(), ldc = c.rows();
        for (int j = 0; j < n; j++) {
            int cj = co + j * ldc;
            if (beta == 0) {
                for (int i = 0; i < m; i++) cd.put(cj + i, 0.0);
            } else if (beta != 1) {
                for (int i = 0; i < m; i++) cd.put(cj + i, beta * cd.get(cj + i));
            }
            if (!transA) {
                // C[:,j] += Σ_p A[:,p]·(alpha·op(B)[p,j])
                for (int p = 0; p < k; p++) {
                    double bpj = alpha * (transB ? bd.get(bo + j + p * ldb) : bd.get(bo + p + j * ldb));
                    int ap = ao + p * lda;
                    for (int i = 0; i < m; i++) cd.put(cj + i, cd.get(cj + i) + ad.get(ap + i) * bpj);
                }
            } else {
                // C[i,j] += alpha·(A[:,i] · op(B)[:,j])   (row i of Aᵀ is column i of A)
                for (int i = 0; i < m; i++) {
                    int ai = ao + i * lda;
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += ad.get(ai + p) * (transB ? bd.get(bo + j + p * ldb) : bd.get(bo + p + j * ldb));
                    }
                    cd.put(cj + i, cd.get(cj + i) + alpha * s);
                }
            }
        }
    }

    @Override
    public void axpy(double alpha, CpuMatrix x, CpuMatrix y) {
        for (int i = 0, n = x.n(); i < n; i++) {
            y.data.put(y.offset + i, y.data.get(y.offset + i) + alpha * x.data.get(x.offset + i));
        }
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String describe() {
        return "Java GEMM (OpenBLAS not loaded), 1 thread";
    }
}
