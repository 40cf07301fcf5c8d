package io.densetrain.device.cuda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small seam over cuBLAS: one handle on the device's stream, SGEMM, TF32 opt-in. Two bindings
 * (native-check/STACK.md §5): {@link JCublasBinding} through JCublas2, which needs {@code libcublas.so.12}, and
 * {@link FfmBinding} through Java's FFM API (JDK 22+, multi-release jar) for hosts that only have
 * {@code libcublas.so.13}. {@link #open} tries them in that order and, when neither loads, throws a
 * {@link CudaUnavailableException} whose one line says what is missing and the fix.
 */
interface CublasBinding extends AutoCloseable {
    int OP_N = 0;
    int OP_T = 1;
    int DEFAULT_MATH = 0;
    int TF32_TENSOR_OP_MATH = 3;

    /** "cuBLAS 12.4.5 via JCublas2 (/usr/local/cuda/lib64/libcublas.so.12)". */
    String describe();

    /** C = alpha·op(A)·op(B) + beta·C, column-major, C is (m, n), inner dimension k. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, CudaMatrix a, CudaMatrix b, float beta,
               CudaMatrix c);

    @Override
    void close();

    static CublasBinding open(RawStream stream, boolean tf32) {
        List<String> reasons = new ArrayList<>();
        String jcublas = JCublasBinding.unavailableReason();
        if (jcublas == null) {
            return JCublasBinding.create(stream, tf32);
        }
        reasons.add(jcublas);
        String ffm = FfmBinding.unavailableReason();
        if (ffm == null) {
            return FfmBinding.create(stream, tf32);
        }
        reasons.add(ffm);
        throw new CudaUnavailableException("cuBLAS not usable: " + String.join("; ", reasons)
                + ": install cuBLAS (the CUDA toolkit, or pip install nvidia-cublas-cu12 / nvidia-cublas for CUDA 13;"
                + " set DENSETRAIN_CUDA_LIBS to its lib directory) and, for libcublas.so.13, run on Java 22+ (the GPU bundle's JRE)");
    }

    /** Candidate files for {@code libcublas.so.<major>}: found paths first, then the bare SONAME. */
    static List<String> candidates(String soname) {
        List<String> out = new ArrayList<>();
        Optional<Path> found = NativeLibraries.find(soname);
        found.ifPresent(p -> out.add(p.toString()));
        out.add(soname);
        return out;
    }
}
