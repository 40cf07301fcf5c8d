package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ELF dynamic-symbol check that keeps a stand-in NVIDIA library (right SONAME, no functions) from
 * killing the JVM at JCurand's first call: shared objects built here with gcc, and the real JNI library.
 */
class ElfSymbolsTest {
    @TempDir
    Path dir;

    private Path gcc(String name, String soname, String source) throws IOException, InterruptedException {
        return SharedObjects.gcc(dir, name, soname, source);
    }

    @Test
    void readsWhatASharedObjectDefinesAndNeeds() throws Exception {
        Path user = gcc("libuser.so", "libuser.so", "int curandA(void); int curandB(void); int other(void);\n"
                + "int use(void) { return curandA() + curandB() + other(); }\n");
        assumeTrue(user != null, "gcc not found");
        Path standIn = gcc("libcurand.so.10", "libcurand.so.10", "int densetrain_stand_in;\n");
        Path partial = gcc("libpartial.so", "libcurand.so.10", "int curandA(void) { return 1; }\n");
        ElfSymbols.Table t = ElfSymbols.read(user);
        assertTrue(t.defined().contains("use"), t.toString());
        assertTrue(t.undefined().containsAll(Set.of("curandA", "curandB", "other")), t.toString());
        assertEquals(Set.of("curandA", "curandB"), ElfSymbols.missing(user, standIn, "curand"));
        assertEquals(Set.of("curandB"), ElfSymbols.missing(user, partial, "curand"));
        assertNull(ElfSymbols.read(dir.resolve("libuser.so.c")), "not ELF: unknown");
    }

    @Test
    void aStandInLibcurandIsRefusedBeforeJCurandIsLoaded() throws Exception {
        Path standIn = gcc("libcurand.so.10", "libcurand.so.10", "int densetrain_stand_in;\n");
        assumeTrue(standIn != null, "gcc not found");
        String reason = NativeLibraries.missingSymbols("JCurand", standIn, "curand");
        assertTrue(reason != null && reason.contains("does not define") && reason.contains("curandCreateGenerator"), reason);
        // the real JNI library needs dozens of cuRAND functions; the reason names three and says there are more
        assertTrue(reason.contains(", …"), reason);
    }

    @Test
    void aRealLibcurandDefinesEverythingJCurandCalls() {
        String libs = System.getenv("DENSETRAIN_CUDA_LIBS"); // .ci/run unpacks Debian's libcurand10 there
        Path real = libs == null ? null : Path.of(libs.split(":")[0], "libcurand.so.10");
        assumeTrue(real != null && Files.isRegularFile(real), "no real libcurand.so.10 in DENSETRAIN_CUDA_LIBS");
        assertNull(NativeLibraries.missingSymbols("JCurand", real, "curand"));
    }
}
