package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.densetrain.BadInputException;
import io.densetrain.sweep.Metric;
import io.densetrain.sweep.Setting;
import io.densetrain.sweep.Sweep;
import io.densetrain.sweep.SweepPlan;
import io.densetrain.sweep.TrialRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** densetrain sweep end to end: trials equal train bit for bit, resume, the JSON, bad grids before any trial. */
class SweepCliTest {
    /** A tiny network on a small dev split: each trial trains in well under a second. */
    static final List<String> BASE = List.of("--data", "circles", "--samples", "80", "--hidden", "4", "--iterations", "300",
            "--cost-every", "100", "--split", "0.6,0.2,0.2", "--device", "cpu");

    @TempDir
    Path dir;

    static CliTest.Run sweep(String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(BASE);
        args.addAll(List.of(extra));
        return CliTest.run(args.toArray(String[]::new));
    }

    /** train in this JVM, for the API tests (the CLI's child JVMs are slower to start). */
    static final TrialRunner IN_PROCESS = new InProcessTrialRunner();

    private static JsonObject trialJson(Path out, String id) throws IOException {
        return JsonParser.parseString(Files.readString(out.resolve("trials").resolve(id).resolve("trial.json"))).getAsJsonObject();
    }

    @Test
    void aTrialEqualsItsTrainCommandBitForBitAndAnInterruptedSweepResumes() throws IOException {
        Path out = dir.resolve("sweep");
        CliTest.Run first = sweep("--grid", "l2=0,0.7", "--parallel", "2", "--out", out.toString(), "--json");
        assertEquals(0, first.code(), first.err());
        assertEquals(2, first.err().lines().filter(l -> l.startsWith("trial ")).count(), first.err());
        JsonObject j = first.json();
        JsonArray trials = j.getAsJsonArray("trials");
        assertEquals(2, trials.size());
        JsonObject second = trials.get(1).getAsJsonObject();
        assertEquals(0.7, second.getAsJsonObject("params").get("l2").getAsDouble());
        for (String key : new String[] {"train_accuracy", "dev_accuracy", "dev_cost", "test_accuracy", "verdict", "seconds"}) {
            assertTrue(second.has(key), key + " missing in " + second);
        }
        assertTrue(j.getAsJsonObject("best").get("trial").getAsInt() >= 1);
        String id = second.get("id").getAsString();

        // the same train command written out by hand (the trial's thread count read from its record), in this JVM
        JsonObject record = trialJson(out, id);
        List<String> recorded = new ArrayList<>();
        record.getAsJsonArray("command").forEach(e -> recorded.add(e.getAsString()));
        String threads = recorded.get(recorded.indexOf("--threads") + 1);
        Path model = dir.resolve("train-model");
        List<String> command = new ArrayList<>(List.of("train"));
        command.addAll(BASE);
        command.addAll(List.of("--l2", "0.7", "--json", "--threads", threads, "--save", model.toString()));
        CliTest.Run train = CliTest.run(command.toArray(String[]::new));
        assertEquals(0, train.code(), train.err());
        JsonObject report = record.getAsJsonObject("report"), plain = train.json();
        for (String key : new String[] {"train_accuracy", "dev_accuracy", "test_accuracy", "first_cost", "final_cost", "costs",
                "dev_costs", "gradient_norms", "diagnosis"}) {
            assertEquals(plain.get(key), report.get(key), key);
        }
        assertArrayEquals(Files.readAllBytes(io.densetrain.model.ModelDirectory.committedFile(model, "model.safetensors")),
                Files.readAllBytes(io.densetrain.model.ModelDirectory.committedFile(out.resolve("trials").resolve(id).resolve("model"),
                        "model.safetensors")),
                "the trial's weights are the train command's weights, bit for bit");

        // the same trials on two threads of this JVM (the in-process runner) give the same numbers
        SweepPlan plan = new SweepPlan(BASE, List.of(Setting.grid("l2=0,0.7")), 0, 1);
        Sweep.Result inJvm = Sweep.run(plan, new Sweep.Options(Metric.DEV_ACCURACY, null, 2, null), IN_PROCESS);
        for (int k = 0; k < 2; k++) {
            JsonObject child = trialJson(out, trials.get(k).getAsJsonObject().get("id").getAsString()).getAsJsonObject("report");
            for (String key : new String[] {"costs", "dev_costs", "train_accuracy", "test_accuracy", "gradient_norms"}) {
                assertEquals(child.get(key), inJvm.trials().get(k).report().get(key), "in-process trial " + (k + 1) + " " + key);
            }
        }

        // interrupted: trial 2 never wrote its trial.json (its model folder is left behind)
        Path firstRecord = out.resolve("trials").resolve(trials.get(0).getAsJsonObject().get("id").getAsString()).resolve("trial.json");
        byte[] before = Files.readAllBytes(firstRecord);
        var stamp = Files.getLastModifiedTime(firstRecord);
        Files.delete(out.resolve("trials").resolve(id).resolve("trial.json"));
        CliTest.Run again = sweep("--grid", "l2=0,0.7", "--parallel", "2", "--out", out.toString(), "--json");
        assertEquals(0, again.code(), again.err());
        List<String> lines = again.err().lines().filter(l -> l.startsWith("trial ")).toList();
        assertEquals(2, lines.size(), again.err());
        assertTrue(lines.get(0).startsWith("trial 1/2") && lines.get(0).endsWith("(finished earlier, reused)"), lines.get(0));
        assertFalse(lines.get(1).contains("reused"), lines.get(1));
        assertArrayEquals(before, Files.readAllBytes(firstRecord));
        assertEquals(stamp, Files.getLastModifiedTime(firstRecord));
        JsonArray rerun = again.json().getAsJsonArray("trials");
        assertTrue(rerun.get(0).getAsJsonObject().get("reused").getAsBoolean());
        assertEquals(second.get("dev_accuracy"), rerun.get(1).getAsJsonObject().get("dev_accuracy"));
        assertEquals(second.get("dev_cost"), rerun.get(1).getAsJsonObject().get("dev_cost"));
        assertEquals(j.get("best"), replaceReused(again.json().get("best").getAsJsonObject(), j.get("best").getAsJsonObject()));
        for (String file : new String[] {"trials.csv", "sweep.json", "cost.png", "dev_accuracy_vs_l2.png"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).startsWith("trial,l2,train_accuracy,dev_accuracy"), csv.get(0));

        // flags that cannot change a trial's numbers are not part of its identity: both trials are reused
        CliTest.Run third = sweep("--grid", "l2=0,0.7", "--parallel", "2", "--out", out.toString(), "--json", "--threads", "1",
                "--no-progress");
        assertEquals(0, third.code(), third.err());
        assertEquals(2, third.err().lines().filter(l -> l.endsWith("(finished earlier, reused)")).count(), third.err());
        try (var folders = Files.list(out.resolve("trials"))) {
            assertEquals(2, folders.count());
        }
    }

    /** The best trial's record with the fields that differ between a first run and a resumed one taken from {@code like}. */
    private static JsonObject replaceReused(JsonObject best, JsonObject like) {
        JsonObject copy = best.deepCopy();
        copy.add("reused", like.get("reused"));
        copy.add("seconds", like.get("seconds"));
        return copy;
    }

    @Test
    void aFailedTrialStopsTheSweepAndTheRerunRunsOnlyWhatIsMissing() {
        Path out = dir.resolve("api");
        SweepPlan plan = new SweepPlan(BASE, List.of(Setting.grid("keep-prob=1,0.8,0.6")), 0, 1);
        Sweep.Options options = new Sweep.Options(Metric.DEV_COST, out, 1, null);
        TrialRunner failing = args -> {
            if (args.contains("0.8")) throw new BadInputException("out of memory (planted)");
            return IN_PROCESS.run(args);
        };
        var e = assertThrows(BadInputException.class, () -> Sweep.run(plan, options, failing));
        assertEquals("trial 2 (keep-prob=0.8): out of memory (planted)", e.getMessage());
        // trial 1 finished; trial 3 may have been running on the in-process runner (it cannot be stopped): the sweep waited for it
        long finishedBefore = plan.trials().stream()
                .filter(t -> Files.exists(out.resolve("trials").resolve(t.id()).resolve("trial.json"))).count();
        assertTrue(finishedBefore == 1 || finishedBefore == 2, "finished " + finishedBefore);
        assertFalse(Files.exists(out.resolve("trials").resolve(plan.trials().get(1).id()).resolve("trial.json")));
        AtomicInteger calls = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        Sweep.Result result = Sweep.run(plan, new Sweep.Options(Metric.DEV_COST, out, 1, progress::add), args -> {
            calls.incrementAndGet();
            return IN_PROCESS.run(args);
        });
        assertEquals(3 - finishedBefore, calls.get(), "only the trials without a trial.json run again");
        assertEquals(3, result.trials().size());
        assertTrue(result.trials().get(0).reused());
        assertFalse(result.trials().get(1).reused());
        assertTrue(progress.get(0).endsWith("(finished earlier, reused)"), progress.toString());
        double bestCost = result.trials().stream().mapToDouble(r -> r.devCost()).min().orElseThrow();
        assertEquals(bestCost, result.best().devCost(), "dev-cost picks the lowest dev cost");
    }

    @Test
    void aSweepWhoseEveryTrialDivergedExits1AfterItsTable() {
        // as train exits 1 when its run diverges; it used to exit 0 with "best: none (…; all diverged?)"
        CliTest.Run run = sweep("--grid", "lr=1e6,1e7", "--in-process");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.out().contains("\nbest: none (every trial diverged)\n"), run.out());
        assertEquals(2, run.out().lines().filter(l -> l.contains("| diverged |")).count(), run.out());
        List<String> err = run.err().lines().toList();
        assertEquals("densetrain: no best trial: every trial diverged; lower --lr, or sweep smaller values", err.get(err.size() - 1));
        CliTest.Run json = sweep("--grid", "lr=1e6,1e7", "--in-process", "--json");
        assertEquals(1, json.code(), json.err());
        assertTrue(json.json().get("best").isJsonNull());
    }

    @Test
    void trainFlagsTheSweepAlsoSetsAreTakenOnce() {
        // --no-progress among train's flags used to reach each trial twice ("should be specified only once")
        CliTest.Run run = sweep("--grid", "l2=0,0.7", "--in-process", "--no-progress", "--json");
        assertEquals(0, run.code(), run.err());
        assertEquals(2, run.json().getAsJsonArray("trials").size());
    }

    @Test
    void cudaWithoutAUsableGpuIsRefusedOnceWithTrainsReasonBeforeAnyTrial() {
        String reason = io.densetrain.device.cuda.CudaDevice.unavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason != null, "a GPU is usable here: sweep --device cuda runs its trials");
        CliTest.Run train = CliTest.run("train", "--device", "cuda", "--iterations", "10");
        assertEquals(2, train.code(), train.err());
        List<String> base = new ArrayList<>(BASE.subList(0, BASE.size() - 2)); // without --device cpu
        Path out = dir.resolve("cuda");
        List<String> args = new ArrayList<>(List.of("sweep"));
        args.addAll(base);
        args.addAll(List.of("--device", "cuda", "--grid", "l2=0,0.7", "--out", out.toString()));
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(train.err(), r.err()); // one line, the same as train's: "densetrain: error: --device cuda: no NVIDIA driver ... or use --device cpu"
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(reason.lines().findFirst().orElseThrow()) && r.err().contains("--device cpu"), r.err());
        assertFalse(Files.exists(out), "the sweep wrote under --out");
        // swept, the refusal names the trial that asks for cuda, still before trial 1 (cpu) starts
        args = new ArrayList<>(List.of("sweep"));
        args.addAll(base);
        args.addAll(List.of("--grid", "device=cpu,cuda", "--out", out.toString()));
        CliTest.Run swept = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, swept.code(), swept.err());
        assertEquals(train.err().replace("densetrain: error: ", "densetrain: error: trial 2 (device=cuda): "), swept.err());
        assertFalse(Files.exists(out), "the sweep wrote under --out");
    }

    @Test
    void badGridsAreOneLineAndExit2BeforeAnyTrial() {
        String[][] cases = {
                {"--grid", "l3=1,2"},                      // unknown name
                {"--grid", "l2="},                         // empty list
                {"--grid", "l2=0,,1"},                     // empty value
                {"--grid", "l2=0,0.7,0"},                  // a value listed twice
                {"--grid", "lr=0.1,0.10"},                 // the same number written twice
                {"--grid", "keep-prob=0.5,1.5"},           // a value the setting refuses
                {"--grid", "lr=0.1,abc"},                  // not a number (train's parser)
                {"--grid", "optimizer=adam,sgdx"},         // unknown optimizer
                {"--grid", "hidden=20:x"},                 // a bad layer list
                {"--grid", "batch-size=16,1000"},          // larger than the training set
                {"--grid", "init=he,ones"},                // unknown initialization
                {"--grid", "save=a,b"},                    // the sweep's own business
                {"--grid", "stratify=true"},               // a switch
                {"--random", "lr=0.3:0.01"},               // empty range
                {"--grid", "l2=0,1", "--metric", "dev-f1"}, // unknown metric
                {"--grid", "l2=0,1", "--trials", "5"},     // random draws without --random (used to be ignored)
                {"--grid", "l2=0,1", "--trials", "0"},
                {"--grid", "l2=0,1", "--sweep-seed", "3"},  // a seed of no draw (used to be ignored)
                {"--random", "init=1:2"},                  // a name, not a number, drawn
                {"--grid", "l2=0,1,2,3,4,5,6,7,8,9", "--grid", "seed=0,1,2,3,4,5,6,7,8,9", "--grid", "epochs=1,2,3,4,5,6,7,8,9,10",
                    "--grid", "decay=0,1,2,3,4,5,6,7,8,9", "--grid", "noise=0,1,2,3,4,5,6,7,8,9"} // 10^5 trials: refused at once
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad" + Math.abs(String.join(" ", c).hashCode()));
            List<String> args = new ArrayList<>(List.of(c));
            args.addAll(List.of("--out", out.toString()));
            CliTest.Run r = sweep(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().startsWith("densetrain: error: "), r.err());
            assertFalse(Files.exists(out.resolve("trials")), String.join(" ", c) + ": a trial started");
        }
        // a setting refused by the library is named by its flag, as train names it
        CliTest.Run badLr = sweep("--grid", "lr=0.1,-1");
        assertEquals("densetrain: error: trial 2 (lr=-1): --lr must be a positive finite learning rate, got -1.0",
                badLr.err().strip());
        CliTest.Run noDev = CliTest.run("sweep", "--data", "circles", "--grid", "l2=0,1");
        assertEquals(2, noDev.code());
        assertTrue(noDev.err().contains("dev set"), noDev.err());
        CliTest.Run saving = sweep("--grid", "l2=0,1", "--save", dir.resolve("m").toString());
        assertEquals(2, saving.code());
        assertTrue(saving.err().contains("--save is not allowed"), saving.err());
    }
}
