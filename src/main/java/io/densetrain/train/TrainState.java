package io.densetrain.train;

import java.util.List;

/**
 * Everything a run needs to continue exactly where it was: updates done (the global counter, which
 * also fixes the epoch, the batch within it, the dropout step and Adam's t), θ, the optimizer's
 * buffers, the early-stopping bookkeeping (best metric, its update, evaluations without improvement,
 * best θ or null) and the records so far.
 */
public record TrainState(long updates, double[] theta, List<double[]> optimizerState, double bestMetric,
                         long bestIteration, int stale, double[] bestTheta, List<CostPoint> costs,
                         List<CostPoint> devCosts, List<CostPoint> devAccuracies) {

    /** Where a checkpoint goes; the CLI writes it as a model directory. */
    public interface Sink {
        void save(TrainState state);
    }
}
