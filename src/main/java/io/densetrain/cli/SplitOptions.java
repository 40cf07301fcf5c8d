package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.Dataset;
import io.densetrain.data.Normalization;
import io.densetrain.data.Splits;
import io.densetrain.data.Splitter;
import io.densetrain.data.TrainTest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Train/dev/test discipline on top of {@link DataOptions}: a dev file or a seeded ratio split, and input normalization. */
final class SplitOptions {
    @Option(names = "--dev", paramLabel = "FILE", description = "Dev set in --train's format: CSV with the same columns, HDF5, image folder,"
            + " IDX / .npy (with --dev-labels) or .npz (needs --train).")
    Path dev;

    @Option(names = "--split", paramLabel = "TRAIN,DEV,TEST",
            description = "Split the data by ratios, seeded, e.g. 0.98,0.01,0.01 (a generator's train and test sets, or an .npz's"
                    + " x_train and x_test, are pooled first).")
    String split;

    @Option(names = "--stratify", description = "With --split: split each class separately, keeping label proportions.")
    boolean stratify;

    @Option(names = "--split-seed", paramLabel = "S", description = "Seed of the --split shuffle (default 1).")
    long splitSeed = 1;

    @Option(names = "--no-normalize", negatable = false,
            description = "Do not normalize inputs. By default x' = (x − μ)/σ with μ, σ of the training set only, applied"
                    + " unchanged to dev, test and prediction, and saved with the model.")
    boolean noNormalize;

    /** The raw (unnormalized) train, dev and test sets. */
    Splits load(DataOptions data) {
        if (split != null && (dev != null || data.test != null)) {
            throw new BadInputException("give --split or explicit --dev/--test files, not both");
        }
        if (dev != null && data.train == null) {
            throw new BadInputException("--dev needs --train as well");
        }
        TrainTest base = data.load();
        if (split != null) {
            double[] ratios = Splitter.parseRatios(split);
            // a generator's train and test sets, or an .npz's x_train and x_test, are pooled and then split
            Dataset all = base.test().size() == 0 ? base.train()
                    : Splitter.concat(base.train(), base.test(), data.train != null ? base.train().name()
                            : base.train().name().replace(" train", ""));
            return Splitter.split(all, ratios, splitSeed, stratify);
        }
        Dataset devSet = dev == null ? base.train().head(0) : data.arrays.dev(data, base.train(), dev);
        if (dev == null && data.arrays.devLabels != null) throw new BadInputException("--dev-labels needs --dev IMAGES as well");
        return new Splits(base.train(), devSet, base.test());
    }

    /** μ, σ of the training set, or the identity with --no-normalize. */
    Normalization normalization(Dataset train) {
        return noNormalize ? Normalization.identity(train.featureCount()) : Normalization.fit(train);
    }
}
