package io.densetrain.device.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Memory and products of the {@link Float32Device}: OpenBLAS's {@code sgemm} ({@link Float32OpenBlas}),
 * or, where its natives cannot load, direct buffers and the plain Java loops of this class. This class
 * names no JavaCPP type, so the fallback works where JavaCPP itself is missing.
 */
class Float32Blas {
    private final int threads;
    private final String description;

    Float32Blas(int threads, String description) {
        this.threads = threads;
        this.description = description;
    }

    /** OpenBLAS with {@code threads} threads (0 = all cores); throws when its natives cannot load. */
    static Float32Blas load(int threads) {
        return Float32OpenBlas.load(threads);
    }

    /** The plain Java product, one thread. */
    static Float32Blas java() {
        return new Float32Blas(1, "Java sgemm (OpenBLAS not loaded), 1 thread");
    }

    int threads() {
        return threads;
    }

    String describe() {
        return description;
    }

    /** A zero-filled matrix. */
    Float32Matrix allocate(int rows, int cols) {
        long n = Math.max(1L, (long) rows * cols);
        if (n > Integer.MAX_VALUE / 4) {
            throw new OutOfMemoryError("matrix " + rows + "x" + cols + " exceeds the float32 CPU device's 2 GiB per allocation");
        }
        FloatBuffer data = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        return new Float32Matrix(data, 0, null, rows, cols);
    }

    /** A view {@code offset} elements into {@code base}. */
    Float32Matrix view(Float32Matrix base, int offset, int rows, int cols) {
        return new Float32Matrix(base.data, base.offset + offset, null, rows, cols);
    }

    /** C = alpha·op(A)·op(B) + beta·C in float32, C is (m, n), the inner dimension k ≥ 1. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Float32Matrix a, Float32Matrix b,
              float beta, Float32Matrix c) {
        javaGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
    }

    /** y = y + alpha·x over all elements. */
    void axpy(float alpha, Float32Matrix x, Float32Matrix y) {
        for (int i = 0, n = x.n(); i < n; i++) {
            y.data.put(y.offset + i, y.data.get(y.offset + i) + alpha * x.data.get(x.offset + i));
        }
    }

    /** The Java product: plain float32 loops, the innermost one down a column. */
    static void javaGemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Float32Matrix a, Float32Matrix b,
                         float beta, Float32Matrix c) {
        FloatBuffer ad = a.data, bd = b.data, cd = c.data;
        int ao = a.offset, bo = b.offset, co = c.offset, lda = a.rows(), ldb = b.rows(), ldc = c.rows();
        for (int j = 0; j < n; j++) {
            int cj = co + j * ldc;
            for (int i = 0; i < m; i++) cd.put(cj + i, beta == 0 ? 0f : beta * cd.get(cj + i));
            if (!transA) { // C[:,j] += Σ_p A[:,p]·(alpha·op(B)[p,j])
                for (int p = 0; p < k; p++) {
                    float bpj = alpha * (transB ? bd.get(bo + j + p * ldb) : bd.get(bo + p + j * ldb));
                    int ap = ao + p * lda;
                    for (int i = 0; i < m; i++) cd.put(cj + i, cd.get(cj + i) + ad.get(ap + i) * bpj);
                }
            } else { // C[i,j] += alpha·(A[:,i] · op(B)[:,j])
                for (int i = 0; i < m; i++) {
                    int ai = ao + i * lda;
                    float s = 0;
                    for (int p = 0; p < k; p++) s += ad.get(ai + p) * (transB ? bd.get(bo + j + p * ldb) : bd.get(bo + p + j * ldb));
                    cd.put(cj + i, cd.get(cj + i) + alpha * s);
                }
            }
        }
    }
}
