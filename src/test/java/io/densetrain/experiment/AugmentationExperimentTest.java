package io.densetrain.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.densetrain.augment.AugmentSpec;
import io.densetrain.data.ImageSplit;
import io.densetrain.data.Shapes;
import io.densetrain.data.Splits;
import io.densetrain.device.Activation;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Regularization;
import io.densetrain.run.Workspace;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.MiniBatchTrainer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code experiment augmentation}'s one run from the library: plain training when none, originals kept when augmented. */
class AugmentationExperimentTest {
    private static final ImageSplit PICTURES = Shapes.generate(new Shapes.Spec(24, 12, 8, 8, 1, 3, 0.1, 5));
    private static final TrainConfig CONFIG = new TrainConfig(0.05, 60, 20);

    private static <T> T inWorkspace(Function<Workspace, T> body) {
        Architecture arch = new Architecture(new int[] {64, 8, 3}, Activation.RELU);
        try (Workspace w = new Workspace(Splits.of(PICTURES.split()), arch, Regularization.none(arch.depth()), Initialization.HE, 1, 1,
                "cpu", 1, false, null, null, Long.MAX_VALUE)) {
            return body.apply(w);
        }
    }

    @Test
    void withoutAugmentationItIsPlainFullBatchTraining() {
        AugmentationExperiment.Row row = inWorkspace(w -> AugmentationExperiment.run("none", w, CONFIG, AugmentSpec.parse("none"),
                PICTURES.shape(), 1));
        double[] expected = inWorkspace(w -> {
            TrainResult r = MiniBatchTrainer.fullBatch(w.network, w.xTrain, w.yTrain, CONFIG);
            return new double[] {r.finalCost(), MiniBatchTrainer.accuracy(w.network, w.xTrain, w.yTrain), MiniBatchTrainer.accuracy(w.network, w.xTest, w.yTest)};
        });
        assertArrayEquals(expected, new double[] {row.result().finalCost(), row.trainAccuracy(), row.testAccuracy()}, 0);
        assertEquals(expected[1] - expected[2], row.gap(), 0);
    }

    @Test
    void augmentedTrainingMeasuresTrainAccuracyOnTheOriginalPictures() {
        double[][] seen = inWorkspace(w -> {
            AugmentationExperiment.Row row = AugmentationExperiment.run("flip", w, CONFIG, AugmentSpec.parse("flip,vflip,shift=1"),
                    PICTURES.shape(), 3);
            return new double[][] {w.device.download(w.xTrain), {row.trainAccuracy(), MiniBatchTrainer.accuracy(w.network, w.xTrain, w.yTrain),
                    row.result().finalCost()}};
        });
        assertArrayEquals(PICTURES.train().features(), seen[0], 0, "X_train keeps the original pictures");
        assertEquals(seen[1][1], seen[1][0], 0);
        double plain = inWorkspace(w -> AugmentationExperiment.run("none", w, CONFIG, AugmentSpec.parse("none"), PICTURES.shape(), 3))
                .result().finalCost();
        assertNotEquals(plain, seen[1][2], "the augmented run trained on other pictures");
    }
}
