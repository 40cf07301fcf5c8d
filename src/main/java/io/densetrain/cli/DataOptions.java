package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.CsvLoader;
import io.densetrain.data.Dataset;
import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the examples come from: a built-in generator ({@code --data}) or CSV files. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "NAME",
            description = "Built-in dataset (this command's default: ${DEFAULT-VALUE}): circles, moons, blobs, spirals, xor, flower,"
                    + " gaussian-quantiles or shapes (images). Ignored when --train is given.")
    String data = "circles";

    @Option(names = "--samples", paramLabel = "M", description = "Training examples to generate (circles 300, moons 211, blobs 300, shapes 300).")
    Integer samples;

    @Option(names = "--test-samples", paramLabel = "M", description = "Test examples to generate (circles 100, moons 200, blobs 100, shapes 1000).")
    Integer testSamples;

    @Option(names = "--noise", paramLabel = "SD", description = "Generator noise: standard deviation of the jitter (circles 0.05, moons 0.2, blobs 1.0, spirals 0.2,"
                    + " xor 0.1, flower 0.2, shapes 0.1 per pixel).")
    Double noise;

    @Option(names = "--classes", paramLabel = "K", description = "Classes for blobs, spirals and gaussian-quantiles (default 2) and shapes (default 3).")
    Integer classes;

    @Option(names = "--features", paramLabel = "N", description = "Features for blobs (default 2).")
    int features = 2;

    @Option(names = "--data-seed", paramLabel = "S", description = "Seed of the generator (default 1).")
    long dataSeed = 1;

    @Option(names = "--train", paramLabel = "FILE.csv", description = "Training CSV (header row, numeric feature columns, an integer label column), HDF5 file (.h5),"
            + " image folder, IDX images (with --train-labels), .npy images (with --train-labels) or .npz (x_train, y_train).")
    Path train;

    @Option(names = "--test", paramLabel = "FILE.csv", description = "Test CSV with the same columns (or HDF5 file / image folder / IDX / .npy / .npz like --train;"
            + " an .npz --train gives its x_test, y_test when --test is not given).")
    Path test;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Name of the label column (default: the last column, or the first when it is named label, target, class or y).")
    String label;

    @Mixin
    ImageOptions images = new ImageOptions();

    @Mixin
    ArrayOptions arrays = new ArrayOptions();

    /** Train and test sets (test may be empty). */
    TrainTest load() {
        arrays.checkUnused(train);
        if (train != null && io.densetrain.data.ArrayFiles.handles(train)) {
            images.loaded = arrays.load(train, test, images.xKey, images.yKey);
            return images.loaded.split();
        }
        if (train != null && ImageOptions.handles(train)) {
            return images.loadFiles(train, test).split();
        }
        if (train == null && data.trim().equalsIgnoreCase("shapes")) {
            return images.loadShapes(samples, testSamples, noise, classes, dataSeed).split();
        }
        if (train != null) {
            Dataset tr = CsvLoader.load(train, label);
            Dataset te = test == null ? tr.head(0) : CsvLoader.load(test, label, tr.classNames());
            if (test != null && !te.featureNames().equals(tr.featureNames())) {
                throw new BadInputException(test + ": feature columns " + te.featureNames() + " differ from " + train + "'s "
                        + tr.featureNames());
            }
            return new TrainTest(tr, te);
        }
        if (test != null) {
            throw new BadInputException("--test needs --train as well");
        }
        String kind = data.trim().toLowerCase(java.util.Locale.ROOT);
        int m = samples != null ? samples : kind.equals("moons") ? 211 : 300;
        int mTest = testSamples != null ? testSamples : kind.equals("moons") ? 200 : 100;
        double sd = noise != null ? noise : switch (kind) {
            case "moons" -> 0.2;
            case "blobs" -> 1.0;
            default -> io.densetrain.data.Generators2D.KINDS.contains(kind) ? io.densetrain.data.Generators2D.defaultNoise(kind) : 0.05;
        };
        return Synthetic2D.generate(new Synthetic2D.Spec(kind, m, mTest, sd, classes != null ? classes : 2, features, dataSeed));
    }

    /** A short description for reports: "circles (300 train, 100 test)". */
    static String describe(TrainTest split) {
        return split.train().name() + " (" + split.train().size() + " train, " + split.test().size() + " test, "
                + split.train().featureCount() + " features)";
    }
}
