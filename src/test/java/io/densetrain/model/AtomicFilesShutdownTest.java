package io.densetrain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM ended by SIGTERM in the middle of a write leaves neither the target nor its temporary file. */
class AtomicFilesShutdownTest {
    @TempDir
    Path dir;

    /** The child: starts writing {@code args[0]}, says so, and waits inside the write until it is ended. */
    public static void main(String[] args) {
        AtomicFiles.write(Path.of(args[0]), file -> {
            Files.writeString(file, "half");
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void sigtermMidWriteRemovesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("sweep.json");
        Process child = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), AtomicFilesShutdownTest.class.getName(), target.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("writing", out.readLine());
            assertTrue(Files.exists(dir.resolve(".sweep.json.tmp")), "the write is under way");
            child.destroy(); // SIGTERM: the shutdown hooks run
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertFalse(Files.exists(dir.resolve(".sweep.json.tmp")), "a temporary file left behind");
        assertFalse(Files.exists(target));
    }
}
