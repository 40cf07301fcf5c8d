package io.densetrain.device.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Memory and products of the {@link Float32Device}: OpenBLAS's {@code cblas_sgemm} / {@code cblas_saxpy}
 * on JavaCPP memory (the binding of {@link OpenBlasBackend}), or, where the natives cannot load, direct
 * buffers and plain Java loops. With {@link OpenBlasBackend#SPLIT} a large product is cut into one range
 * of C's columns (or rows) per thread, each one single-threaded sgemm, as the float64 device does.
 */
final class Float32Blas {
    private static final int COL_MAJOR = 102;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private final boolean openBlas;
    private final int threads;
    private final String description;

    private Float32Blas(boolean openBlas, int threads, String description) {
        this.openBlas = openBlas;
        this.threads = threads;
        this.description = description;
    }

    /** OpenBLAS with {@code threads} threads (0 = all cores); throws when its natives cannot load. */
    static Float32Blas load(int threads) {
        Loader.load(openblas_nolapack.class);
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        openblas_nolapack.blas_set_num_threads(OpenBlasBackend.SPLIT ? 1 : t);
        String version = openblas_nolapack.OPENBLAS_VERSION.trim().replace("OpenBLAS ", "");
        return new Float32Blas(true, t, "OpenBLAS " + version + " sgemm, " + t + (t == 1 ? " thread" : " threads"));
    }

    /** The plain Java product, one thread. */
    static Float32Blas java() {
        return new Float32Blas(false, 1, "Java sgemm (OpenBLAS not loaded), 1 thread");
    }

    boolean openBlas() {
        return openBlas;
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
        if (n > Integer.MAX_VALUE / (openBlas ? 1 : 4)) {
            throw new OutOfMemoryError("matrix " + rows + "x" + cols + " exceeds the float32 CPU device's limit per allocation");
        }
        if (!openBlas) {
            FloatBuffer data = ByteBuffer.allocateDirect((int) n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            return new Float32Matrix(data, 0, null, rows, cols);
        }
        FloatPointer p = new FloatPointer(n);
        p.zero();
        return new Float32Matrix(p.asBuffer(), 0, p, rows, cols);
    }

    /** A view {@code offset} elements into {@code base}. */
    Float32Matrix view(Float32Matrix base, int offset, int rows, int cols) {
        if (!openBlas) {
            return new Float32Matrix(base.data, base.offset + offset, null, rows, cols);
        }
        FloatPointer bp = pointer(base);
        FloatPointer p = new FloatPointer(bp).position(bp.position() + offset);
        return new Float32Matrix(base.data, base.offset + offset, new ViewPointer(p, base.nativeView), rows, cols);
    }

    /** C = alpha·op(A)·op(B) + beta·C in float32, C is (m, n), the inner dimension k ≥ 1. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Float32Matrix a, Float32Matrix b,
              float beta, Float32Matrix c) {
        if (!openBlas) {
            javaGemm(transA, transB, m, n, k, alpha, a, b, beta, c);
            return;
        }
        FloatPointer pa = pointer(a), pb = pointer(b), pc = pointer(c);
        int lda = Math.max(1, a.rows()), ldb = Math.max(1, b.rows()), ldc = Math.max(1, c.rows());
        int ta = transA ? TRANS : NO_TRANS, tb = transB ? TRANS : NO_TRANS;
        long flops = (long) m * n * k;
        if (!OpenBlasBackend.SPLIT || threads <= 1 || flops < OpenBlasBackend.SPLIT_FLOPS || (n < 2 * threads && m < 16 * threads)) {
            openblas_nolapack.cblas_sgemm(COL_MAJOR, ta, tb, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        } else if (n >= 2 * threads) { // columns j0..j1 of C: columns of op(B)
            CpuParallel.forRange(n, threads, Long.MAX_VALUE / n, (j0, j1) -> openblas_nolapack.cblas_sgemm(COL_MAJOR, ta, tb,
                    m, j1 - j0, k, alpha, pa, lda, offset(pb, transB ? j0 : (long) j0 * ldb), ldb, beta,
                    offset(pc, (long) j0 * ldc), ldc));
        } else { // rows i0..i1 of C: rows of op(A)
            CpuParallel.forRange(m, threads, Long.MAX_VALUE / m, (i0, i1) -> openblas_nolapack.cblas_sgemm(COL_MAJOR, ta, tb,
                    i1 - i0, n, k, alpha, offset(pa, transA ? (long) i0 * lda : i0), lda, pb, ldb, beta,
                    offset(pc, i0), ldc));
        }
    }

    /** y = y + alpha·x over all elements. */
    void axpy(float alpha, Float32Matrix x, Float32Matrix y) {
        if (openBlas) {
            openblas_nolapack.cblas_saxpy(x.n(), alpha, pointer(x), 1, pointer(y), 1);
            return;
        }
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

    private static FloatPointer offset(FloatPointer p, long elements) {
        return new FloatPointer(p).position(p.position() + elements);
    }

    private static FloatPointer pointer(Float32Matrix x) {
        Object v = x.nativeView;
        return v instanceof ViewPointer vp ? vp.pointer : (FloatPointer) v;
    }

    /** A view's pointer, holding on to the allocation it points into so that it is not freed early. */
    private record ViewPointer(FloatPointer pointer, Object owner) {
    }
}
