package io.densetrain.train;

import io.densetrain.nn.Network;
import java.util.List;
import java.util.Optional;

/**
 * Records {@link LayerNorms} from the network's last training forward and backward pass, and warns
 * when gradients or activations change by more than {@link #ORDERS} orders of magnitude between the
 * first and the last layer: the vanishing/exploding-gradient symptom of deep networks.
 */
public final class NormMonitor {
    public static final double ORDERS = 3;

    private NormMonitor() {
    }

    public static LayerNorms measure(Network network, long iteration) {
        int depth = network.architecture().depth();
        double[] activation = new double[depth + 1], gradient = new double[depth + 1];
        for (int l = 1; l <= depth; l++) {
            var a = network.activation(l);
            activation[l] = Math.sqrt(network.device().sumOfSquares(a) / Math.max(1, a.cols()));
            gradient[l] = Math.sqrt(network.device().sumOfSquares(network.weightGradient(l)));
        }
        return new LayerNorms(iteration, activation, gradient);
    }

    /** A warning from the first record (where initialization shows), or empty. */
    public static Optional<String> warning(List<LayerNorms> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        LayerNorms n = records.get(0);
        int depth = n.gradient().length - 1;
        if (depth < 2) {
            return Optional.empty();
        }
        double gradientOrders = finiteOrZero(Math.log10(n.gradient()[1] / n.gradient()[depth]));
        double activationOrders = depth > 2 ? finiteOrZero(Math.log10(n.activation()[depth - 1] / n.activation()[1])) : 0;
        if (gradientOrders > ORDERS || activationOrders > ORDERS) {
            return Optional.of(String.format("exploding gradients: ‖dW1‖ = %.3g vs ‖dW%d‖ = %.3g, hidden activations grow"
                            + " %.1f orders of magnitude with depth; use --init he (relu) or xavier (tanh), or a shallower network",
                    n.gradient()[1], depth, n.gradient()[depth], activationOrders));
        }
        if (gradientOrders < -ORDERS || activationOrders < -ORDERS) {
            return Optional.of(String.format("vanishing gradients: ‖dW1‖ = %.3g vs ‖dW%d‖ = %.3g, hidden activations change"
                            + " %.1f orders of magnitude with depth; use --init he (relu) or xavier (tanh), or a shallower network",
                    n.gradient()[1], depth, n.gradient()[depth], activationOrders));
        }
        return Optional.empty();
    }

    /** log10 of a ratio, with 0/0, x/0 and 0/x (no signal to compare) read as 0. */
    private static double finiteOrZero(double orders) {
        return Double.isFinite(orders) ? orders : 0;
    }
}
