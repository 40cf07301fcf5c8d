package io.densetrain.train;

import io.densetrain.device.Matrix;
import io.densetrain.nn.Network;

/**
 * Batch gradient descent: each iteration is a training forward pass (dropout masks for that step), a
 * backward pass and θ −= α·dθ over the one flat θ. The cost is read back every k iterations only, so
 * on a GPU nothing else crosses the bus. A cost that turns NaN or infinite after iteration 0 stops the
 * run with the iteration and the likely cause; an infinite or enormous cost at iteration 0 is what a
 * large random initialization produces and is reported, not fatal.
 */
public final class Trainer {
    /** Called with each recorded cost (for progress output); may be null. */
    public interface Listener {
        void onCost(CostPoint point);
    }

    private Trainer() {
    }

    public static TrainResult train(Network network, Matrix x, Matrix y, TrainConfig config, Listener listener) {
        return train(network, x, y, config, listener, null);
    }

    /**
     * As above; with {@code inputs}, X is replaced by {@code inputs.featuresFor(it)} before iteration
     * {@code it}. The loop itself is {@link MiniBatchTrainer}'s full-batch mode (a plan of batch size 0).
     */
    public static TrainResult train(Network network, Matrix x, Matrix y, TrainConfig config, Listener listener,
                                    EpochInputs inputs) {
        return MiniBatchTrainer.train(network, x, y, null, null, TrainPlan.fullBatch(config),
                new MiniBatchTrainer.Hooks(listener == null ? null : e -> {
                    if (e.kind() == TrainingEvent.Kind.RECORD) listener.onCost(e.cost());
                }, null, inputs, null, null)).base();
    }

    /** Fraction of examples classified correctly, in prediction mode (no dropout). */
    public static double accuracy(Network network, Matrix x, Matrix y) {
        if (x.cols() == 0) {
            return Double.NaN;
        }
        network.forward(x, false, 0);
        return (double) network.countCorrect(y) / x.cols();
    }
}
