package io.densetrain.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.cli.Main;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data set larger than the heap (here: a 1.2-million-row CSV read by a JVM with a 32 MiB heap) is one
 * line naming what it needs and what fits, exit 2, not a stack trace and exit 1. Runs the real CLI in a
 * child JVM, since the heap limit has to be its own.
 */
class OutOfMemoryCliTest {
    @TempDir
    Path dir;

    @Test
    void runningOutOfHeapIsOneLineAndExitTwo() throws Exception {
        Path csv = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("x1,x2,y\n");
            for (int i = 0; i < 1_200_000; i++) w.write((i % 97) * 0.01 + "," + (i % 89) * 0.02 + "," + (i & 1) + "\n");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        for (String p : new String[] {"java.io.tmpdir", "org.bytedeco.javacpp.cachedir"}) {
            if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
        }
        cmd.addAll(List.of(Main.class.getName(), "train", "--train", csv.toString(), "--iterations", "1", "--device", "cpu"));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not finish");
        String text = Files.readString(err);
        assertEquals(2, p.exitValue(), text);
        List<String> lines = text.lines().filter(l -> !l.startsWith("device auto:")).toList();
        assertEquals(1, lines.size(), text);
        // the CSV loader says what the file needs (rows estimated from how far it got) and what the heap holds
        assertTrue(lines.get(0).startsWith("densetrain: error: " + csv + ": about "), text);
        assertTrue(lines.get(0).contains(" rows of 2 features need ") && lines.get(0).contains("-Xmx"), text);
        long rows = Long.parseLong(lines.get(0).replaceFirst(".*: about ([0-9,]+) rows.*", "$1").replace(",", ""));
        assertTrue(rows > 1_000_000 && rows < 1_400_000, "estimated " + rows + " rows of 1,200,000");
    }
}
