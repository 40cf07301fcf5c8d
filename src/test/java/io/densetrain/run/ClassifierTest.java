package io.densetrain.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.densetrain.BadInputException;
import io.densetrain.SettingException;
import io.densetrain.data.Dataset;
import io.densetrain.device.Precision;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.nn.Initialization;
import io.densetrain.train.CostPoint;
import io.densetrain.train.TrainingEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder API: the same numbers as {@code densetrain train}, listeners that stop, the history, named errors. */
class ClassifierTest {
    @TempDir
    Path dir;

    private static final TrainTest MOONS = Synthetic2D.generate(new Synthetic2D.Spec("moons", 200, 80, 0.2, 2, 2, 3));

    static double[][] rows(Dataset d) {
        double[][] r = new double[d.size()][d.featureCount()];
        for (int j = 0; j < d.size(); j++) for (int i = 0; i < d.featureCount(); i++) r[j][i] = d.feature(j, i);
        return r;
    }

    /** A CSV with every value in Java's shortest round-trip form, so the CLI reads the same doubles. */
    static Path csv(Path file, Dataset d) throws IOException {
        StringBuilder b = new StringBuilder("x1,x2,label\n");
        for (int j = 0; j < d.size(); j++) b.append(d.feature(j, 0)).append(',').append(d.feature(j, 1)).append(',').append(d.labels()[j]).append('\n');
        return Files.writeString(file, b.toString());
    }

    static JsonObject train(String... args) {
        var cl = io.densetrain.cli.MainAccess.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        assertEquals(0, code, err.toString());
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    static List<double[]> records(JsonArray a) {
        List<double[]> r = new ArrayList<>();
        a.forEach(e -> {
            JsonArray p = e.getAsJsonArray();
            r.add(new double[] {p.get(0).getAsDouble(), p.get(1).getAsDouble(), p.get(2).getAsDouble(), p.get(3).getAsDouble()});
        });
        return r;
    }

    static void assertSameRecords(JsonArray cli, List<CostPoint> api) {
        List<double[]> expected = records(cli);
        assertEquals(expected.size(), api.size());
        for (int k = 0; k < api.size(); k++) {
            CostPoint p = api.get(k);
            assertArrayEquals(expected.get(k), new double[] {p.iteration(), p.cost(), p.crossEntropy(), p.l2Term()}, 0.0, "record " + k);
        }
    }

    @Test
    void fitEqualsTheCliTrainBitForBit() throws IOException {
        Dataset train = MOONS.train().head(150), dev = MOONS.test().head(60);
        Path trainCsv = csv(dir.resolve("train.csv"), train), devCsv = csv(dir.resolve("dev.csv"), dev);
        JsonObject cli = train("train", "--train", trainCsv.toString(), "--dev", devCsv.toString(), "--hidden", "8,4", "--init", "he",
                "--l2", "0.3", "--keep-prob", "0.9", "--optimizer", "adam", "--lr", "0.01", "--batch-size", "32", "--epochs", "30",
                "--cost-every", "7", "--early-stopping", "dev-cost", "--patience", "20", "--seed", "3", "--device", "cpu", "--json");
        Classifier clf = Classifier.builder().hidden(8, 4).init(Initialization.HE).l2(0.3).keepProb(0.9).adam(0.01).batchSize(32)
                .epochs(30).costEvery(7).earlyStopping(20).seed(3).device("cpu").build();
        History h = clf.fit(rows(train), train.labels(), rows(dev), dev.labels());
        assertSameRecords(cli.getAsJsonArray("costs"), h.costs());
        assertSameRecords(cli.getAsJsonArray("dev_costs"), h.devCosts());
        RunReport r = clf.report();
        assertEquals(cli.get("train_accuracy").getAsDouble(), r.trainAccuracy(), 0.0);
        assertEquals(cli.get("dev_accuracy").getAsDouble(), r.devAccuracy(), 0.0);
        assertEquals(cli.get("iterations").getAsLong(), h.updates());
        assertEquals(cli.get("stop_reason").getAsString(), h.stopReason());
        assertTrue(h.costs().size() > 10, "a real run: " + h.costs().size() + " records");
        // the dev cost after training is the dev J of the final weights, as the last dev record when the run completed
        assertTrue(r.devCost() > 0 && r.devAccuracy() > 0.7, r.devCost() + " " + r.devAccuracy());
    }

    @Test
    void fullBatchFitEqualsTheCliDefaults() throws IOException {
        Dataset train = MOONS.train();
        Path trainCsv = csv(dir.resolve("train.csv"), train);
        // the CLI's defaults: --hidden 10,5, relu, he, gd, α 0.01, full batch; a shorter run than 15000 iterations
        JsonObject cli = train("train", "--train", trainCsv.toString(), "--iterations", "600", "--cost-every", "100", "--device", "cpu",
                "--json");
        Classifier clf = Classifier.builder().iterations(600).costEvery(100).device("cpu").build();
        History h = clf.fit(rows(train), train.labels());
        assertSameRecords(cli.getAsJsonArray("costs"), h.costs());
        assertEquals(cli.get("train_accuracy").getAsDouble(), clf.report().trainAccuracy(), 0.0);
        assertEquals(List.of(), h.devCosts());
    }

    @Test
    void float32PrecisionFitsOnTheFloat32CpuDeviceAsTheCliDoes() throws IOException {
        Dataset train = MOONS.train();
        Path trainCsv = csv(dir.resolve("train32.csv"), train);
        JsonObject cli = train("train", "--train", trainCsv.toString(), "--iterations", "300", "--cost-every", "100", "--device", "cpu",
                "--precision", "float32", "--json");
        assertTrue(cli.get("device").getAsString().startsWith("cpu (float32, "), cli.get("device").getAsString());
        Classifier f32 = Classifier.builder().iterations(300).costEvery(100).device("cpu").precision(Precision.FLOAT32).build();
        History h = f32.fit(rows(train), train.labels());
        assertSameRecords(cli.getAsJsonArray("costs"), h.costs());
        // float32 rounding: not the float64 numbers, but within 1e-5 of them after 300 updates
        Classifier f64 = Classifier.builder().iterations(300).costEvery(100).device("cpu").build();
        double j64 = f64.fit(rows(train), train.labels()).finalCost(), j32 = h.finalCost();
        assertNotEquals(j64, j32);
        assertEquals(j64, j32, 1e-5 * j64);
    }

    @Test
    void aListenerStopsAfterEpochK() {
        Dataset train = MOONS.train().head(160), dev = MOONS.test().head(40);
        List<TrainingEvent> seen = new ArrayList<>();
        Classifier clf = Classifier.builder().hidden(6).adam(0.01).batchSize(32).epochs(50).costEvery(3).seed(2).device("cpu")
                .listener(seen::add).build();
        History h = clf.fit(rows(train), train.labels(), rows(dev), dev.labels(), e -> {
            if (e.kind() == TrainingEvent.Kind.EPOCH_END && e.epoch() == 4) e.stop("enough");
        });
        // 160 examples in batches of 32: 5 updates per epoch, so epochs 0..4 are 25 updates
        assertEquals(25, h.updates());
        assertEquals("stopped after epoch 4 (update 25): enough", h.stopReason());
        long ends = seen.stream().filter(e -> e.kind() == TrainingEvent.Kind.EPOCH_END).count();
        assertEquals(5, ends);
        // the records of the stopped run are the first records of the full run (the listener changes nothing else)
        Classifier full = Classifier.builder().hidden(6).adam(0.01).batchSize(32).epochs(50).costEvery(3).seed(2).device("cpu").build();
        History all = full.fit(rows(train), train.labels(), rows(dev), dev.labels());
        assertEquals(all.costs().subList(0, h.costs().size()), h.costs());
        assertEquals(250, all.updates());
    }

    @Test
    void aListenerStopsAtARecordBeforeThatUpdate() {
        Dataset train = MOONS.train();
        Classifier clf = Classifier.builder().hidden(5).iterations(1000).costEvery(50).device("cpu").build();
        History h = clf.fit(rows(train), train.labels(), e -> {
            if (e.kind() == TrainingEvent.Kind.RECORD && e.update() == 300) e.stop("seen enough");
        });
        assertEquals(300, h.updates());
        assertEquals(300, h.costs().get(h.costs().size() - 1).iteration());
        assertTrue(h.stopReason().endsWith("seen enough"), h.stopReason());
    }

    @Test
    void historyHoldsOneEntryPerRecordAndTheListenerSeesTheSameValues() {
        Dataset train = MOONS.train().head(128), dev = MOONS.test().head(50);
        List<TrainingEvent> records = new ArrayList<>();
        Classifier clf = Classifier.builder().hidden(6, 3).momentum(0.05).batchSize(64).epochs(20).costEvery(4).device("cpu")
                .listener(e -> {
                    if (e.kind() == TrainingEvent.Kind.RECORD) records.add(e);
                }).build();
        History h = clf.fit(rows(train), train.labels(), rows(dev), dev.labels());
        // 2 batches per epoch, 40 updates: records at 0, 4, …, 36 and the last update 39
        assertArrayEquals(new long[] {0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 39}, h.iterations());
        assertEquals(h.costs().size(), h.devCosts().size());
        assertEquals(h.costs().size(), h.devAccuracies().size());
        assertEquals(records.size(), h.costs().size());
        for (int k = 0; k < records.size(); k++) {
            assertEquals(h.costs().get(k), records.get(k).cost());
            assertEquals(h.devCosts().get(k), records.get(k).devCost());
            assertEquals(h.devAccuracies().get(k).cost(), records.get(k).devAccuracy(), 0.0);
        }
        for (double a : h.devAccuracyValues()) assertTrue(a >= 0 && a <= 1, "accuracy " + a);
        for (CostPoint p : h.costs()) assertEquals(p.crossEntropy() + p.l2Term(), p.cost(), 0.0);
        assertTrue(h.finalCost() < h.costValues()[0], "the cost falls: " + java.util.Arrays.toString(h.costValues()));
    }

    @Test
    void badSettingsNameTheSetting() {
        SettingException e = assertThrows(SettingException.class, () -> Classifier.builder().keepProb(1.5).build());
        assertEquals("keepProb", e.setting());
        assertEquals("keepProb must be in (0, 1], got 1.5", e.getMessage());
        assertEquals("learningRate", assertThrows(SettingException.class, () -> Classifier.builder().adam(-1).build()).setting());
        assertEquals("l2", assertThrows(SettingException.class, () -> Classifier.builder().l2(Double.NaN).build()).setting());
        assertEquals("beta1", assertThrows(SettingException.class, () -> Classifier.builder().beta1(1).build()).setting());
        assertEquals("hidden", assertThrows(SettingException.class, () -> Classifier.builder().hidden(4, 0).build()).setting());
        Dataset train = MOONS.train().head(20);
        Classifier big = Classifier.builder().batchSize(64).device("cpu").build();
        SettingException batch = assertThrows(SettingException.class, () -> big.fit(rows(train), train.labels()));
        assertEquals("batchSize", batch.setting());
        assertTrue(batch.getMessage().contains("20 training examples"), batch.getMessage());
        Classifier stopping = Classifier.builder().earlyStopping(3).device("cpu").build();
        assertEquals("earlyStopping", assertThrows(SettingException.class, () -> stopping.fit(rows(train), train.labels())).setting());
        // data problems are BadInputException lines that say what to give instead
        assertEquals("train data: rows[1] has 3 values but rows[0] has 2; give every row the same number of features",
                assertThrows(BadInputException.class, () -> Classifier.dataset("train", new double[][] {{0, 1}, {1, 0, 2}},
                        new int[] {0, 1})).getMessage());
        assertEquals("dev data: rows[0][1] is NaN; training needs finite features (fill in or drop missing values first)",
                assertThrows(BadInputException.class, () -> Classifier.dataset("dev", new double[][] {{0, Double.NaN}},
                        new int[] {0})).getMessage());
        assertEquals("train data: labels[0] is -1; labels are classes 0..K−1", assertThrows(BadInputException.class,
                () -> Classifier.dataset("train", new double[][] {{0, 1}}, new int[] {-1})).getMessage());
        // a dev label the training labels do not have is refused, not a wider output layer
        Classifier plain = Classifier.builder().hidden(4).iterations(10).device("cpu").build();
        SettingException devLabel = assertThrows(SettingException.class, () -> plain.fit(new double[][] {{0, 1}, {1, 0}}, new int[] {0, 1},
                new double[][] {{0, 0}, {1, 1}}, new int[] {7, 1}));
        assertEquals("devLabels has label 7 but the training labels are 0..1; give dev labels from the training set's classes",
                devLabel.getMessage());
        Classifier keep = Classifier.builder().hidden(4, 4).keepProb(0.9, 0.9, 0.9, 0.9).device("cpu").build();
        assertEquals("keepProb", assertThrows(SettingException.class, () -> keep.fit(rows(train), train.labels())).setting());
        assertTrue(assertThrows(BadInputException.class,
                () -> Classifier.builder().build().fit(new double[][] {{1, 2}, {3}}, new int[] {0, 1})).getMessage().startsWith("train data: "));
    }

    @Test
    void saveWritesAModelTheCliCanPredictWith() throws IOException {
        Dataset train = MOONS.train();
        Classifier clf = Classifier.builder().hidden(8).iterations(300).costEvery(100).device("cpu").build();
        clf.fit(rows(train), train.labels());
        Path model = dir.resolve("model");
        clf.save(model);
        var loaded = io.densetrain.model.ModelStore.load(model);
        assertArrayEquals(clf.saved().theta(), loaded.theta(), 0.0);
        assertArrayEquals(new int[] {2, 8, 1}, loaded.architecture().sizes());
    }
}
