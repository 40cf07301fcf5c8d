package io.densetrain.device.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * cuBLAS through Java's FFM API (Java 22+): a downcall per C function, device memory by raw address,
 * alpha and beta in host memory (cuBLAS's default pointer mode). Resolves symbols with dlsym, so the
 * same code binds {@code libcublas.so.13} and {@code libcublas.so.12} (native-check/STACK.md §5.2). Same public
 * API as the Java 17 class of the same name, which reports the binding unsupported.
 */
public final class FfmCublas {
    private static final Linker LINKER = Linker.nativeLinker();

    private final String path;
    private final MethodHandle create;
    private final MethodHandle destroy;
    private final MethodHandle setStream;
    private final MethodHandle setMathMode;
    private final MethodHandle getProperty;
    private final MethodHandle sgemm;

    private FfmCublas(String path, SymbolLookup lib) {
        this.path = path;
        create = handle(lib, "cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        destroy = handle(lib, "cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setStream = handle(lib, "cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        setMathMode = handle(lib, "cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        getProperty = handle(lib, "cublasGetProperty", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        sgemm = handle(lib, "cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, // handle, transa, transb, m, n, k
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,             // *alpha, A, lda, B, ldb
                ADDRESS, ADDRESS, JAVA_INT));                              // *beta, C, ldc
    }

    private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " not found"));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    public static boolean supported() {
        return true;
    }

    public static FfmCublas open(String[] candidates) {
        List<String> errors = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                SymbolLookup lib = candidate.contains("/")
                        ? SymbolLookup.libraryLookup(Path.of(candidate), Arena.global())
                        : SymbolLookup.libraryLookup(candidate, Arena.global());
                return new FfmCublas(candidate, lib);
            } catch (RuntimeException e) {
                errors.add(candidate + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException(String.join("; ", errors));
    }

    public String path() {
        return path;
    }

    public String version() {
        StringBuilder v = new StringBuilder();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            for (int p = 0; p < 3; p++) {
                int rc = (int) getProperty.invokeExact(p, out);
                v.append(p == 0 ? "" : ".").append(rc == 0 ? out.get(JAVA_INT, 0) : -1);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return v.toString();
    }

    public long create() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) create.invokeExact(out);
            if (rc != 0) {
                throw new IllegalStateException("cublasCreate_v2 failed: cuBLAS status " + rc);
            }
            return out.get(ADDRESS, 0).address();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int setStream(long handle, long stream) {
        try {
            return (int) setStream.invokeExact(MemorySegment.ofAddress(handle), MemorySegment.ofAddress(stream));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int setMathMode(long handle, int mode) {
        try {
            return (int) setMathMode.invokeExact(MemorySegment.ofAddress(handle), mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int sgemm(long handle, int transA, int transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb,
                     float beta, long c, int ldc) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment alphaSeg = arena.allocate(JAVA_FLOAT);
            alphaSeg.set(JAVA_FLOAT, 0, alpha);
            MemorySegment betaSeg = arena.allocate(JAVA_FLOAT);
            betaSeg.set(JAVA_FLOAT, 0, beta);
            return (int) sgemm.invokeExact(MemorySegment.ofAddress(handle), transA, transB, m, n, k, alphaSeg,
                    MemorySegment.ofAddress(a), lda, MemorySegment.ofAddress(b), ldb, betaSeg, MemorySegment.ofAddress(c), ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int destroy(long handle) {
        try {
            return (int) destroy.invokeExact(MemorySegment.ofAddress(handle));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
