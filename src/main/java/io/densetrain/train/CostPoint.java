package io.densetrain.train;

/** The regularized cost J after {@code iteration} updates. */
public record CostPoint(long iteration, double cost) {
}
