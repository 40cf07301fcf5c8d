package io.densetrain.train;

/**
 * Per-layer norms after update {@code iteration}'s backward pass, index l = 1..L (index 0 unused):
 * {@code activation[l] = ‖A[l]‖_F/√m} (the root-mean-square activation vector length per example) and
 * {@code gradient[l] = ‖dW[l]‖_F}.
 */
public record LayerNorms(long iteration, double[] activation, double[] gradient) {
}
