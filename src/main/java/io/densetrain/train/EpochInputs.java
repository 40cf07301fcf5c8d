package io.densetrain.train;

/**
 * Fresh training inputs for every epoch (every iteration in full-batch mode): the seam through which
 * data augmentation reaches the trainer. Only training inputs pass through it, never dev, test or
 * prediction inputs.
 */
public interface EpochInputs {
    /**
     * The training features for epoch {@code epoch}, column-major {@code (n_x, m)} in the original
     * example order, or null to keep the unaugmented features.
     */
    double[] featuresFor(long epoch);
}
