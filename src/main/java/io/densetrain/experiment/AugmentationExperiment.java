package io.densetrain.experiment;

import io.densetrain.augment.AugmentSpec;
import io.densetrain.augment.AugmentedEpochs;
import io.densetrain.augment.Augmenter;
import io.densetrain.data.ImageShape;
import io.densetrain.device.Matrix;
import io.densetrain.model.AtomicFiles;
import io.densetrain.plot.Plots;
import io.densetrain.train.CostPoint;
import io.densetrain.run.Workspace;
import io.densetrain.train.Diagnosis;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.MiniBatchTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The augmentation experiment's figures: the same network trained on the same small set of pictures
 * without and with augmentation, one {@link Row} per run; a markdown table of train and test
 * accuracy, the train − test gap and a diagnosis, and both cost curves in one chart.
 */
public final class AugmentationExperiment {
    /** The transforms compared against no augmentation unless the user names others. */
    public static final String DEFAULT_AUGMENT = "flip,vflip,shift=2,rotate=20,pad=reflect";

    private AugmentationExperiment() {
    }

    /** One run's figures. */
    public record Row(String name, double trainAccuracy, double testAccuracy, TrainResult result) {
        public double gap() {
            return trainAccuracy - testAccuracy;
        }
    }

    /**
     * Trains {@code w}'s network with {@code config} (full batch), the training pictures augmented afresh every
     * iteration by {@code spec} (none: the pictures as they are), then measures train accuracy on the original
     * pictures and test accuracy. Augmented pictures go into a matrix of their own, so X_train and X_test keep the
     * originals: only the training updates see augmented data.
     */
    public static Row run(String name, Workspace w, TrainConfig config, AugmentSpec spec, ImageShape shape, long seed) {
        TrainResult result;
        if (spec.isEmpty()) {
            result = MiniBatchTrainer.fullBatch(w.network, w.xTrain, w.yTrain, config);
        } else {
            Matrix augmented = w.device.allocate(w.xTrain.rows(), w.xTrain.cols());
            try (AugmentedEpochs epochs = new AugmentedEpochs(new Augmenter(spec, shape, w.split.train().features(), seed))) {
                result = MiniBatchTrainer.fullBatch(w.network, augmented, w.yTrain, config, epochs);
            }
        }
        return new Row(name, MiniBatchTrainer.accuracy(w.network, w.xTrain, w.yTrain), MiniBatchTrainer.accuracy(w.network, w.xTest, w.yTest), result);
    }

    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder("| run | train accuracy | test accuracy | gap (train − test) | final cost | diagnosis |"
                + " first next step |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Diagnosis d = diagnosis(r.trainAccuracy(), r.testAccuracy());
            b.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %s | %s |%n", r.name(), r.trainAccuracy(), r.testAccuracy(),
                    r.gap(), r.result().finalCost(), d.verdict(), d.nextSteps().get(0)));
        }
        b.append(String.format(Locale.ROOT, "%nDiagnosis: the course's basic recipe (train/Diagnosis) with the test set as the dev set and"
                + " Bayes error 0; high above %.0f%% avoidable bias or variance.%n", 100 * Diagnosis.DEFAULT_THRESHOLD));
        return b.toString();
    }

    /**
     * The project's bias/variance diagnosis of one run: train error 1 − train accuracy, the test set in
     * the dev set's place (the experiment has no dev set), Bayes error 0 (a human gets these pictures right).
     */
    public static Diagnosis diagnosis(double trainAccuracy, double testAccuracy) {
        return Diagnosis.of(1 - trainAccuracy, 1 - testAccuracy, 0);
    }

    /** Writes {@code costs.png} (both cost curves, through {@link Plots}) and {@code results.md} into {@code out}. */
    public static void write(Path out, String dataDescription, List<Row> rows) {
        Map<String, List<CostPoint>> curves = new LinkedHashMap<>();
        for (Row r : rows) curves.put(r.name(), r.result().costs());
        Plots.costCurves(out.resolve("costs.png"), "Training cost with and without augmentation", curves, false);
        AtomicFiles.writeText(out.resolve("results.md"), "# Augmentation experiment\n\n" + "data: " + dataDescription + "\n\n"
                + table(rows) + "\n![cost curves](costs.png)\n");
    }
}
