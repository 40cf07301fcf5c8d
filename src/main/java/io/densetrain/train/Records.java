package io.densetrain.train;

import io.densetrain.nn.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one {@link MiniBatchTrainer} run (train J, dev J and dev accuracy, each with its update t; layer
 * norms), continued from a resumed state, and the {@link TrainingEvent}s built from their latest values.
 */
final class Records {
    final List<CostPoint> costs = new ArrayList<>(), devCosts = new ArrayList<>(), devAccuracies = new ArrayList<>();
    final List<LayerNorms> norms = new ArrayList<>();
    private final boolean hasDev;

    Records(TrainState resume, boolean hasDev) {
        this.hasDev = hasDev;
        if (resume != null) {
            costs.addAll(resume.costs());
            devCosts.addAll(resume.devCosts());
            devAccuracies.addAll(resume.devAccuracies());
        }
    }

    /** The dev cost J = CE + L2 and accuracy of the weights about to be used at update t. */
    void dev(long t, Network.Cost parts, double accuracy) {
        devCosts.add(CostPoint.of(t, parts.crossEntropy(), parts.l2Term()));
        devAccuracies.add(new CostPoint(t, accuracy));
    }

    /** The training cost J = CE + L2 of update t's batch. */
    void train(long t, Network.Cost parts) {
        costs.add(CostPoint.of(t, parts.crossEntropy(), parts.l2Term()));
    }

    /** An event carrying the latest train record and (with a dev set) the latest dev record. */
    TrainingEvent event(TrainingEvent.Kind kind, long t, long epoch, double lr, boolean diverged) {
        return new TrainingEvent(kind, t, epoch, last(costs), hasDev ? last(devCosts) : null,
                hasDev && !devAccuracies.isEmpty() ? last(devAccuracies).cost() : Double.NaN, lr, diverged);
    }

    MiniBatchResult result(long updates, double seconds, String stop, boolean diverged, List<String> notes, long restored) {
        TrainResult base = new TrainResult(List.copyOf(costs), updates, seconds, stop, diverged, List.copyOf(notes));
        return new MiniBatchResult(base, List.copyOf(devCosts), List.copyOf(devAccuracies), List.copyOf(norms), restored,
                NormMonitor.warning(norms).orElse(null));
    }

    private static CostPoint last(List<CostPoint> points) {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }
}
