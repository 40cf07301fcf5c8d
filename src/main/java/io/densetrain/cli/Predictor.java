package io.densetrain.cli;

import io.densetrain.data.Normalization;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Network;
import io.densetrain.run.TrainedModel;

/**
 * Classes of a network still being trained (train's decision-boundary plot): normalize, forward
 * without dropout, pick the class as {@link TrainedModel#classes} does. A saved model predicts
 * through {@link TrainedModel} itself.
 */
final class Predictor {
    private final Network network;
    private final Normalization normalization;

    Predictor(Network network, Normalization normalization) {
        this.network = network;
        this.normalization = normalization;
    }

    /** Predicted classes of the column-major (n_x, m) raw features. */
    int[] classes(double[] features, int m) {
        var device = network.device();
        Matrix x = device.allocate(network.architecture().inputs(), m);
        device.upload(normalization.apply(features), x);
        return TrainedModel.classes(device.download(network.forward(x, false, 0)), network.architecture().outputs(), m);
    }
}
