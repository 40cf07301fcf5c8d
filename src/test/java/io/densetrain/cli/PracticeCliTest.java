package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.densetrain.data.Dataset;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The practice commands end to end: splits, normalization, mini-batches, models, checkpoints, diagnosis, experiments. */
class PracticeCliTest {
    @TempDir
    Path dir;

    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    /** A CSV of a dataset, with {@code shift} added to every feature. */
    private Path csv(String name, Dataset d, double shift) throws IOException {
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        for (int j = 0; j < d.size(); j++) {
            s.append(d.feature(j, 0) + shift).append(',').append(d.feature(j, 1) + shift).append(',').append(d.labels()[j]).append('\n');
        }
        return Files.writeString(dir.resolve(name), s);
    }

    @Test
    void splitMiniBatchAdamReportsDevAccuracyDiagnosisAndStopReason() {
        CliTest.Run r = run("train", "--data", "flower", "--samples", "400", "--split", "0.8,0.1,0.1", "--stratify",
                "--hidden", "20,10", "--batch-size", "64", "--epochs", "50", "--optimizer", "adam", "--lr", "0.01",
                "--cost-every", "50", "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject j = r.json();
        assertEquals(400, j.get("train_examples").getAsInt());
        assertEquals(50, j.get("dev_examples").getAsInt());
        assertEquals(50, j.get("test_examples").getAsInt());
        assertEquals(50 * 7, j.get("iterations").getAsInt()); // 400/64 → 7 batches per epoch
        assertTrue(j.get("dev_accuracy").getAsDouble() > 0.8, r.out());
        assertTrue(j.get("stop_reason").getAsString().startsWith("completed 350 updates"), r.out());
        JsonObject d = j.getAsJsonObject("diagnosis");
        assertEquals(1 - j.get("train_accuracy").getAsDouble(), d.get("train_error").getAsDouble(), 1e-12);
        assertEquals(1 - j.get("dev_accuracy").getAsDouble(), d.get("dev_error").getAsDouble(), 1e-12);
        assertTrue(d.has("verdict") && d.has("next_steps"));
        assertTrue(j.get("notes").toString().isEmpty() || !j.get("notes").toString().contains("power of two"));
    }

    @Test
    void theTextReportHasTheDiagnosisAndNoProgressBarOffATerminal() {
        CliTest.Run r = run("train", "--iterations", "300", "--cost-every", "100", "--split", "0.8,0.2,0", "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("diagnosis: train error"), r.out());
        assertTrue(r.out().contains("verdict: "), r.out());
        assertTrue(r.out().contains("iteration      100  cost"), r.out());
        assertFalse(r.out().contains("ex/s"), r.out());
        assertFalse(ProgressDisplay.enabled(true, false));
    }

    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource({"0.01, 0.11, high variance", "0.15, 0.16, high bias", "0.15, 0.30, high bias and high variance",
            "0.005, 0.01, low bias and low variance"})
    void diagnoseGivesTheCoursesVerdicts(String train, String dev, String verdict) {
        CliTest.Run text = run("diagnose", "--train-error", train, "--dev-error", dev);
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("verdict: " + verdict + "\n"), text.out());
        CliTest.Run json = run("diagnose", "--train-error", train, "--dev-error", dev, "--bayes-error", "0", "--json");
        assertEquals(verdict, json.json().get("verdict").getAsString());
        assertEquals(0.05, json.json().get("bias_threshold").getAsDouble());
    }

    @Test
    void normalizationComesFromTheTrainingFileOnlyAndIsSavedWithTheModel() throws IOException {
        TrainTest s = Synthetic2D.generate(new Synthetic2D.Spec("moons", 200, 100, 0.2, 2, 2, 1));
        Path train = csv("train.csv", s.train(), 0), devA = csv("devA.csv", s.test(), 0), devB = csv("devB.csv", s.test(), 50);
        CliTest.Run a = run("train", "--train", train.toString(), "--dev", devA.toString(), "--iterations", "50",
                "--save", dir.resolve("a").toString(), "--device", "cpu", "--json");
        CliTest.Run b = run("train", "--train", train.toString(), "--dev", devB.toString(), "--iterations", "50",
                "--save", dir.resolve("b").toString(), "--device", "cpu", "--json");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        SavedModel ma = ModelStore.load(dir.resolve("a")), mb = ModelStore.load(dir.resolve("b"));
        double[] mean = io.densetrain.data.Normalization.fit(s.train()).mean();
        assertArrayEquals(mean, ma.normalization().mean(), 1e-12);
        assertArrayEquals(ma.normalization().mean(), mb.normalization().mean(), 0);
        assertArrayEquals(ma.normalization().std(), mb.normalization().std(), 0);
        assertArrayEquals(ma.theta(), mb.theta(), 0, "dev data must not touch training either");
        assertTrue(ma.normalized());
        CliTest.Run off = run("train", "--train", train.toString(), "--iterations", "10", "--no-normalize",
                "--save", dir.resolve("c").toString(), "--device", "cpu", "--json");
        assertEquals(0, off.code(), off.err());
        assertArrayEquals(new double[] {0, 0}, ModelStore.load(dir.resolve("c")).normalization().mean(), 0);
    }

    @Test
    void devAndTestFromDifferentDistributionsGetAWarning() throws IOException {
        TrainTest s = Synthetic2D.generate(new Synthetic2D.Spec("moons", 200, 100, 0.2, 2, 2, 1));
        CliTest.Run r = run("train", "--train", csv("t.csv", s.train(), 0).toString(), "--dev", csv("d.csv", s.test(), 0).toString(),
                "--test", csv("x.csv", s.test(), 30).toString(), "--iterations", "10", "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().get("notes").toString().contains("different distributions"), r.out());
    }

    @Test
    void savedModelPredictsAndEvaluatesLikeTraining() throws IOException {
        TrainTest s = Synthetic2D.generate(new Synthetic2D.Spec("circles", 300, 100, 0.05, 2, 2, 1));
        Path train = csv("train.csv", s.train(), 3), test = csv("test.csv", s.test(), 3);
        Path model = dir.resolve("model");
        CliTest.Run t = run("train", "--train", train.toString(), "--test", test.toString(), "--iterations", "3000", "--lr", "0.1",
                "--save", model.toString(), "--device", "cpu", "--json");
        assertEquals(0, t.code(), t.err());
        CliTest.Run e = run("evaluate", "--model", model.toString(), "--data", test.toString(), "--device", "cpu", "--json");
        assertEquals(0, e.code(), e.err());
        assertEquals(t.json().get("test_accuracy").getAsDouble(), e.json().get("accuracy").getAsDouble(), 1e-12);
        CliTest.Run p = run("predict", "--model", model.toString(), "--input", test.toString(), "--device", "cpu");
        assertEquals(0, p.code(), p.err());
        String[] lines = p.out().split("\n");
        assertEquals("row,prediction,probability", lines[0]);
        assertEquals(101, lines.length);
        int correct = 0;
        for (int j = 0; j < 100; j++) {
            String[] cells = lines[j + 1].split(",");
            if (Integer.parseInt(cells[1]) == s.test().labels()[j]) correct++;
            assertTrue(Double.parseDouble(cells[2]) >= 0.5);
        }
        assertEquals(e.json().get("accuracy").getAsDouble(), correct / 100.0, 1e-12);
    }

    @Test
    void resumeFromACheckpointEqualsTheUninterruptedRun() {
        String[] common = {"train", "--batch-size", "32", "--optimizer", "adam", "--lr", "0.01", "--keep-prob", "0.9",
                "--split", "0.8,0.2,0", "--cost-every", "20", "--device", "cpu", "--json"};
        CliTest.Run straight = run(concat(common, "--epochs", "6", "--save", dir.resolve("straight").toString()));
        CliTest.Run first = run(concat(common, "--epochs", "3", "--checkpoint-every", "7", "--save", dir.resolve("ckpt").toString()));
        CliTest.Run rest = run(concat(common, "--epochs", "6", "--resume", dir.resolve("ckpt").toString(),
                "--save", dir.resolve("resumed").toString()));
        assertEquals(0, straight.code(), straight.err());
        assertEquals(0, first.code(), first.err());
        assertEquals(0, rest.code(), rest.err());
        assertTrue(Files.exists(io.densetrain.model.ModelDirectory.committedFile(dir.resolve("ckpt"), "checkpoint.json")));
        assertArrayEquals(ModelStore.load(dir.resolve("straight")).theta(), ModelStore.load(dir.resolve("resumed")).theta(), 0.0);
        // same costs at every --cost-every record (the interrupted run also recorded its own last update, 29)
        assertEquals(periodic(straight.json()), periodic(rest.json()));
        CliTest.Run otherOptimizer = run("train", "--batch-size", "32", "--optimizer", "momentum", "--lr", "0.01", "--keep-prob", "0.9",
                "--split", "0.8,0.2,0", "--epochs", "6", "--resume", dir.resolve("ckpt").toString(), "--device", "cpu");
        assertEquals(2, otherOptimizer.code());
        assertTrue(otherOptimizer.err().contains("optimizer"), otherOptimizer.err());
        CliTest.Run otherLayers = run(concat(common, "--epochs", "6", "--hidden", "8,4", "--resume", dir.resolve("ckpt").toString()));
        assertEquals(2, otherLayers.code());
        assertTrue(otherLayers.err().contains("layers"), otherLayers.err());
    }

    private static java.util.List<String> periodic(JsonObject j) {
        java.util.List<String> out = new java.util.ArrayList<>();
        j.getAsJsonArray("costs").forEach(p -> {
            if (p.getAsJsonArray().get(0).getAsLong() % 20 == 0) out.add(p.toString());
        });
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badInputIsOneLineAndExitTwoAndDamagesNothing() throws IOException {
        assertOneLine(run("train", "--optimizer", "sgdx", "--iterations", "5"), "unknown optimizer 'sgdx'");
        assertOneLine(run("train", "--batch-size", "100000", "--epochs", "1", "--device", "cpu"), "larger than the 300 training examples");
        Path notCkpt = Files.createDirectories(dir.resolve("notckpt"));
        assertOneLine(run("train", "--resume", notCkpt.toString(), "--iterations", "5", "--device", "cpu"), "not a checkpoint directory");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "keep");
        assertOneLine(run("train", "--save", other.toString(), "--iterations", "5"), "not a densetrain model");
        assertEquals("keep", Files.readString(other.resolve("notes.txt")));

        Path model = dir.resolve("m");
        assertEquals(0, run("train", "--iterations", "5", "--save", model.toString(), "--device", "cpu").code());
        Path tensors = io.densetrain.model.ModelDirectory.committedFile(model, "model.safetensors");
        byte[] bytes = Files.readAllBytes(tensors);
        Files.write(tensors, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path input = Files.writeString(dir.resolve("in.csv"), "x1,x2\n0.1,0.2\n");
        assertOneLine(run("predict", "--model", model.toString(), "--input", input.toString(), "--device", "cpu"), "truncated");
        assertOneLine(run("evaluate", "--model", dir.resolve("nothing").toString(), "--data", input.toString()), "not a model directory");
    }

    private static void assertOneLine(CliTest.Run r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        String err = r.err().lines().filter(l -> !l.startsWith("device auto:")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(expected), err);
    }

    @Test
    void earlyStoppingIsReportedWithTheIterationAndRestoredWeights() {
        CliTest.Run r = run("train", "--data", "moons", "--samples", "40", "--test-samples", "300", "--noise", "0.35",
                "--split", "0.2,0.8,0", "--hidden", "64,64", "--optimizer", "adam", "--iterations", "20000", "--cost-every", "100",
                "--early-stopping", "dev-cost", "--patience", "3", "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        String reason = r.json().get("stop_reason").getAsString();
        assertTrue(reason.startsWith("early stopping at update") && reason.contains("restored the weights of update"), reason);
        assertFalse(r.json().get("restored_iteration").isJsonNull());
    }

    @Test
    void trainWritesThePlots() {
        Path out = dir.resolve("plots");
        CliTest.Run r = run("train", "--iterations", "200", "--cost-every", "20", "--split", "0.8,0.2,0", "--out", out.toString(),
                "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        for (String png : new String[] {"cost.png", "gradient_norms.png", "decision_boundary.png"}) {
            assertTrue(isPng(out.resolve(png)), png);
        }
    }

    @Test
    void experimentsPrintTheirTablesAndWritePngs() {
        CliTest.Run v = run("experiment", "vanishing", "--out", dir.resolve("v").toString(), "--device", "cpu");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("| linear W = 1.5·I | 30 |") && v.out().contains("exploding gradients"), v.out());
        assertTrue(isPng(dir.resolve("v").resolve("gradients_by_depth.png")));
        CliTest.Run i = run("experiment", "init", "--iterations", "300", "--out", dir.resolve("i").toString(), "--device", "cpu");
        assertEquals(0, i.code(), i.err());
        assertTrue(i.out().contains("| zeros | 0.6931 |"), i.out());
        assertTrue(isPng(dir.resolve("i").resolve("decision_boundary_he.png")));
        CliTest.Run g = run("experiment", "regularization", "--iterations", "300", "--out", dir.resolve("g").toString(), "--device", "cpu");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("moons") && g.out().contains("| dropout 0.86 |"), g.out());
        assertTrue(isPng(dir.resolve("g").resolve("cost.png")));
    }

    private static boolean isPng(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            return b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        } catch (IOException e) {
            return false;
        }
    }

}
