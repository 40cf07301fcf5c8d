package io.densetrain.device.cuda;

import java.nio.file.Path;
import java.util.Optional;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasStatus;
import jcuda.runtime.cudaStream_t;

/**
 * cuBLAS 12 through JCublas2 12.6 (needs {@code libcublas.so.12} with its version node; a symlink to
 * {@code .so.13} does not do, native-check/STACK.md §5.1). The binding is probed once per process: a failed
 * static initializer leaves JCublas2 dead, so the first error is kept.
 */
final class JCublasBinding implements CublasBinding {
    private static final Probe PROBE = new Probe(JCublasBinding::probe);
    private static String source = "";

    private final cublasHandle handle;
    private final String description;

    private JCublasBinding(cublasHandle handle, String description) {
        this.handle = handle;
        this.description = description;
    }

    /** Null when JCublas2 and libcublas.so.12 loaded, else one line naming what failed. */
    static String unavailableReason() {
        return PROBE.unavailableReason();
    }

    private static String probe() {
        try {
            NativeLibraries.find("libcublasLt.so.12"); // loaded by the search, so cuBLAS resolves it by SONAME
            Optional<Path> blas = NativeLibraries.find("libcublas.so.12");
            String missing = blas.map(p -> NativeLibraries.missingSymbols("JCublas2", p, "cublas")).orElse(null);
            if (missing != null) return "JCublas2 cannot use libcublas.so.12: " + missing;
            NativeLibraries.withPrivateExtraction(() -> {
                JCublas2.setExceptionsEnabled(false);
                return null;
            }, "JCublas2", "JCudaRuntime");
            source = blas.map(Path::toString).or(() -> NativeLibraries.loadedFrom("libcublas.so.12")).orElse("libcublas.so.12");
            return null;
        } catch (LinkageError | RuntimeException e) {
            String line = NativeLibraries.essentialLine(e);
            if (line.contains("version `libcublas.so.12' not found")) {
                return "libcublas.so.12 is not cuBLAS 12 (" + line + "; a symlink to libcublas.so.13? remove it)";
            }
            if (line.contains("libcublas")) {
                return "JCublas2 needs libcublas.so.12 (" + line + ")";
            }
            return "JCublas2 did not load (" + line + ")";
        }
    }

    static JCublasBinding create(RawStream stream, boolean tf32) {
        cublasHandle h = new cublasHandle();
        check(JCublas2.cublasCreate(h), "cublasCreate");
        check(JCublas2.cublasSetStream(h, new cudaStream_t(stream)), "cublasSetStream");
        check(JCublas2.cublasSetMathMode(h, tf32 ? TF32_TENSOR_OP_MATH : DEFAULT_MATH), "cublasSetMathMode");
        int[] v = new int[3];
        for (int p = 0; p < 3; p++) {
            int[] one = new int[1];
            check(JCublas2.cublasGetProperty(p, one), "cublasGetProperty");
            v[p] = one[0];
        }
        return new JCublasBinding(h, "cuBLAS " + v[0] + "." + v[1] + "." + v[2] + " via JCublas2 (" + source + ")"
                + (tf32 ? ", TF32 tensor-op math" : ""));
    }

    private static void check(int status, String call) {
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new CudaPlatform.CudaFailure(call + " failed: " + cublasStatus.stringFor(status), status);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, CudaMatrix a, CudaMatrix b, float beta,
                      CudaMatrix c) {
        check(JCublas2.cublasSgemm(handle, transA ? OP_T : OP_N, transB ? OP_T : OP_N, m, n, k, Pointer.to(new float[] {alpha}),
                a.pointer(), a.ld(), b.pointer(), b.ld(), Pointer.to(new float[] {beta}), c.pointer(), c.ld()), "cublasSgemm");
    }

    @Override
    public void close() {
        check(JCublas2.cublasDestroy(handle), "cublasDestroy");
    }
}
