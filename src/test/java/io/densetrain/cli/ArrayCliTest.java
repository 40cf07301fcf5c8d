package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.densetrain.data.ImageFolderLoaderTest;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX / NPY / NPZ from the CLI, --dev in every format, and the cost split and L2 equivalents in the report. */
class ArrayCliTest {
    static final Path F = Path.of("src/test/resources/arrays");

    @TempDir
    Path dir;

    static String f(String name) {
        return F.resolve(name).toString();
    }

    static void assertOneLine(CliTest.Run r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void theCostSplitInJsonAndInEveryRecord() {
        CliTest.Run r = CliTest.run("train", "--data", "blobs", "--samples", "280", "--split", "0.8,0.2,0", "--batch-size", "64",
                "--epochs", "4", "--optimizer", "adam", "--lr", "0.01", "--l2", "0.5", "--cost-every", "3", "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject j = r.json();
        double ce = j.get("final_cross_entropy").getAsDouble(), l2 = j.get("final_l2_term").getAsDouble();
        assertTrue(ce > 0 && l2 > 0, r.out());
        assertEquals(ce + l2, j.get("final_cost").getAsDouble(), 0);
        for (String key : new String[] {"costs", "dev_costs"}) {
            for (JsonElement e : j.getAsJsonArray(key)) {
                JsonArray rec = e.getAsJsonArray();
                assertEquals(4, rec.size(), rec.toString());
                assertEquals(rec.get(2).getAsDouble() + rec.get(3).getAsDouble(), rec.get(1).getAsDouble(), 0, key + " " + rec);
            }
        }
        JsonArray last = j.getAsJsonArray("dev_costs").get(j.getAsJsonArray("dev_costs").size() - 1).getAsJsonArray();
        assertEquals(last.get(2).getAsDouble(), j.get("final_dev_cross_entropy").getAsDouble(), 0);
        assertEquals(last.get(3).getAsDouble(), j.get("final_dev_l2_term").getAsDouble(), 0);
        // 304 training examples (0.8 of 280 + 100) in batches of 64: m = 64, the last batch 304 − 4·64 = 48
        assertEquals(304, j.get("train_examples").getAsInt());
        JsonObject eq = j.getAsJsonObject("l2_equivalents");
        assertEquals(64, eq.get("m").getAsInt());
        assertEquals(48, eq.get("last_batch_m").getAsInt());
        assertEquals(0.5 / 64, eq.get("pytorch_weight_decay").getAsDouble(), 0);
        assertEquals(0.5 / 128, eq.get("keras_l2").getAsDouble(), 0);
        assertEquals("mini-batch size", eq.get("m_is").getAsString());
        // without L2: the term is 0, J is the cross-entropy, no equivalents
        CliTest.Run plain = CliTest.run("train", "--iterations", "50", "--device", "cpu", "--json");
        assertEquals(0, plain.code(), plain.err());
        assertEquals(0.0, plain.json().get("final_l2_term").getAsDouble(), 0);
        assertEquals(plain.json().get("final_cost").getAsDouble(), plain.json().get("final_cross_entropy").getAsDouble(), 0);
        assertTrue(!plain.json().has("l2_equivalents"), plain.out());
    }

    @Test
    void theTextReportPrintsThePartsAndTheEquivalentsAndThePlotTheParts() throws IOException {
        CliTest.Run r = CliTest.run("train", "--iterations", "200", "--cost-every", "100", "--l2", "0.7", "--split", "0.8,0.2,0",
                "--device", "cpu", "--out", dir.resolve("plots").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*iteration +0  cost [0-9.]+  \\(cross-entropy [0-9.]+ \\+ L2 [0-9.]+\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*final train cost J: [0-9.]+ = cross-entropy [0-9.]+ \\+ L2 term [0-9.]+\n.*"), r.out());
        assertTrue(r.out().contains("final dev cost J: "), r.out());
        // 400 pooled circles examples, 320 for training, full batch: m = 320
        assertTrue(r.out().contains(String.format("l2 equivalents: PyTorch weight_decay = λ/m = %.6g, Keras regularizers.l2 = λ/(2m) = %.6g"
                + " (m = 320, the training set size (full batch)", 0.7 / 320, 0.7 / 640)), r.out());
        assertTrue(Files.size(dir.resolve("plots/cost.png")) > 1000);
        CliTest.Run plain = CliTest.run("train", "--iterations", "200", "--cost-every", "100", "--device", "cpu");
        assertTrue(!plain.out().contains("(cross-entropy") && !plain.out().contains("l2 equivalents"), plain.out());
        assertTrue(plain.out().contains("+ L2 term 0.000000"), plain.out());
    }

    @Test
    void theRegularizationExperimentSplitsItsFinalCost() {
        CliTest.Run g = CliTest.run("experiment", "regularization", "--iterations", "300", "--out", dir.resolve("g").toString(), "--device", "cpu");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("| model | train accuracy | test accuracy | gap | final cost | cross-entropy | L2 term |"), g.out());
        for (String line : g.out().lines().filter(l -> l.startsWith("| none") || l.startsWith("| L2") || l.startsWith("| dropout")).toList()) {
            String[] cells = line.split("\\|");
            double cost = Double.parseDouble(cells[5].trim()), ce = Double.parseDouble(cells[6].trim()), l2 = Double.parseDouble(cells[7].trim());
            assertEquals(cost, ce + l2, 2e-4, line); // four decimals each
            assertEquals(line.startsWith("| L2"), l2 > 0, line);
        }
    }

    @Test
    void resumedRunsKeepThePartsOfTheirRecords() {
        String[] common = {"train", "--batch-size", "32", "--l2", "0.3", "--split", "0.8,0.2,0", "--cost-every", "5", "--device", "cpu", "--json"};
        CliTest.Run first = CliTest.run(concat(common, "--epochs", "2", "--checkpoint-every", "7", "--save",
                dir.resolve("ckpt").toString()));
        assertEquals(0, first.code(), first.err());
        CliTest.Run rest = CliTest.run(concat(common, "--epochs", "4", "--resume", dir.resolve("ckpt").toString()));
        assertEquals(0, rest.code(), rest.err());
        for (JsonElement e : rest.json().getAsJsonArray("costs")) {
            JsonArray rec = e.getAsJsonArray();
            assertTrue(rec.get(3).getAsDouble() > 0, rec.toString());
            assertEquals(rec.get(2).getAsDouble() + rec.get(3).getAsDouble(), rec.get(1).getAsDouble(), 0);
        }
    }

    @Test
    void trainsOnIdxNpyAndNpzWithDevAndTestThenPredictsAndEvaluates() throws IOException {
        Path model = dir.resolve("model");
        CliTest.Run idx = CliTest.run("train", "--train", f("tiny-images-idx3-ubyte"), "--train-labels", f("tiny-labels-idx1-ubyte.gz"),
                "--dev", f("x_u1.npy"), "--dev-labels", f("y_i8.npy"), "--test", f("mnist_like.npz"), "--x-key", "x_test",
                "--y-key", "y_test", "--hidden", "3", "--iterations", "20", "--device", "cpu", "--json", "--save", model.toString());
        assertEquals(0, idx.code(), idx.err());
        JsonObject j = idx.json();
        assertEquals(3, j.get("train_examples").getAsInt());
        assertEquals(3, j.get("dev_examples").getAsInt());
        assertEquals(2, j.get("test_examples").getAsInt());
        assertEquals("[20,3,1]", j.get("layers").toString());
        // the image shape travels with the model, as for HDF5
        JsonObject saved = JsonParser.parseString(Files.readString(io.densetrain.model.ModelDirectory.committedFile(model, "model.json"))).getAsJsonObject();
        assertEquals("[4,5,1]", saved.get("input_shape").toString());
        // npz: x_test / y_test become the test set when --test is not given
        CliTest.Run npz = CliTest.run("train", "--train", f("mnist_like.npz"), "--hidden", "3", "--iterations", "5", "--device", "cpu", "--json");
        assertEquals(0, npz.code(), npz.err());
        assertEquals(2, npz.json().get("test_examples").getAsInt());
        // with --split the archive's x_test / y_test are pooled with x_train before splitting, as a generator's sets are
        CliTest.Run pooled = CliTest.run("train", "--train", f("mnist_like.npz"), "--split", "0.5,0,0.5", "--hidden", "3",
                "--iterations", "5", "--device", "cpu", "--json");
        assertEquals(0, pooled.code(), pooled.err());
        assertEquals(npz.json().get("train_examples").getAsInt() + 2,
                pooled.json().get("train_examples").getAsInt() + pooled.json().get("test_examples").getAsInt());
        CliTest.Run keys = CliTest.run("train", "--train", f("keys.npz"), "--x-key", "images", "--y-key", "targets", "--hidden", "3",
                "--iterations", "5", "--device", "cpu", "--json");
        assertEquals(0, keys.code(), keys.err());
        assertEquals("[20,3,3]", keys.json().get("layers").toString()); // labels 0..2: softmax of 3
        // predict and evaluate read the same formats
        CliTest.Run predicted = CliTest.run("predict", "--model", model.toString(), "--input", f("x_f2.npy"), "--device", "cpu");
        assertEquals(0, predicted.code(), predicted.err());
        assertEquals(4, predicted.out().lines().count(), predicted.out());
        assertTrue(predicted.out().startsWith("row,prediction,probability\n1,"), predicted.out());
        CliTest.Run predictedJson = CliTest.run("predict", "--model", model.toString(), "--input", f("x_f2.npy"), "--device", "cpu",
                "--json");
        assertEquals(0, predictedJson.code(), predictedJson.err());
        var rows = predictedJson.json().getAsJsonArray("predictions");
        assertEquals(3, rows.size());
        String[] csv = predicted.out().lines().skip(1).toArray(String[]::new);
        for (int k = 0; k < 3; k++) { // the same predictions as the CSV, row by row
            var row = rows.get(k).getAsJsonObject();
            assertEquals(csv[k], row.get("row").getAsInt() + "," + row.get("prediction").getAsString() + ","
                    + String.format("%.6f", row.get("probability").getAsDouble()));
        }
        CliTest.Run fromNpz = CliTest.run("predict", "--model", model.toString(), "--input", f("mnist_like.npz"), "--device", "cpu");
        assertEquals(3, fromNpz.out().lines().count(), fromNpz.out() + fromNpz.err()); // x_test: 2 rows
        CliTest.Run evaluated = CliTest.run("evaluate", "--model", model.toString(), "--data", f("tiny-images-idx3-ubyte"),
                "--data-labels", f("tiny-labels-idx1-ubyte.gz"), "--device", "cpu", "--json");
        assertEquals(0, evaluated.code(), evaluated.err());
        assertEquals(3, evaluated.json().get("examples").getAsInt());
        assertEquals(j.get("train_accuracy").getAsDouble(), evaluated.json().get("accuracy").getAsDouble(), 0);
        CliTest.Run evalNpz = CliTest.run("evaluate", "--model", model.toString(), "--data", f("mnist_like.npz"), "--device", "cpu", "--json");
        assertEquals(0, evalNpz.code(), evalNpz.err());
        assertEquals(2, evalNpz.json().get("examples").getAsInt()); // x_test, y_test
        // a model input of another shape
        assertOneLine(CliTest.run("predict", "--model", model.toString(), "--input", f("x_u1_rgb.npy"), "--device", "cpu"),
                "examples of 4x5x3 images (60 features) but the model takes 4x5x1 images (20 features)");
        assertOneLine(CliTest.run("evaluate", "--model", model.toString(), "--data", f("x_u1.npy"), "--device", "cpu"),
                "give their labels with --data-labels FILE");
    }

    @Test
    void badArrayInputIsOneLineAndExit2() throws IOException {
        byte[] images = Files.readAllBytes(F.resolve("tiny-images-idx3-ubyte"));
        Path cut = dir.resolve("cut-images-idx3-ubyte");
        Files.write(cut, java.util.Arrays.copyOf(images, 30));
        assertOneLine(CliTest.run("train", "--train", cut.toString(), "--train-labels", f("tiny-labels-idx1-ubyte.gz"), "--device", "cpu"),
                cut + ": truncated");
        Path magic = dir.resolve("magic-images-idx3-ubyte");
        Files.write(magic, "hello, world".getBytes());
        assertOneLine(CliTest.run("train", "--train", magic.toString(), "--train-labels", f("tiny-labels-idx1-ubyte.gz"), "--device", "cpu"),
                magic + ": not an IDX file");
        assertOneLine(CliTest.run("train", "--train", f("pickled.npy"), "--train-labels", f("y_i8.npy"), "--device", "cpu"),
                "pickled object array");
        assertOneLine(CliTest.run("train", "--train", f("strings.npy"), "--train-labels", f("y_i8.npy"), "--device", "cpu"),
                "unsupported dtype '<U3'");
        assertOneLine(CliTest.run("train", "--train", f("x_u1.npy"), "--device", "cpu"), "give their labels with --train-labels FILE");
        assertOneLine(CliTest.run("train", "--data", "moons", "--train-labels", f("y_i8.npy"), "--device", "cpu"),
                "--train-labels goes with IDX or .npy images given to --train");
        // counts that disagree: 3 images, 2 labels (x_test of the npz has 2 examples)
        assertOneLine(CliTest.run("train", "--train", f("x_u1.npy"), "--train-labels", f("y_i8.npy"), "--dev", f("x_u1.npy"),
                "--dev-labels", f("tiny-labels-idx1-ubyte.gz"), "--test", f("x_u1_rgb.npy"), "--test-labels", f("y_i8.npy"),
                "--device", "cpu"), "examples of 4x5x3 images but");
        // dev: same shape as train, labels within the output
        assertOneLine(CliTest.run("train", "--train", f("x_u1.npy"), "--train-labels", f("y_i8.npy"), "--dev", f("x_u1_rgb.npy"),
                "--dev-labels", f("y_i8.npy"), "--device", "cpu"), f("x_u1_rgb.npy") + ": examples of 4x5x3 images but");
        assertOneLine(CliTest.run("train", "--train", f("x_u1.npy"), "--train-labels", f("y_i8.npy"), "--dev", f("keys.npz"),
                "--device", "cpu"), "examples of 20 features but");
        assertOneLine(CliTest.run("train", "--train", f("x_f4_2d.npy"), "--train-labels", f("y_i8.npy"), "--dev", f("keys.npz"),
                "--device", "cpu"), "label 2 at example 1 but a 1-unit sigmoid output needs labels 0/1");
    }

    @Test
    void devInEveryFormatGetsTheChecksOfTest() throws Exception {
        // CSV
        Path train = dir.resolve("train.csv"), dev = dir.resolve("dev.csv"), other = dir.resolve("other.csv");
        Files.writeString(train, "a,b,y\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n");
        Files.writeString(dev, "a,b,y\n0,0,0\n1,1,1\n");
        Files.writeString(other, "a,c,y\n0,0,0\n1,1,1\n");
        CliTest.Run csv = CliTest.run("train", "--train", train.toString(), "--dev", dev.toString(), "--hidden", "2", "--iterations", "5",
                "--device", "cpu", "--json");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(2, csv.json().get("dev_examples").getAsInt());
        assertOneLine(CliTest.run("train", "--train", train.toString(), "--dev", other.toString(), "--device", "cpu"), "feature columns");
        assertOneLine(CliTest.run("train", "--train", train.toString(), "--dev", f("mnist_like.npz"), "--device", "cpu"),
                "--train is a CSV file, so --dev must be a CSV with the same columns");
        // HDF5 (h5py's own file as train and dev; the course file has pictures of another shape)
        String h5 = "src/test/resources/images/h5py-layout.h5";
        CliTest.Run hdf5 = CliTest.run("train", "--train", h5, "--dev", h5, "--hidden", "2", "--iterations", "5", "--device", "cpu", "--json");
        assertEquals(0, hdf5.code(), hdf5.err());
        assertEquals(3, hdf5.json().get("dev_examples").getAsInt());
        assertOneLine(CliTest.run("train", "--train", h5, "--dev", "src/test/resources/images/course-layout.h5", "--device", "cpu"),
                "examples of 64x64x3 images but " + h5 + " has 4x5x3 images");
        assertOneLine(CliTest.run("train", "--train", h5, "--dev", f("x_u1.npy"), "--device", "cpu"), "--dev must be one too (.h5)");
        // image folders: the same class sub-folders
        Path root = dir.resolve("pics"), devRoot = dir.resolve("devpics"), wrong = dir.resolve("wrongpics");
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(6, 6, 0xffffff), "png", root.resolve("light/1.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(6, 6, 0x000000), "png", root.resolve("dark/1.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(9, 9, 0xeeeeee), "png", devRoot.resolve("light/1.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(9, 9, 0x111111), "png", devRoot.resolve("dark/1.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(9, 9, 0x111111), "png", devRoot.resolve("dark/2.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(6, 6, 0xffffff), "png", wrong.resolve("bright/1.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(6, 6, 0x000000), "png", wrong.resolve("dark/1.png"));
        CliTest.Run folders = CliTest.run("train", "--train", root.toString(), "--dev", devRoot.toString(), "--image-size", "6x6",
                "--channels", "1", "--hidden", "2", "--iterations", "5", "--device", "cpu", "--json");
        assertEquals(0, folders.code(), folders.err());
        assertEquals(3, folders.json().get("dev_examples").getAsInt());
        assertOneLine(CliTest.run("train", "--train", root.toString(), "--dev", wrong.toString(), "--image-size", "6x6", "--device", "cpu"),
                "classes [bright, dark] differ from");
        // arrays (IDX, NPY, NPZ mixed): see trainsOnIdxNpyAndNpzWithDevAndTestThenPredictsAndEvaluates; npz dev by --x-key
        CliTest.Run npzDev = CliTest.run("train", "--train", f("x_f4_2d.npy"), "--train-labels", f("y_i8.npy"), "--dev", f("keys.npz"),
                "--layers", "20,2,3", "--iterations", "5", "--device", "cpu", "--json");
        assertEquals(0, npzDev.code(), npzDev.err());
        assertEquals(3, npzDev.json().get("dev_examples").getAsInt());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An IDX file of unsigned bytes, gzipped. */
    static void writeIdx(Path file, byte[] values, int... dims) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16) {{ def.setLevel(Deflater.BEST_SPEED); }};
             DataOutputStream out = new DataOutputStream(gz)) {
            out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
            for (int d : dims) out.writeInt(d);
            out.write(values);
        }
    }

    /**
     * Digits-sized IDX files (MNIST's 60000 + 10000 gzipped 28×28 unsigned-byte images and their labels):
     * class k is a bright 6×6 patch at one of ten places on a noisy background. One epoch from the IDX files
     * directly must learn it.
     */
    @Test
    void trainsOnADigitsSizedIdxFileDirectly() throws IOException {
        int train = 60000, test = 10000, side = 28;
        Random random = new Random(17);
        for (String[] set : new String[][] {{"train", String.valueOf(train)}, {"t10k", String.valueOf(test)}}) {
            int m = Integer.parseInt(set[1]);
            byte[] x = new byte[m * side * side], y = new byte[m];
            for (int j = 0; j < m; j++) {
                int k = random.nextInt(10);
                y[j] = (byte) k;
                int r0 = 3 + (k / 5) * 13, c0 = 2 + (k % 5) * 5;
                for (int i = 0; i < side * side; i++) x[j * side * side + i] = (byte) random.nextInt(60);
                for (int r = r0; r < r0 + 6; r++)
                    for (int c = c0; c < c0 + 5; c++) x[j * side * side + r * side + c] = (byte) (180 + random.nextInt(76));
            }
            writeIdx(dir.resolve(set[0] + "-images-idx3-ubyte.gz"), x, m, side, side);
            writeIdx(dir.resolve(set[0] + "-labels-idx1-ubyte.gz"), y, m);
        }
        CliTest.Run r = CliTest.run("train", "--train", dir.resolve("train-images-idx3-ubyte.gz").toString(),
                "--train-labels", dir.resolve("train-labels-idx1-ubyte.gz").toString(),
                "--test", dir.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--test-labels", dir.resolve("t10k-labels-idx1-ubyte.gz").toString(),
                "--hidden", "32", "--batch-size", "512", "--epochs", "1", "--optimizer", "adam", "--lr", "0.003",
                "--l2", "1", "--device", "cpu", "--json", "--save", dir.resolve("digits").toString());
        assertEquals(0, r.code(), r.err());
        JsonObject j = r.json();
        assertEquals(train, j.get("train_examples").getAsInt());
        assertEquals(test, j.get("test_examples").getAsInt());
        assertEquals("[784,32,10]", j.get("layers").toString());
        assertTrue(j.get("test_accuracy").getAsDouble() > 0.95, r.out());
        assertEquals(512, j.getAsJsonObject("l2_equivalents").get("m").getAsInt());
        assertEquals(train % 512, j.getAsJsonObject("l2_equivalents").get("last_batch_m").getAsInt());
        JsonObject saved = JsonParser.parseString(Files.readString(io.densetrain.model.ModelDirectory.committedFile(dir.resolve("digits"), "model.json"))).getAsJsonObject();
        assertEquals("[28,28,1]", saved.get("input_shape").toString());
    }
}
