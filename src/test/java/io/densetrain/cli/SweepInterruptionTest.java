package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.densetrain.BadInputException;
import io.densetrain.sweep.Metric;
import io.densetrain.sweep.Setting;
import io.densetrain.sweep.Sweep;
import io.densetrain.sweep.SweepPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep killed outright leaves no trial running, and an output folder holds one sweep. */
class SweepInterruptionTest {
    @TempDir
    Path dir;

    @Test
    void aTrialJvmEndsByItselfWhenTheSweepIsKilled() throws Exception {
        // one trial of 50 million iterations: minutes of training, unless it stops when its sweep is gone
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.densetrain.cli.Main", "sweep"));
        List<String> base = new ArrayList<>(SweepCliTest.BASE);
        base.set(base.indexOf("--iterations") + 1, "50000000");
        command.addAll(base);
        command.addAll(List.of("--grid", "l2=0,0.7", "--parallel", "1", "--out", dir.resolve("out").toString()));
        Process sweep = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle trial = null;
        try {
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); trial == null && System.nanoTime() < end; ) {
                trial = sweep.toHandle().children().findFirst().orElse(null);
                if (trial == null) Thread.sleep(100);
            }
            if (trial == null) fail("the sweep started no trial JVM in 60 s");
            Thread.sleep(1500); // the trial is training
            sweep.destroyForcibly(); // SIGKILL: no shutdown hook runs in the sweep's JVM
            sweep.waitFor();
            try {
                trial.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                fail("the trial JVM kept training 30 s after its sweep was killed");
            }
        } finally {
            sweep.destroyForcibly();
            if (trial != null) trial.destroyForcibly();
        }
    }

    @Test
    void anotherSweepIntoTheSameFolderIsRefusedBeforeItWritesAnything() throws Exception {
        Path out = dir.resolve("sweep");
        Sweep.Options options = new Sweep.Options(Metric.DEV_ACCURACY, out, 1, null);
        SweepPlan first = new SweepPlan(SweepCliTest.BASE, List.of(Setting.grid("l2=0,0.7"), Setting.grid("keep-prob=1,0.8")), 0, 1);
        Sweep.run(first, options, SweepCliTest.IN_PROCESS);
        byte[] summary = Files.readAllBytes(out.resolve("sweep.json"));
        SweepPlan other = new SweepPlan(SweepCliTest.BASE, List.of(Setting.grid("l2=0,0.5"), Setting.grid("keep-prob=1,0.8")), 0, 1);
        var e = assertThrows(BadInputException.class, () -> Sweep.run(other, options, args -> fail("a trial ran")));
        assertEquals("--out " + out + " holds another sweep (4 trials, the first l2=0 keep-prob=1); rerun that sweep's command there"
                + " to resume it, or give this sweep a new --out", e.getMessage());
        assertEquals(new String(summary), Files.readString(out.resolve("sweep.json")), "the refused sweep rewrote sweep.json");
        try (var folders = Files.list(out.resolve("trials"))) {
            assertEquals(4, folders.count());
        }
        // the same trials under another metric: the same sweep, every trial reused
        Sweep.Result again = Sweep.run(first, new Sweep.Options(Metric.DEV_COST, out, 2, null), args -> fail("a trial ran"));
        assertTrue(again.trials().stream().allMatch(r -> r.reused()));
        // the CLI: one line, exit 2
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(SweepCliTest.BASE);
        args.addAll(List.of("--grid", "l2=0.1", "--out", out.toString()));
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("densetrain: error: --out " + out + " holds another sweep (4 trials"), r.err());
        // a damaged plan.json is named, not guessed at
        Files.writeString(out.resolve("plan.json"), "{\"trials\": [");
        var damaged = assertThrows(BadInputException.class, () -> Sweep.run(first, options, args2 -> fail("a trial ran")));
        assertTrue(damaged.getMessage().startsWith(out.resolve("plan.json") + ": not a sweep's plan"), damaged.getMessage());
        assertFalse(damaged.getMessage().contains("\n"));
        Files.writeString(out.resolve("plan.json"), "{\"trials\": [{\"id\": \"0123456789abcdef\"}]}"); // no label
        var noLabel = assertThrows(BadInputException.class, () -> Sweep.run(first, options, args2 -> fail("a trial ran")));
        assertTrue(noLabel.getMessage().startsWith(out.resolve("plan.json") + ": not a sweep's plan"), noLabel.getMessage());
    }

    @Test
    void aSweepIntoAFolderAnotherSweepIsWritingIsRefused() throws Exception {
        Path out = dir.resolve("busy");
        // the folder's lock held elsewhere (another thread counts as another writer, as another process does)
        var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> io.densetrain.model.DirectoryLock.acquire(out)).get();
        try {
            SweepPlan plan = new SweepPlan(SweepCliTest.BASE, List.of(Setting.grid("l2=0,0.7")), 0, 1);
            var e = assertThrows(BadInputException.class, () -> Sweep.run(plan, new Sweep.Options(Metric.DEV_ACCURACY, out, 1, null),
                    args -> fail("a trial ran")));
            assertTrue(e.getMessage().startsWith(out + " is being written by another densetrain run"), e.getMessage());
            assertFalse(Files.exists(out.resolve("plan.json")) || Files.exists(out.resolve("trials")), "the refused sweep wrote");
        } finally {
            other.close();
        }
        SweepPlan plan = new SweepPlan(SweepCliTest.BASE, List.of(Setting.grid("l2=0,0.7")), 0, 1);
        assertEquals(2, Sweep.run(plan, new Sweep.Options(Metric.DEV_ACCURACY, out, 1, null), SweepCliTest.IN_PROCESS).trials().size());
    }

    @Test
    void anOutFolderThatCannotBeCreatedIsNamedAsTheSweepsFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(SweepCliTest.BASE);
        args.addAll(List.of("--grid", "l2=0", "--out", file.resolve("sweep").toString()));
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        // it used to say "cannot create the model directory", the model-saving lock's words
        assertEquals("densetrain: error: --out " + file.resolve("sweep") + ": cannot create the folder (Not a directory); give a folder"
                + " you can write", r.err().strip());
    }

    @Test
    void aSweepKilledAfterItsFirstTrialResumesToTheUninterruptedResult() throws Exception {
        List<String> grid = List.of("--grid", "l2=0,0.7", "--grid", "keep-prob=1,0.8", "--json");
        Path whole = dir.resolve("whole"), cut = dir.resolve("cut");
        CliTest.Run reference = sweepTo(whole, grid, "--in-process");
        assertEquals(0, reference.code(), reference.err());

        // child JVMs one at a time, the sweep SIGKILLed as soon as its first trial has its trial.json
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "io.densetrain.cli.Main", "sweep"));
        command.addAll(SweepCliTest.BASE);
        command.addAll(grid);
        command.addAll(List.of("--parallel", "1", "--out", cut.toString()));
        Process sweep = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); finished(cut) == 0 && System.nanoTime() < end; ) {
                Thread.sleep(10);
            }
        } finally {
            sweep.destroyForcibly();
            sweep.waitFor();
        }
        long before = finished(cut);
        assertTrue(before >= 1, "no trial finished in 60 s");

        CliTest.Run resumed = sweepTo(cut, grid, "--in-process");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(before, resumed.err().lines().filter(l -> l.endsWith("(finished earlier, reused)")).count(), resumed.err());
        assertEquals(withoutTimes(reference.json()), withoutTimes(resumed.json()), "the resumed sweep's --json");
        assertEquals(withoutTimes(com.google.gson.JsonParser.parseString(Files.readString(whole.resolve("sweep.json"))).getAsJsonObject()),
                withoutTimes(com.google.gson.JsonParser.parseString(Files.readString(cut.resolve("sweep.json"))).getAsJsonObject()));
        assertEquals(csvWithoutSeconds(whole), csvWithoutSeconds(cut), "trials.csv");
    }

    private static CliTest.Run sweepTo(Path out, List<String> grid, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(SweepCliTest.BASE);
        args.addAll(grid);
        args.addAll(List.of(extra));
        args.addAll(List.of("--out", out.toString()));
        return CliTest.run(args.toArray(String[]::new));
    }

    private static long finished(Path out) throws java.io.IOException {
        if (!Files.isDirectory(out.resolve("trials"))) return 0;
        try (var trials = Files.list(out.resolve("trials"))) {
            return trials.filter(t -> Files.isRegularFile(t.resolve("trial.json"))).count();
        }
    }

    /** The sweep's JSON without what differs by nature between a first run and a resumed one. */
    private static com.google.gson.JsonObject withoutTimes(com.google.gson.JsonObject sweep) {
        com.google.gson.JsonObject copy = sweep.deepCopy();
        for (var t : copy.getAsJsonArray("trials")) {
            t.getAsJsonObject().remove("seconds");
            t.getAsJsonObject().remove("reused");
        }
        copy.getAsJsonObject("best").remove("seconds");
        copy.getAsJsonObject("best").remove("reused");
        return copy;
    }

    private static List<String> csvWithoutSeconds(Path out) throws java.io.IOException {
        List<String> lines = Files.readAllLines(out.resolve("trials.csv"));
        int column = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(column);
            return String.join(",", cells);
        }).toList();
    }
}
