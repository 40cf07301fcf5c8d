package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stand-in shared libraries for the CUDA tests, compiled with gcc from a few lines of C. */
final class SharedObjects {
    private SharedObjects() {
    }

    /** {@code dir/name} built from {@code source} with SONAME {@code soname}; null when gcc is not installed. */
    static Path gcc(Path dir, String name, String soname, String source) throws IOException, InterruptedException {
        Path src = dir.resolve(name + ".c");
        Files.writeString(src, source);
        Path lib = dir.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-Wl,-soname," + soname, "-o", lib.toString(), src.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        return lib;
    }
}
