package io.densetrain.device.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * cuBLAS through {@link FfmCublas}, the Java FFM binding compiled into {@code META-INF/versions/22}
 * of the multi-release jar: works with {@code libcublas.so.13} (CUDA 13 hosts) or {@code .so.12},
 * because FFM resolves symbols with {@code dlsym} and ignores version nodes. On Java 17–21 the base
 * {@link FfmCublas} reports itself unsupported and this binding is skipped with that reason.
 */
final class FfmBinding implements CublasBinding {
    private static final Probe PROBE = new Probe(FfmBinding::probe);
    private static FfmCublas library;

    private final long handle;
    private final String description;

    private FfmBinding(long handle, String description) {
        this.handle = handle;
        this.description = description;
    }

    static String unavailableReason() {
        return PROBE.unavailableReason();
    }

    private static String probe() {
        if (!FfmCublas.supported()) {
            return "the FFM binding for libcublas.so.13 needs Java 22+ and a jar built on JDK 22+ (this is Java "
                    + Runtime.version().feature() + ")";
        }
        List<String> candidates = new ArrayList<>();
        NativeLibraries.find("libcublasLt.so.13"); // loaded by the search, so cuBLAS resolves it by SONAME
        candidates.addAll(CublasBinding.candidates("libcublas.so.13"));
        candidates.addAll(CublasBinding.candidates("libcublas.so.12"));
        try {
            library = FfmCublas.open(candidates.toArray(String[]::new));
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "no libcublas.so.13 or .so.12 for the FFM binding (" + e.getMessage() + ")";
        }
    }

    static FfmBinding create(RawStream stream, boolean tf32) {
        long h = library.create();
        check(library.setStream(h, stream.address()), "cublasSetStream_v2");
        check(library.setMathMode(h, tf32 ? TF32_TENSOR_OP_MATH : DEFAULT_MATH), "cublasSetMathMode");
        return new FfmBinding(h, "cuBLAS " + library.version() + " via FFM (" + library.path() + ")"
                + (tf32 ? ", TF32 tensor-op math" : ""));
    }

    private static void check(int status, String call) {
        if (status != 0) {
            throw new CudaPlatform.CudaFailure(call + " failed: cuBLAS status " + status, status);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, CudaMatrix a, CudaMatrix b, float beta,
                      CudaMatrix c) {
        check(library.sgemm(handle, transA ? OP_T : OP_N, transB ? OP_T : OP_N, m, n, k, alpha, a.address(), a.ld(), b.address(),
                b.ld(), beta, c.address(), c.ld()), "cublasSgemm_v2");
    }

    @Override
    public void close() {
        check(library.destroy(handle), "cublasDestroy_v2");
    }
}
