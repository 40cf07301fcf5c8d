package io.densetrain.train;

import java.util.List;

/**
 * A {@link MiniBatchTrainer} run: the base result (train costs, updates, seconds, stop reason,
 * divergence, notes), dev cost and accuracy at each record (empty without a dev set), per-layer norms,
 * the update whose weights early stopping kept (−1 when it did not act) and the norm warning or null.
 */
public record MiniBatchResult(TrainResult base, List<CostPoint> devCosts, List<CostPoint> devAccuracies,
                              List<LayerNorms> norms, long restoredIteration, String normWarning) {
}
