package io.densetrain.train;

import io.densetrain.nn.Network;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checkpoints as a listener: on {@link TrainingEvent.Kind#CHECKPOINT} (every {@code checkpointEvery} updates) and on
 * {@link TrainingEvent.Kind#END} unless the run diverged (the last good checkpoint stays; after a normal end a later run
 * with more epochs continues from there), the {@link TrainState} goes to the sink: θ, the optimizer's buffers, the
 * early-stopping bookkeeping (from the resumed state when the run has no early stopping) and the records so far.
 */
final class CheckpointListener implements TrainingListener {
    private final TrainState.Sink sink;
    private final Network network;
    private final Optimizer optimizer;
    private final EarlyStoppingListener early;
    private final TrainState resume;
    private final Records records;

    CheckpointListener(TrainState.Sink sink, Network network, Optimizer optimizer, EarlyStoppingListener early,
                       TrainState resume, Records records) {
        this.sink = sink;
        this.network = network;
        this.optimizer = optimizer;
        this.early = early;
        this.resume = resume;
        this.records = records;
    }

    @Override
    public Set<TrainingEvent.Kind> kinds() {
        return EnumSet.of(TrainingEvent.Kind.CHECKPOINT, TrainingEvent.Kind.END);
    }

    @Override
    public void onEvent(TrainingEvent e) {
        if (e.kind() == TrainingEvent.Kind.END && e.diverged()) return;
        double best = early != null ? early.best() : resume != null ? resume.bestMetric() : Double.NaN;
        long bestIteration = early != null ? early.bestIteration() : resume != null ? resume.bestIteration() : -1;
        int stale = early != null ? early.stale() : resume != null ? resume.stale() : 0;
        sink.save(new TrainState(e.update(), network.parameters(), optimizer.saveState(), best, bestIteration, stale,
                early == null ? null : early.bestTheta(), List.copyOf(records.costs),
                List.copyOf(records.devCosts), List.copyOf(records.devAccuracies)));
    }
}
