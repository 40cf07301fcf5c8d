package io.densetrain.device.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The {@link Float32Device}'s memory from JavaCPP and its products from OpenBLAS's {@code cblas_sgemm} /
 * {@code cblas_saxpy}, the binding of {@link OpenBlasBackend}. With {@link OpenBlasBackend#SPLIT} a large
 * product is cut into one range of C's columns (or rows) per thread, each one single-threaded sgemm,
 * as the float64 device does: every element of C comes from one call, whatever the scheduling.
 */
final class Float32OpenBlas extends Float32Blas {
    private static final int COL_MAJOR = 102;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private Float32OpenBlas(int threads, String description) {
        super(threads, description);
    }

    static Float32OpenBlas load(int threads) {
        Loader.load(openblas_nolapack.class);
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        openblas_nolapack.blas_set_num_threads(OpenBlasBackend.SPLIT ? 1 : t);
        String version = openblas_nolapack.OPENBLAS_VERSION.trim().replace("OpenBLAS ", "");
        return new Float32OpenBlas(t, "OpenBLAS " + version + " sgemm, " + t + (t == 1 ? " thread" : " threads"));
    }

    @Override
    Float32Matrix allocate(int rows, int cols) {
        long n = Math.max(1L, (long) rows * cols);
        if (n > Integer.MAX_VALUE) {
            throw new OutOfMemoryError("matrix " + rows + "x" + cols + " exceeds the float32 CPU device's 2³¹ elements per allocation");
        }
        FloatPointer p = new FloatPointer(n);
        p.zero();
        return new Float32Matrix(p.asBuffer(), 0, p, rows, cols);
    }

    @Override
    Float32Matrix view(Float32Matrix base, int offset, int rows, int cols) {
        FloatPointer bp = pointer(base);
        FloatPointer p = new FloatPointer(bp).position(bp.position() + offset);
        return new Float32Matrix(base.data, base.offset + offset, new ViewPointer(p, base.nativeView), rows, cols);
    }

    @Override
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Float32Matrix a, Float32Matrix b,
              float beta, Float32Matrix c) {
        FloatPointer pa = pointer(a), pb = pointer(b), pc = pointer(c);
        int lda = Math.max(1, a.rows()), ldb = Math.max(1, b.rows()), ldc = Math.max(1, c.rows());
        int ta = transA ? TRANS : NO_TRANS, tb = transB ? TRANS : NO_TRANS;
        int threads = threads();
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

    @Override
    void axpy(float alpha, Float32Matrix x, Float32Matrix y) {
        openblas_nolapack.cblas_saxpy(x.n(), alpha, pointer(x), 1, pointer(y), 1);
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
