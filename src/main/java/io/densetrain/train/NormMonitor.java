package io.densetrain.train;

import io.densetrain.nn.Network;
import java.util.List;
import java.util.Optional;

/**
 * Records {@link LayerNorms} from the network's last training forward and backward pass, and warns
 * when the back-propagated gradients (‖dZ[l]‖) or the activations change by more than {@link #ORDERS} orders of magnitude between the
 * first and the last layer: the vanishing/exploding-gradient symptom of deep networks.
 */
public final class NormMonitor {
    public static final double ORDERS = 2;

    private NormMonitor() {
    }

    public static LayerNorms measure(Network network, long iteration) {
        int depth = network.architecture().depth();
        double[] activation = new double[depth + 1], gradient = new double[depth + 1], backprop = new double[depth + 1];
        for (int l = 1; l <= depth; l++) {
            var a = network.activation(l);
            activation[l] = Math.sqrt(network.device().sumOfSquares(a) / Math.max(1, a.cols()));
            gradient[l] = Math.sqrt(network.device().sumOfSquares(network.weightGradient(l)));
            double input = Math.sqrt(network.device().sumOfSquares(network.activation(l - 1)));
            backprop[l] = input > 0 ? gradient[l] / input : 0;
        }
        return new LayerNorms(iteration, activation, gradient, backprop);
    }

    /** A warning from the first record (where initialization shows), or empty. */
    public static Optional<String> warning(List<LayerNorms> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        LayerNorms n = records.get(0);
        return check(n.activation(), n.backprop());
    }

    /**
     * The verdict for one set of norms: {@code backprop[1]/backprop[L]} (‖dZ‖ at the input end over the
     * output end) and {@code activation[L−1]/activation[1]} (last hidden layer over the first), in
     * orders of magnitude.
     */
    public static Optional<String> check(double[] activation, double[] backprop) {
        int depth = backprop.length - 1;
        if (depth < 2) {
            return Optional.empty();
        }
        double gradientOrders = finiteOrZero(Math.log10(backprop[1] / backprop[depth]));
        double activationOrders = depth > 2 ? finiteOrZero(Math.log10(activation[depth - 1] / activation[1])) : 0;
        if (gradientOrders > ORDERS || activationOrders > ORDERS) {
            return Optional.of(String.format("exploding gradients: ‖dZ1‖ ≈ %.3g vs ‖dZ%d‖ ≈ %.3g, hidden activations change"
                            + " %.1f orders of magnitude with depth; use He initialization (relu) or Xavier (tanh), or a shallower network",
                    backprop[1], depth, backprop[depth], activationOrders));
        }
        if (gradientOrders < -ORDERS || activationOrders < -ORDERS) {
            return Optional.of(String.format("vanishing gradients: ‖dZ1‖ ≈ %.3g vs ‖dZ%d‖ ≈ %.3g, hidden activations change"
                            + " %.1f orders of magnitude with depth; use He initialization (relu) or Xavier (tanh), or a shallower network",
                    backprop[1], depth, backprop[depth], activationOrders));
        }
        return Optional.empty();
    }

    /** log10 of a ratio, with 0/0, x/0 and 0/x (no signal to compare) read as 0. */
    private static double finiteOrZero(double orders) {
        return Double.isFinite(orders) ? orders : 0;
    }
}
