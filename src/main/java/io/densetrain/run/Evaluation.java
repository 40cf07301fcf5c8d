package io.densetrain.run;

/**
 * A model measured on labelled examples: the cross-entropy cost {@code J = (1/m)·Σ L(ŷ, y)} (no L2
 * term: that belongs to training, not to the model), the fraction of examples classified correctly,
 * and m.
 */
public record Evaluation(double cost, double accuracy, int examples) {
}
