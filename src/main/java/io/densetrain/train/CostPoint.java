package io.densetrain.train;

/**
 * The regularized cost J after {@code iteration} updates, with its two parts:
 * J = crossEntropy + l2Term, where crossEntropy = (1/m)·Σ L(ŷ, y) and l2Term = (λ/2m)·Σ_l ‖W[l]‖²_F
 * (0 without L2). The parts are NaN when unknown (a value that is not a cost, such as a dev accuracy,
 * or a record read from an older checkpoint).
 */
public record CostPoint(long iteration, double cost, double crossEntropy, double l2Term) {

    /** A value without a split (accuracies, norms, older records). */
    public CostPoint(long iteration, double cost) {
        this(iteration, cost, Double.NaN, Double.NaN);
    }

    /** J from its parts; {@code cost} is their sum, computed in this order. */
    public static CostPoint of(long iteration, double crossEntropy, double l2Term) {
        return new CostPoint(iteration, crossEntropy + l2Term, crossEntropy, l2Term);
    }
}
