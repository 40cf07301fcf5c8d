package io.densetrain.train;

/**
 * Per-layer norms after update {@code iteration}'s backward pass, index l = 1..L (index 0 unused):
 * {@code activation[l] = ‖A[l]‖_F/√m} (the root-mean-square length of an example's activation vector),
 * {@code gradient[l] = ‖dW[l]‖_F} and {@code backprop[l] = ‖dW[l]‖_F / ‖A[l−1]‖_F}, the size of
 * the back-propagated dZ[l] (dW[l] = dZ[l]·A[l−1]ᵀ), which shrinks or grows with depth when gradients
 * vanish or explode (in a deep linear or ReLU network ‖dW[l]‖ itself can stay level while both of its
 * factors blow up).
 */
public record LayerNorms(long iteration, double[] activation, double[] gradient, double[] backprop) {
}
