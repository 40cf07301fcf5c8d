package io.densetrain.train;

import io.densetrain.device.Matrix;

/**
 * What a {@link TrainingListener} sees. By default (see {@link TrainingListener#kinds}) a {@link Kind#RECORD} at every
 * cost record (each {@code costEvery} updates and the last; train J of that update's batch, then the dev cost and
 * accuracy of the same weights), and an {@link Kind#EPOCH_END} after the last update of an epoch, carrying the latest
 * record's values (no extra pass over any data, so a listener costs nothing between records). A listener may ask for
 * more: {@link Kind#DEV} at a record with a dev set, right after the dev metrics and before the training forward pass
 * (where early stopping decides; {@link #cost} is then the previous record's), {@link Kind#CHECKPOINT} every
 * {@code checkpointEvery} updates after the update, and {@link Kind#END} once after the loop.
 *
 * <p>{@link #stop} ends the run there: at a DEV event before that update's training cost is recorded, at a record
 * before that update is applied (θ is the one whose cost was recorded), at an epoch end after the epoch (not after the
 * last). {@link #decide} is the general form: the run's stop reason as written, whether it diverged, and weights to
 * restore. A diverging decision overrides a plain stop at the same event; otherwise the first decision stands.
 */
public final class TrainingEvent {
    /** Where in the run the event comes from. */
    public enum Kind { DEV, RECORD, EPOCH_END, CHECKPOINT, END }

    /**
     * A decision to end the run: {@code reason} becomes the stop reason verbatim; {@code diverged} marks a diverged run
     * (not saved; the CLI exits 3); {@code restore}, when not null, is copied into θ at the end, and
     * {@code restoredUpdate} names the update it comes from.
     */
    public record Decision(String reason, boolean diverged, Matrix restore, long restoredUpdate) {
        /** A plain stop: no divergence, θ kept. */
        public static Decision stop(String reason) {
            return new Decision(reason, false, null, -1);
        }
    }

    private final Kind kind;
    private final long update;
    private final long epoch;
    private final CostPoint cost;
    private final CostPoint devCost;
    private final double devAccuracy;
    private final double learningRate;
    private final boolean diverged;
    private String stopReason;
    private Decision decision;

    /** An event; {@code devCost} is null and {@code devAccuracy} NaN without a dev set, {@code cost} null before any record. */
    public TrainingEvent(Kind kind, long update, long epoch, CostPoint cost, CostPoint devCost, double devAccuracy) {
        this(kind, update, epoch, cost, devCost, devAccuracy, Double.NaN, false);
    }

    /** As above, with the learning rate of the epoch and, at {@link Kind#END}, whether the run diverged. */
    public TrainingEvent(Kind kind, long update, long epoch, CostPoint cost, CostPoint devCost, double devAccuracy,
                         double learningRate, boolean diverged) {
        this.kind = kind;
        this.update = update;
        this.epoch = epoch;
        this.cost = cost;
        this.devCost = devCost;
        this.devAccuracy = devAccuracy;
        this.learningRate = learningRate;
        this.diverged = diverged;
    }

    /** Which point of the run this is. */
    public Kind kind() {
        return kind;
    }

    /** Updates applied so far (at a record or DEV: the update counter t whose weights were measured). */
    public long update() {
        return update;
    }

    /** The epoch (0-based) the update belongs to, or that just ended. */
    public long epoch() {
        return epoch;
    }

    /** The latest train cost J with its cross-entropy and L2 parts (null before the first record). */
    public CostPoint cost() {
        return cost;
    }

    /** The latest dev cost J with its parts; null without a dev set. */
    public CostPoint devCost() {
        return devCost;
    }

    /** The latest dev accuracy; NaN without a dev set. */
    public double devAccuracy() {
        return devAccuracy;
    }

    /** The learning rate α of the current epoch (after decay); NaN where the trainer did not give one. */
    public double learningRate() {
        return learningRate;
    }

    /** At {@link Kind#END}: whether the run diverged (false elsewhere). */
    public boolean diverged() {
        return diverged;
    }

    /**
     * Asks the trainer to stop here; the run's stop reason becomes "stopped at update t (epoch e): reason" (at an
     * epoch end "stopped after epoch e (update t): reason").
     */
    public void stop(String reason) {
        if (stopReason != null) return;
        stopReason = reason == null || reason.isBlank() ? "stopped by a listener" : reason;
        decide(Decision.stop(kind == Kind.EPOCH_END ? "stopped after epoch " + epoch + " (update " + update + "): " + stopReason
                : "stopped at update " + update + " (epoch " + epoch + "): " + stopReason));
    }

    /** Ends the run with {@code d} (see the class comment for which decision wins). */
    public void decide(Decision d) {
        if (decision == null || d.diverged() && !decision.diverged()) decision = d;
        if (stopReason == null) stopReason = d.reason();
    }

    /** Whether a listener asked to stop. */
    public boolean stopRequested() {
        return decision != null;
    }

    /** The first listener's stop reason as given (without the trainer's prefix), or null. */
    public String stopReason() {
        return stopReason;
    }

    /** The decision that stands, or null. */
    public Decision decision() {
        return decision;
    }

    @Override
    public String toString() {
        return kind + " update " + update + " epoch " + epoch + " cost " + (cost == null ? "n/a" : cost.cost())
                + (devCost == null ? "" : " dev cost " + devCost.cost() + " dev accuracy " + devAccuracy);
    }
}
