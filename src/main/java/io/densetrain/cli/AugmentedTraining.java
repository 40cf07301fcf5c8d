package io.densetrain.cli;

import io.densetrain.augment.AugmentSpec;
import io.densetrain.augment.AugmentedEpochs;
import io.densetrain.augment.Augmenter;
import io.densetrain.data.ImageShape;
import io.densetrain.device.Matrix;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.Trainer;

/**
 * Training with or without augmentation. Augmented pictures go into a matrix of their own, so the
 * run's X_train (used afterwards for the train accuracy) and X_test keep the original pictures: only
 * the training updates ever see augmented data.
 */
final class AugmentedTraining {
    private AugmentedTraining() {
    }

    static TrainResult train(RunContext run, TrainConfig config, Trainer.Listener listener, AugmentSpec spec, ImageShape shape, long seed) {
        if (spec.isEmpty()) {
            return Trainer.train(run.network, run.xTrain, run.yTrain, config, listener);
        }
        Matrix augmented = run.device.allocate(run.xTrain.rows(), run.xTrain.cols());
        try (AugmentedEpochs epochs = new AugmentedEpochs(new Augmenter(spec, shape, run.train().features(), seed))) {
            return Trainer.train(run.network, augmented, run.yTrain, config, listener, epochs);
        }
    }
}
