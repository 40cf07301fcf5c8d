package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FFM cuBLAS binding ({@code src/main/java22}, the multi-release jar's Java 22 class) against a
 * stub {@code libcublas.so.13} compiled here with gcc: the real C signatures of the five functions the
 * binding calls, SGEMM computed on host memory (native-check/STACK.md §5.2). Runs only on JDK 22+ with a build
 * made by JDK 22+ ({@code .ci/run} runs it on Temurin 25 where installed); on Java 17 the base class
 * must report the binding unsupported, which is tested instead.
 */
class FfmCublasTest {
    @TempDir
    Path dir;

    private static final String STUB = """
            #include <stdlib.h>
            typedef struct { int math; void* stream; } ctx;
            int cublasCreate_v2(void** h) { *h = calloc(1, sizeof(ctx)); return 0; }
            int cublasDestroy_v2(void* h) { free(h); return 0; }
            int cublasSetStream_v2(void* h, void* s) { ((ctx*) h)->stream = s; return 0; }
            int cublasSetMathMode(void* h, int mode) { if (mode != 0 && mode != 3) return 7; ((ctx*) h)->math = mode; return 0; }
            int cublasGetProperty(int type, int* value) { *value = type == 0 ? 13 : type == 1 ? 0 : 2; return 0; }
            int cublasSgemm_v2(void* h, int ta, int tb, int m, int n, int k, const float* alpha, const float* A, int lda,
                               const float* B, int ldb, const float* beta, float* C, int ldc) {
                for (int j = 0; j < n; j++) for (int i = 0; i < m; i++) {
                    float s = 0;
                    for (int p = 0; p < k; p++) {
                        float a = ta ? A[p + i * lda] : A[i + p * lda];
                        float b = tb ? B[j + p * ldb] : B[p + j * ldb];
                        s += a * b;
                    }
                    C[i + j * ldc] = *alpha * s + *beta * C[i + j * ldc];
                }
                return 0;
            }
            """;

    @Test
    void onJava17TheBindingReportsItselfUnsupported() {
        assumeTrue(Runtime.version().feature() < 22, "Java " + Runtime.version().feature() + " has FFM");
        assertTrue(FfmBinding.unavailableReason().contains("needs Java 22+"), FfmBinding.unavailableReason());
    }

    @Test
    void onJava22TheTestsReachTheJava22ClassAsTheJarDoes() {
        assumeTrue(Runtime.version().feature() >= 22, "Java " + Runtime.version().feature() + ": the base class is the one to use");
        assumeTrue(Files.isRegularFile(Paths.get("target/classes/META-INF/versions/22/io/densetrain/device/cuda/FfmCublas.class")),
                "no Java 22 classes were compiled (the java22-ffm profile needs a JDK 22+ build)");
        // the pom's java22-ffm profile runs the tests on target/classes-jdk22 (versions/22 laid over the classes)
        assertTrue(FfmCublas.supported(), "the FfmBinding of mvn test must reach the Java 22 FfmCublas");
        String reason = FfmBinding.unavailableReason();
        assertTrue(reason == null || !reason.contains("needs Java 22+"), reason);
    }

    private Path compileStub() throws IOException, InterruptedException {
        return SharedObjects.gcc(dir, "libcublas.so.13", "libcublas.so.13", STUB);
    }

    /** Loads the Java 22 FfmCublas from META-INF/versions/22 (the test class path has the base class first). */
    private static Class<?> java22Class() throws Exception {
        Path v22 = Paths.get("target/classes/META-INF/versions/22");
        assumeTrue(Files.isRegularFile(v22.resolve("io/densetrain/device/cuda/FfmCublas.class")),
                "target/classes has no Java 22 classes: build with JDK 22+ to test the FFM binding");
        ClassLoader childFirst = new URLClassLoader(new URL[] {v22.toUri().toURL()}, FfmCublasTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals("io.densetrain.device.cuda.FfmCublas")) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : findClass(name);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return childFirst.loadClass("io.densetrain.device.cuda.FfmCublas");
    }

    private static Object call(Object target, Class<?> c, String name, Object... args) throws Exception {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static float[] gemm(Class<?> c, Object lib, long handle, int ta, int tb, int m, int n, int k, float[] a, float[] b)
            throws Exception {
        try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b); FloatPointer pc = new FloatPointer(m * n)) {
            pc.zero();
            int rc = (int) call(lib, c, "sgemm", handle, ta, tb, m, n, k, 1.0f, pa.address(), ta == 0 ? m : k, pb.address(),
                    tb == 0 ? k : n, 0.0f, pc.address(), m);
            assertEquals(0, rc);
            float[] out = new float[m * n];
            pc.get(out);
            return out;
        }
    }

    @Test
    void bindsLibcublas13AndMultipliesThroughTheRealSignatures() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM binding needs Java 22+ (this is Java " + Runtime.version().feature() + ")");
        Class<?> c = java22Class();
        Path stub = compileStub();
        assumeTrue(stub != null, "gcc not found: cannot build the stub libcublas.so.13");
        assertEquals(true, call(null, c, "supported"));
        Object lib = call(null, c, "open", (Object) new String[] {"/nonexistent/libcublas.so.13", stub.toString()});
        assertEquals(stub.toString(), call(lib, c, "path"));
        assertEquals("13.0.2", call(lib, c, "version"));
        long handle = (long) call(lib, c, "create");
        assertTrue(handle != 0);
        assertEquals(0, call(lib, c, "setStream", handle, 0L));
        assertEquals(0, call(lib, c, "setMathMode", handle, CublasBinding.TF32_TENSOR_OP_MATH));
        // NN: A = [1 3; 2 4], B = [1 1; 0 2] (column-major) → A·B = [1 7; 2 10]
        assertArrayEquals(new float[] {1, 2, 7, 10}, gemm(c, lib, handle, 0, 0, 2, 2, 2, new float[] {1, 2, 3, 4}, new float[] {1, 0, 1, 2}));
        // TN: Aᵀ·A for A (2x3) = [[1,3,5],[2,4,6]]
        float[] a = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {5, 11, 17, 11, 25, 39, 17, 39, 61}, gemm(c, lib, handle, 1, 0, 3, 3, 2, a, a));
        // NT: A·Aᵀ (2x2)
        assertArrayEquals(new float[] {35, 44, 44, 56}, gemm(c, lib, handle, 0, 1, 2, 2, 3, a, a));
        assertEquals(0, call(lib, c, "destroy", handle));
        Exception absent = assertThrows(Exception.class, () -> call(null, c, "open", (Object) new String[] {"libcublas-absent.so.13"}));
        assertTrue(absent.getMessage().contains("libcublas-absent.so.13"), absent.getMessage());
    }
}
