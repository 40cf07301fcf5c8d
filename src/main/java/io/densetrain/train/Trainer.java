package io.densetrain.train;

import io.densetrain.device.Matrix;
import io.densetrain.nn.Network;
import java.util.ArrayList;
import java.util.List;

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

    /** As above; with {@code inputs}, X is replaced by {@code inputs.featuresFor(it)} before iteration {@code it}. */
    public static TrainResult train(Network network, Matrix x, Matrix y, TrainConfig config, Listener listener,
                                    EpochInputs inputs) {
        List<CostPoint> costs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String stop = "completed " + config.iterations() + " iterations";
        boolean diverged = false;
        long done = 0;
        long start = System.nanoTime();
        for (long it = 0; it < config.iterations(); it++) {
            double[] fresh = inputs == null ? null : inputs.featuresFor(it);
            if (fresh != null) {
                network.device().upload(fresh, x);
            }
            network.forward(x, true, it);
            if (it % config.costEvery() == 0 || it == config.iterations() - 1) {
                double cost = network.cost(y);
                CostPoint point = new CostPoint(it, cost);
                costs.add(point);
                if (listener != null) listener.onCost(point);
                if (!Double.isFinite(cost)) {
                    if (it == 0 && Double.isInfinite(cost)) {
                        notes.add("cost is infinite at iteration 0: the initial weights are so large that the output saturates"
                                + " (expected with --init random); training continues");
                    } else {
                        diverged = true;
                        stop = "diverged at iteration " + it + ": cost is " + cost + "; likely cause: learning rate " + config.learningRate()
                                + " too large (try a tenth of it) or initial weights too large (use --init he or xavier)";
                        break;
                    }
                } else if (it == 0 && cost > 10) {
                    notes.add(String.format("cost at iteration 0 is %.4g, far above ln 2 ≈ 0.693: the initial weights are large enough to saturate the output", cost));
                }
            }
            network.backward(y);
            network.device().sgdUpdate(network.theta(), network.gradient(), config.learningRate());
            done = it + 1;
        }
        network.device().synchronize();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainResult(List.copyOf(costs), done, seconds, stop, diverged, List.copyOf(notes));
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
