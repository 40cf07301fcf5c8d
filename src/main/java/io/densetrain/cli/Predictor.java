package io.densetrain.cli;

import io.densetrain.data.Normalization;
import io.densetrain.device.Activation;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Network;

/** Predictions of a trained network for raw (unnormalized) inputs: normalize, forward without dropout, read A[L]. */
final class Predictor {
    private final Network network;
    private final Normalization normalization;

    Predictor(Network network, Normalization normalization) {
        this.network = network;
        this.normalization = normalization;
    }

    /** A[L] for the column-major (n_x, m) raw features: (1, m) probabilities of class 1, or (K, m) softmax. */
    double[] probabilities(double[] features, int m) {
        var device = network.device();
        Matrix x = device.allocate(network.architecture().inputs(), m);
        device.upload(normalization.apply(features), x);
        return device.download(network.forward(x, false, 0));
    }

    /** Predicted classes: a > 0.5 for sigmoid, argmax for softmax. */
    int[] classes(double[] features, int m) {
        return classesOf(probabilities(features, m), network.architecture().outputs(), m);
    }

    static int[] classesOf(double[] a, int outputs, int m) {
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            if (outputs == 1) {
                out[j] = a[j] > 0.5 ? 1 : 0;
            } else {
                int best = 0;
                for (int k = 1; k < outputs; k++) if (a[k + j * outputs] > a[best + j * outputs]) best = k;
                out[j] = best;
            }
        }
        return out;
    }

    boolean sigmoid() {
        return network.architecture().output() == Activation.SIGMOID;
    }
}
