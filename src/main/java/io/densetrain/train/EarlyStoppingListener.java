package io.densetrain.train;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Network;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@link EarlyStopping} as a listener on {@link TrainingEvent.Kind#DEV}: at each record the dev metric of the weights
 * about to be used is compared with the best so far; a better one resets the count and (with {@code restoreBest})
 * copies θ into a device buffer; {@code patience} evaluations in a row without improvement end the run there, before
 * that update's training cost, restoring the best θ when there is one. Its bookkeeping goes into checkpoints.
 */
final class EarlyStoppingListener implements TrainingListener {
    private final EarlyStopping rule;
    private final Network network;
    private final Matrix bestTheta;
    private double best;
    private long bestIteration = -1;
    private int stale;

    /** Bookkeeping from {@code resume} when given (its best θ too), else from scratch. */
    EarlyStoppingListener(EarlyStopping rule, Network network, TrainState resume) {
        this.rule = rule;
        this.network = network;
        Device device = network.device();
        bestTheta = rule.restoreBest() ? device.allocate(Math.toIntExact(network.layout().total()), 1) : null;
        best = rule.metric().worst();
        if (resume != null) {
            best = resume.bestMetric();
            bestIteration = resume.bestIteration();
            stale = resume.stale();
            if (bestTheta != null && resume.bestTheta() != null) device.upload(resume.bestTheta(), bestTheta);
        }
    }

    @Override
    public Set<TrainingEvent.Kind> kinds() {
        return EnumSet.of(TrainingEvent.Kind.DEV);
    }

    @Override
    public void onEvent(TrainingEvent e) {
        double value = rule.metric() == EarlyStopping.Metric.DEV_COST ? e.devCost().cost() : e.devAccuracy();
        if (rule.metric().better(value, best)) {
            best = value;
            bestIteration = e.update();
            stale = 0;
            if (bestTheta != null) network.device().copy(network.theta(), bestTheta);
        } else if (++stale >= rule.patience()) {
            e.decide(decision(e.update()));
        }
    }

    /**
     * The stop a resumed run inherits: when the checkpoint it continues from was written after {@code patience}
     * evaluations without improvement (the final checkpoint of a run that stopped early), the same decision at
     * update {@code t}, else null. Without it the resumed run evaluated the stop update's dev set a second time.
     */
    TrainingEvent.Decision stoppedBefore(long t) {
        return stale >= rule.patience() ? decision(t) : null;
    }

    private TrainingEvent.Decision decision(long update) {
        String reason = String.format("early stopping at update %d: %s did not improve for %d evaluations"
                + " (best %.6g at update %d)", update, rule.metric().label(), stale, best, bestIteration);
        boolean restore = bestTheta != null && bestIteration >= 0;
        return new TrainingEvent.Decision(reason, false, restore ? bestTheta : null, restore ? bestIteration : -1);
    }

    double best() {
        return best;
    }

    long bestIteration() {
        return bestIteration;
    }

    int stale() {
        return stale;
    }

    /** The best θ on the host, or null without {@code restoreBest}. */
    double[] bestTheta() {
        return bestTheta == null ? null : network.device().download(bestTheta);
    }
}
