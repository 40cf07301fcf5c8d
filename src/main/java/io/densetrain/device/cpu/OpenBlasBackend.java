package io.densetrain.device.cpu;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Native memory from JavaCPP and {@code cblas_dgemm} from OpenBLAS through its bundled natives
 * (nothing to install). Matrices are passed by address; no array is copied. Products with fewer
 * than {@link #SMALL_FLOPS} multiply-adds would run in Java ({@link SmallGemm}); measured, OpenBLAS
 * wins at every product of the course's networks, so the threshold is 0.
 */
final class OpenBlasBackend implements CpuBackend {
    private static final int COL_MAJOR = 102;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    /**
     * Products below this many multiply-adds go to {@link SmallGemm}. SmallGemmBenchmark (benchmarks/)
     * times each product of a [2,20,3,1] iteration both ways: OpenBLAS, call included, takes 0.3 to
     * 3 µs, the Java path (copies to the heap, scalar loops) 3 to 30 µs on a 2-core x86 machine, so
     * no product is small enough and the default is 0. The system property
     * {@code densetrain.cpu.smallGemmFlops} overrides it, for that benchmark.
     */
    static final long SMALL_FLOPS = Long.getLong("densetrain.cpu.smallGemmFlops", 0);

    private final SmallGemm small = new SmallGemm();

    private final String version;
    private final int threads;

    private OpenBlasBackend(int threads) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        openblas_nolapack.blas_set_num_threads(SPLIT ? 1 : this.threads);
        this.version = openblas_nolapack.OPENBLAS_VERSION.trim().replace("OpenBLAS ", "");
    }

    /** Loads OpenBLAS; throws when its natives cannot be loaded on this platform. */
    static OpenBlasBackend load(int threads) {
        Loader.load(openblas_nolapack.class);
        return new OpenBlasBackend(threads);
    }

    @Override
    public CpuMatrix allocate(int rows, int cols) {
        long n = Math.max(1L, (long) rows * cols);
        if (n > Integer.MAX_VALUE) {
            throw new OutOfMemoryError("matrix " + rows + "x" + cols + " exceeds the CPU device's 2³¹ elements per allocation");
        }
        DoublePointer p = new DoublePointer(n);
        p.zero();
        return new CpuMatrix(p.asBuffer(), 0, p, rows, cols);
    }

    @Override
    public CpuMatrix view(CpuMatrix base, int offset, int rows, int cols) {
        DoublePointer basePointer = pointer(base);
        DoublePointer p = new DoublePointer(basePointer).position(basePointer.position() + offset);
        return new CpuMatrix(base.data, base.offset + offset, new ViewPointer(p, base.nativeView), rows, cols);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     CpuMatrix a, CpuMatrix b, double beta, CpuMatrix c) {
        if ((long) m * n * k < SMALL_FLOPS) {
            small.multiply(transA, transB, m, n, k, alpha, a, b, beta, c);
            return;
        }
        if (!transA && transB && beta == 0 && (long) m * WIDE <= n && n >= MIN_WIDE_COLUMNS) {
            wideProductTransposed(m, n, k, alpha, a, b, c);
            return;
        }
        dgemm(transA, transB, m, n, k, alpha, pointer(a), Math.max(1, a.rows()), pointer(b), Math.max(1, b.rows()),
                beta, pointer(c), Math.max(1, c.rows()));
    }

    /**
     * Whether products are split over threads here (the default) rather than by OpenBLAS's own threads;
     * {@code -Ddensetrain.cpu.splitGemm=false} gives OpenBLAS its threads back. OpenBLAS's workers
     * spin between and inside calls (a barrier per call), so when the cores are shared with other
     * processes a descheduled worker stalls every product: on the 2-core machine at load 7 to 10 a
     * batch-128 product of the MNIST-shaped workload took 1.5 to 10.7 ms with OpenBLAS's two threads
     * against 0.45 to 0.9 ms split here (benchmarks/RESULTS.md). Each range is one single-threaded
     * dgemm, and a waiting thread parks instead of spinning.
     */
    static final boolean SPLIT = !"false".equals(System.getProperty("densetrain.cpu.splitGemm"));
    /** Multiply-adds below which a product stays on the calling thread (≈ 3–5 µs of work: the hand-off would not pay). */
    static final long SPLIT_FLOPS = 1L << 18;
    /**
     * Opt-in ({@code -Ddensetrain.cpu.blasThreadsBelow=N}, default 0 = never): products of at least
     * {@link #SPLIT_FLOPS} and fewer than N multiply-adds run on OpenBLAS's own threads instead of the
     * split. Measured at load ≈ 2 on the MNIST-shaped update's 4.2 M-multiply-add products: 92–98 µs
     * with OpenBLAS's threads against 138–140 µs split on the fork-join pool, and even (91–110 µs
     * both ways) since the split runs on {@link WorkerTeam}; {@code 8388608} selects exactly those. Off by
     * default: at load 7 to 9 on the 2-core machine, whole adam/128 runs took 19 to 57 s with it
     * against 2.8 to 5.2 s without (alternating, MiniBatchRun --split), OpenBLAS's spinning workers
     * stalling every such product; a quiet machine has yet to show the gain in a whole run.
     * Non-final for the test that checks the path.
     */
    static long blasThreadsBelow = Long.getLong("densetrain.cpu.blasThreadsBelow", 0);

    /**
     * cblas_dgemm on raw pointers; with {@link #SPLIT}, large products are cut into one range of C's
     * columns per thread (or of its rows when C has too few columns), each computed by one
     * single-threaded dgemm. Every element of C is computed by exactly one call from the same
     * operands, so the result does not depend on scheduling.
     */
    private void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoublePointer pa, int lda,
                       DoublePointer pb, int ldb, double beta, DoublePointer pc, int ldc) {
        int ta = transA ? TRANS : NO_TRANS, tb = transB ? TRANS : NO_TRANS;
        long flops = (long) m * n * k;
        if (SPLIT && threads > 1 && flops >= SPLIT_FLOPS && flops < blasThreadsBelow) {
            synchronized (OpenBlasBackend.class) { // the thread count is OpenBLAS's global setting
                openblas_nolapack.blas_set_num_threads(threads);
                try {
                    openblas_nolapack.cblas_dgemm(COL_MAJOR, ta, tb, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
                } finally {
                    openblas_nolapack.blas_set_num_threads(1);
                }
            }
            return;
        }
        if (!SPLIT || threads <= 1 || flops < SPLIT_FLOPS || (n < 2 * threads && m < 16 * threads)) {
            openblas_nolapack.cblas_dgemm(COL_MAJOR, ta, tb, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            return;
        }
        // Columns of C, except by rows (2 cores, two halves each) when A is transposed and C has more rows than
        // columns (dA = Wᵀ·dZ at 256×128×128: 170 µs by columns, 110 by rows), and when C is tall (m ≥ 8n), where
        // each half then packs half of A instead of all of it (the wide dW's X·dZᵀ at 12288×20×209: 1.89 → 1.37–1.45 ms).
        if (n >= 2 * threads && !(transA && m > n) && m < 8L * n) { // columns j0..j1 of C: columns of op(B)
            CpuParallel.forRange(n, threads, Long.MAX_VALUE / n, (j0, j1) -> openblas_nolapack.cblas_dgemm(COL_MAJOR, ta, tb,
                    m, j1 - j0, k, alpha, pa, lda, offset(pb, transB ? j0 : (long) j0 * ldb), ldb, beta,
                    offset(pc, (long) j0 * ldc), ldc));
        } else { // rows i0..i1 of C: rows of op(A)
            CpuParallel.forRange(m, threads, Long.MAX_VALUE / m, (i0, i1) -> openblas_nolapack.cblas_dgemm(COL_MAJOR, ta, tb,
                    i1 - i0, n, k, alpha, offset(pa, transA ? (long) i0 * lda : i0), lda, pb, ldb, beta,
                    offset(pc, i0), ldc));
        }
    }

    private static DoublePointer offset(DoublePointer p, long elements) {
        return new DoublePointer(p).position(p.position() + elements);
    }

    /** C (m × n) counts as short and wide when n ≥ WIDE·m and n ≥ MIN_WIDE_COLUMNS. */
    static final int WIDE = 8;
    static final int MIN_WIDE_COLUMNS = 1024;
    private final ThreadLocal<CpuMatrix[]> wideScratch = ThreadLocal.withInitial(() -> new CpuMatrix[1]);

    /**
     * C = alpha·A·Bᵀ for a short, wide C (a first layer's dW = dZ·Xᵀ with 20 rows and 12,288
     * columns): OpenBLAS runs that shape at about 21 GFLOP/s on two cores but the transposed product
     * Cᵀ = alpha·B·Aᵀ at about 52, so compute Cᵀ into scratch and transpose it into C (m·n copies,
     * a small fraction of the 2·m·n·k flops). Same products, summed by OpenBLAS in its own order.
     */
    private void wideProductTransposed(int m, int n, int k, double alpha, CpuMatrix a, CpuMatrix b, CpuMatrix c) {
        CpuMatrix[] holder = wideScratch.get();
        if (holder[0] == null || holder[0].size() < (long) n * m) {
            holder[0] = allocate(n, m);
        }
        CpuMatrix t = holder[0];
        dgemm(false, true, n, m, k, alpha, pointer(b), Math.max(1, b.rows()), pointer(a), Math.max(1, a.rows()), 0.0,
                pointer(t), n);
        transposeInto(t, n, m, c);
    }

    /**
     * C (m × n) = Tᵀ, T holding n × m, column-major. Each thread takes a range of C's columns: bulk copies of
     * the m row segments of T it needs into a heap array, a loop that writes its part of C in order (the m
     * reads of one column are m short streams), one bulk copy out. For a 20 × 12,288 first layer: 0.45 ms
     * as one heap copy of T, a strided-write transposition split over two threads and one copy back;
     * 0.6 to 0.75 ms with element-wise get/put on the direct buffers.
     */
    /** Doubles of T per block of {@link #transposeInto}: two 32 KiB arrays, in L1/L2. */
    private static final int TRANSPOSE_BLOCK = 4096;

    private void transposeInto(CpuMatrix t, int n, int m, CpuMatrix c) {
        int block = Math.max(8, TRANSPOSE_BLOCK / Math.max(1, m));
        CpuParallel.forRange(n, threads, m, (jFrom, jTo) -> {
            double[] from = HeapStage.array(0, block * m), to = HeapStage.array(1, block * m);
            for (int j0 = jFrom; j0 < jTo; j0 += block) {
                int len = Math.min(block, jTo - j0);
                for (int i = 0; i < m; i++) t.data.get(t.offset + i * n + j0, from, i * len, len);
                for (int j = 0, k = 0; j < len; j++) {
                    for (int i = 0; i < m; i++) to[k++] = from[i * len + j];
                }
                c.data.put(c.offset + j0 * m, to, 0, len * m);
            }
        });
    }

    @Override
    public void axpy(double alpha, CpuMatrix x, CpuMatrix y) {
        DoublePointer px = pointer(x), py = pointer(y);
        // one range per thread (a plain update of the course-size run's 246k parameters: ≈ 0.2 ms on one thread)
        CpuParallel.forRange(x.n(), threads, 1, (from, to) ->
                openblas_nolapack.cblas_daxpy(to - from, alpha, offset(px, from), 1, offset(py, from), 1));
    }

    private static DoublePointer pointer(CpuMatrix x) {
        Object v = x.nativeView;
        return v instanceof ViewPointer ? ((ViewPointer) v).pointer : (DoublePointer) v;
    }

    /** A view's pointer, holding on to the allocation it points into so that it is not freed early. */
    private record ViewPointer(DoublePointer pointer, Object owner) {
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String describe() {
        return "OpenBLAS " + version + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
