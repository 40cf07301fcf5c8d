package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.model.AtomicFiles;
import io.densetrain.model.DirectoryLock;
import io.densetrain.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input class of issue 14 at the CLI: one line on stderr naming the problem and the fix, exit 2 (1 for divergence). */
class HostileInputCliTest {
    @TempDir
    Path dir;

    /** Exit 2, exactly one error line (a device fallback note aside), containing {@code expected}. */
    static void oneLine(CliTest.Run r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        String err = r.err().lines().filter(l -> !l.startsWith("device auto:")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("densetrain: error: "), err);
        assertTrue(err.contains(expected), expected + " not in " + err);
    }

    @Test
    void flagsAreCheckedAndNamedRight() {
        oneLine(CliTest.run("train", "--threads", "-2", "--iterations", "1", "--device", "cpu"), "--threads must be ≥ 1 (or 0 for all cores), got -2");
        oneLine(CliTest.run("train", "--epochs", "-3", "--device", "cpu"), "--epochs must be ≥ 0, got -3");
        oneLine(CliTest.run("train", "--iterations", "-3", "--device", "cpu"), "--iterations must be ≥ 0, got -3");
        oneLine(CliTest.run("train", "--bayes-error", "5", "--iterations", "1", "--device", "cpu"), "--bayes-error must be a fraction in [0, 1), got 5.0");
    }

    @Test
    void layerSizesThatOverflowAnIntOrDoNotFitInMemoryAreOneLine() {
        oneLine(CliTest.run("train", "--hidden", "100000,100000,100000", "--iterations", "1", "--device", "cpu"),
                "parameters, more than the 2147483639 one network holds");
        // 1.5e9 parameters fit an array but not the heap: what it needs and what fits
        CliTest.Run big = CliTest.run("train", "--hidden", "40000,37000", "--iterations", "1", "--device", "cpu");
        oneLine(big, "needs about");
        assertTrue(big.err().contains("fits in the Java heap"), big.err());
    }

    @Test
    void predictRefusesRaggedRowsAsTrainDoes() throws IOException {
        Path model = dir.resolve("m");
        assertEquals(0, CliTest.run("train", "--iterations", "5", "--save", model.toString(), "--device", "cpu").code());
        Path shortRow = Files.writeString(dir.resolve("short.csv"), "x1,x2\n0.1,0.2\n0.3\n");
        oneLine(CliTest.run("predict", "--model", model.toString(), "--input", shortRow.toString(), "--device", "cpu"),
                "line 3: 1 cells but the header has 2 columns");
        Path longRow = Files.writeString(dir.resolve("long.csv"), "x1,x2\n0.1,0.2,0.9\n");
        oneLine(CliTest.run("predict", "--model", model.toString(), "--input", longRow.toString(), "--device", "cpu"),
                "line 2: 3 cells but the header has 2 columns");
    }

    @Test
    void aNamedPipeAsTrainIsRefusedInsteadOfHanging() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available here");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                oneLine(CliTest.run("train", "--train", fifo.toString(), "--iterations", "1", "--device", "cpu"),
                        "is not a regular file (a pipe, socket or device)"));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                oneLine(CliTest.run("train", "--train", dir.resolve("x.h5").toString(), "--iterations", "1", "--device", "cpu"),
                        "no such file"));
        // the array formats go through the same check (IDX images and .npy labels read through one reader)
        Path idxFifo = dir.resolve("pipe-images-idx3-ubyte");
        assumeTrue(new ProcessBuilder("mkfifo", idxFifo.toString()).start().waitFor() == 0, "mkfifo failed");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                oneLine(CliTest.run("train", "--train", idxFifo.toString(), "--train-labels", idxFifo.toString(),
                        "--iterations", "1", "--device", "cpu"), "is not a regular file (a pipe, socket or device)"));
    }

    @Test
    void aFolderNamedLikeADataFileIsAFolderNotAFileNotAnEmptyImageFolder() throws IOException {
        Path csv = Files.createDirectories(dir.resolve("train.csv"));
        Path npy = Files.createDirectories(dir.resolve("x.npy"));
        Path idx = Files.createDirectories(dir.resolve("train-images-idx3-ubyte.gz"));
        String fix = " is a folder, not a file; give the CSV, HDF5, IDX, .npy or .npz file itself, or an image folder with one sub-folder per class";
        oneLine(CliTest.run("train", "--train", csv.toString(), "--iterations", "1", "--device", "cpu"), csv + fix);
        oneLine(CliTest.run("train", "--train", npy.toString(), "--train-labels", csv.toString(), "--iterations", "1", "--device", "cpu"), npy + fix);
        oneLine(CliTest.run("train", "--train", idx.toString(), "--iterations", "1", "--device", "cpu"), idx + fix);
        // an image folder's own name is not a file's: the sub-folder count is the problem
        Path pictures = Files.createDirectories(dir.resolve("pictures"));
        oneLine(CliTest.run("train", "--train", pictures.toString(), "--iterations", "1", "--device", "cpu"), "found 0 class sub-folder");
    }

    @Test
    void aMegabyteCellOrColumnNameQuotedInTheErrorKeepsTheLineShort() throws IOException {
        Path cell = Files.writeString(dir.resolve("cell.csv"), "a,b,y\n1," + "x".repeat(1_000_000) + ",0\n2,3,1\n");
        Path header = Files.writeString(dir.resolve("header.csv"), "a,b,y\n1,2," + "9".repeat(1_000_000) + "\n2,3,1\n");
        for (Path f : new Path[] {cell, header}) {
            CliTest.Run r = CliTest.run("train", "--train", f.toString(), "--iterations", "1", "--device", "cpu");
            oneLine(r, f + ", line 2");
            assertTrue(r.err().length() < 600, r.err().length() + " characters: " + r.err().substring(0, Math.min(300, r.err().length())));
            assertTrue(r.err().matches("(?s).*…\\(100000\\d characters\\)….*"), r.err());
        }
    }

    @Test
    void aFileGivenAsThePlotDirectoryIsRefusedBeforeTrainingNotAfter() throws IOException {
        Path file = Files.writeString(dir.resolve("plots"), "not a folder");
        long start = System.nanoTime(); // 10^8 iterations would run for hours if the check came after training
        CliTest.Run r = CliTest.run("train", "--iterations", "100000000", "--device", "cpu", "--out", file.toString());
        oneLine(r, file + " is a file, not a directory; give a directory for the plots");
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "the check came after training");
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void aResumeShorterThanTheRunItContinuesIsRefusedNotReportedAsCompleted() {
        String save = dir.resolve("ck").toString();
        String[] run = {"train", "--data", "circles", "--batch-size", "32", "--optimizer", "adam", "--device", "cpu",
                "--checkpoint-every", "10", "--no-progress"}; // circles: 300 examples, 10 batches an epoch
        assertEquals(0, CliTest.run(concat(run, "--epochs", "10", "--save", save)).code());
        oneLine(CliTest.run(concat(run, "--epochs", "5", "--resume", save, "--save", dir.resolve("out").toString())),
                "--epochs is 5 (50 updates) but the checkpoint resumed has done 100 updates; give at least 10 to continue it"
                        + " (only the run's length may grow)");
        String[] full = {"train", "--data", "circles", "--device", "cpu", "--checkpoint-every", "100", "--no-progress"};
        String fullSave = dir.resolve("full").toString();
        assertEquals(0, CliTest.run(concat(full, "--iterations", "300", "--save", fullSave)).code());
        oneLine(CliTest.run(concat(full, "--iterations", "200", "--resume", fullSave, "--save", fullSave)),
                "--iterations is 200 but the checkpoint resumed has done 300 updates; give at least 300 to continue it");
        // the same length resumes the final checkpoint: nothing left to run, exit 0
        assertEquals(0, CliTest.run(concat(run, "--epochs", "10", "--resume", save, "--save", save)).code());
    }

    @Test
    void anUnreadableFileIsPermissionDenied() throws IOException {
        Path csv = Files.writeString(dir.resolve("secret.csv"), "x1,y\n1,0\n2,1\n");
        Files.setPosixFilePermissions(csv, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(csv), "running as root: every file is readable, so permission denied cannot happen here");
        oneLine(CliTest.run("train", "--train", csv.toString(), "--iterations", "1", "--device", "cpu"), "permission denied");
    }

    @Test
    void aResumeNamesEachFlagOrDataThatDiffers() {
        Path ck = dir.resolve("ck");
        String[] common = {"train", "--batch-size", "50", "--optimizer", "adam", "--device", "cpu", "--json"};
        assertEquals(0, CliTest.run(concat(common, "--epochs", "2", "--checkpoint-every", "5", "--save", ck.toString())).code());
        String[][] changes = {{"--keep-prob", "0.8"}, {"--l2", "0.02"}, {"--beta1", "0.8"}, {"--decay", "0.1"},
                {"--data-seed", "2"}, {"--adam-epsilon", "1e-7"}, {"--no-normalize"}, {"--init", "xavier"}};
        String[] named = {"keep_prob", "l2", "beta1", "decay", "train_data_sha256", "epsilon", "normalization", "init"};
        for (int i = 0; i < changes.length; i++) {
            CliTest.Run r = CliTest.run(concat(concat(common, "--epochs", "2", "--resume", ck.toString()), changes[i]));
            oneLine(r, "was written by a different run: " + named[i] + " = ");
        }
        // only the planned length may grow
        CliTest.Run longer = CliTest.run(concat(common, "--epochs", "4", "--resume", ck.toString()));
        assertEquals(0, longer.code(), longer.err());
    }

    @Test
    void aCostThatExplodesWhileFiniteIsDivergenceExitOneAndSavesNothing() {
        Path m = dir.resolve("m");
        CliTest.Run r = CliTest.run("train", "--activation", "linear", "--lr", "5", "--iterations", "300", "--cost-every", "1",
                "--device", "cpu", "--save", m.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("densetrain: training diverged: diverged at iteration 3: cost 1.26377e+07 is more than 1000×"
                + " the lowest cost so far (1.41229)"), r.err());
        assertFalse(Files.exists(m), "a diverged run must not leave a model");
    }

    @Test
    void aSecondLiveWriterIntoTheSameDirectoryGetsOneLine() throws Exception {
        Path m = dir.resolve("m");
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (DirectoryLock held = DirectoryLock.acquire(m)) {
            CliTest.Run r = other.submit(() -> CliTest.run("train", "--iterations", "5", "--save", m.toString(), "--device", "cpu")).get();
            oneLine(r, "is being written by another densetrain run (process " + ProcessHandle.current().pid());
        } finally {
            other.shutdown();
        }
    }

    @Test
    void aFailedWriteLeavesNeitherATemporaryFileNorADamagedTarget() throws IOException {
        Path target = Files.writeString(dir.resolve("train.h5"), "old");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.densetrain.BadInputException.class, () -> AtomicFiles.write(target,
                file -> {
                    Files.writeString(file, "half");
                    throw new IllegalStateException("jhdf HdfWritingException stand-in");
                }));
        assertTrue(e.getMessage().contains("cannot write (jhdf HdfWritingException stand-in)"), e.getMessage());
        assertEquals("old", Files.readString(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
        // export-h5 into a folder that is a file: refused before any work
        oneLine(CliTest.run("export-h5", "--samples", "4", "--test-samples", "2", "--out", target.resolve("x.h5").toString()),
                "does not exist");
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
