package io.densetrain.device.cpu;

/** Where the CPU device's memory comes from and who multiplies it: OpenBLAS, or plain Java. */
interface CpuBackend {
    /** A zero-filled matrix. */
    CpuMatrix allocate(int rows, int cols);

    /** A view {@code offset} elements into {@code base}. */
    CpuMatrix view(CpuMatrix base, int offset, int rows, int cols);

    /** C = alpha·op(A)·op(B) + beta·C, C is (m, n), the inner dimension k. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              CpuMatrix a, CpuMatrix b, double beta, CpuMatrix c);

    /** y = y + alpha·x over all elements (same shapes, checked by the caller). */
    void axpy(double alpha, CpuMatrix x, CpuMatrix y);

    /** Threads for products and for large elementwise loops. */
    int threads();

    /** Library and thread count, for the device's one-line description. */
    String describe();
}
