package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private extraction directory: atomic writes, and a truncated leftover is replaced, never loaded. */
class NativeLibrariesTest {
    @TempDir
    Path dir;

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = NativeLibraries.class.getResourceAsStream("/lib/lib" + name + ".so")) {
            return in.readAllBytes();
        }
    }

    @Test
    void extractsVerifiesAndReplacesATruncatedLibrary() throws Exception {
        String name = NativeLibraries.jcudaName("JCudaDriver");
        byte[] full = resource(name);
        Path target = NativeLibraries.extract(name, dir);
        assertArrayEquals(full, Files.readAllBytes(target));
        // A crash or a concurrent JVM left a truncated file (the SIGBUS case of native-check/STACK.md §3.3).
        Files.write(target, java.util.Arrays.copyOf(full, 1000));
        NativeLibraries.extract(name, dir);
        assertEquals(full.length, Files.size(target));
        assertArrayEquals(full, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void anUncreatableCacheFolderIsNotWritableSoExtractionFallsBackToTmpdir() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertTrue(!NativeLibraries.writable(file.resolve("natives")), "a folder under a file cannot be created");
        assertTrue(NativeLibraries.writable(dir.resolve("cache/natives")));
        assertTrue(Files.isDirectory(dir.resolve("cache/natives")));
        Path tmp = dir.resolve("tmp");
        assertEquals(tmp.resolve("densetrain-natives-ann").resolve("jcuda-" + NativeLibraries.JCUDA_VERSION).toAbsolutePath(),
                NativeLibraries.chooseExtractionDirectory(file.resolve("natives"), tmp, "ann"));
        assertEquals(dir.resolve("cache/natives"), NativeLibraries.chooseExtractionDirectory(dir.resolve("cache/natives"), tmp, "ann"));
        // and a JNI library extracts there
        Path fallback = NativeLibraries.chooseExtractionDirectory(file.resolve("natives"), tmp, "ann");
        assertTrue(Files.size(NativeLibraries.extract(NativeLibraries.jcudaName("JCurand"), fallback)) > 1000);
    }

    @Test
    void jcurandNativeIsPackagedUnderTheNameJCuda126LooksFor() throws Exception {
        assertTrue(resource(NativeLibraries.jcudaName("JCurand")).length > 1000,
                "the maven-dependency-plugin rename step (pom.xml) must provide libJCurand-12.6.0-linux-x86_64.so");
    }

    @Test
    void essentialLineNamesTheMissingLibrary() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Operating system name: Linux\n---(start of nested stack traces)---\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/x/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file:"
                + " No such file or directory\n\tat java.base/...");
        assertEquals("libcuda.so.1: cannot open shared object file: No such file or directory", NativeLibraries.essentialLine(e));
    }

    @Test
    void essentialLineOfAStandInWithoutTheSymbolNamesFileAndSymbolOnce() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCurand-12.6.0-linux-x86_64\"\n"
                + "java.lang.UnsatisfiedLinkError: /n/libJCurand.so: /n/libJCurand.so: undefined symbol: curandGenerate, version libcurand.so.10");
        assertEquals("/n/libJCurand.so: undefined symbol: curandGenerate, version libcurand.so.10", NativeLibraries.essentialLine(e));
    }
}
