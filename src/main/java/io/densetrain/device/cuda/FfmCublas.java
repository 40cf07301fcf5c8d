package io.densetrain.device.cuda;

/**
 * The FFM cuBLAS binding's Java 17 face: FFM is final only from Java 22, so on 17–21 (or in a jar
 * built with JDK 17) this class reports {@link #supported()} false and the JCublas2 binding is the
 * only one. The real implementation is {@code src/main/java22/io/densetrain/device/cuda/FfmCublas.java},
 * compiled into {@code META-INF/versions/22} of the multi-release jar with the same public API:
 * plain {@code long} addresses and {@code int} cuBLAS status codes.
 */
public final class FfmCublas {
    private FfmCublas() {
    }

    /** Whether this Java has the FFM binding (false here: the Java 17 class). */
    public static boolean supported() {
        return false;
    }

    /** Opens the first loadable candidate (an absolute path or a SONAME). */
    public static FfmCublas open(String[] candidates) {
        throw new UnsupportedOperationException("the FFM cuBLAS binding needs Java 22+");
    }

    /** The file or name that was opened. */
    public String path() {
        throw new UnsupportedOperationException();
    }

    /** "13.0.2" from cublasGetProperty. */
    public String version() {
        throw new UnsupportedOperationException();
    }

    /** cublasCreate_v2; returns the handle's address. */
    public long create() {
        throw new UnsupportedOperationException();
    }

    public int setStream(long handle, long stream) {
        throw new UnsupportedOperationException();
    }

    public int setMathMode(long handle, int mode) {
        throw new UnsupportedOperationException();
    }

    /** cublasSgemm_v2 with alpha and beta in host memory, matrices by device address. */
    public int sgemm(long handle, int transA, int transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb,
                     float beta, long c, int ldc) {
        throw new UnsupportedOperationException();
    }

    public int destroy(long handle) {
        throw new UnsupportedOperationException();
    }
}
