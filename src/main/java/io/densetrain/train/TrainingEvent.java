package io.densetrain.train;

/**
 * What a {@link TrainingListener} sees: a {@link Kind#RECORD} at every cost record (each {@code costEvery}
 * updates and the last; train J of that update's batch, then the dev cost and accuracy of the same weights),
 * or an {@link Kind#EPOCH_END} after the last update of an epoch, carrying the latest record's values (no extra
 * pass over any data, so a listener costs nothing between records). {@link #stop} ends the run there: at a record
 * before that update is applied (θ is the one whose cost was recorded), at an epoch end after the epoch.
 */
public final class TrainingEvent {
    /** Where in the run the event comes from. */
    public enum Kind { RECORD, EPOCH_END }

    private final Kind kind;
    private final long update;
    private final long epoch;
    private final CostPoint cost;
    private final CostPoint devCost;
    private final double devAccuracy;
    private String stopReason;

    /** An event; {@code devCost} is null and {@code devAccuracy} NaN without a dev set, {@code cost} null before any record. */
    public TrainingEvent(Kind kind, long update, long epoch, CostPoint cost, CostPoint devCost, double devAccuracy) {
        this.kind = kind;
        this.update = update;
        this.epoch = epoch;
        this.cost = cost;
        this.devCost = devCost;
        this.devAccuracy = devAccuracy;
    }

    /** A record or an epoch end. */
    public Kind kind() {
        return kind;
    }

    /** Updates applied so far (at a record: the update counter t whose weights were measured). */
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

    /** Asks the trainer to stop here; the reason becomes the run's stop reason. */
    public void stop(String reason) {
        if (stopReason == null) stopReason = reason == null || reason.isBlank() ? "stopped by a listener" : reason;
    }

    /** Whether a listener asked to stop. */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /** The first listener's stop reason, or null. */
    public String stopReason() {
        return stopReason;
    }

    @Override
    public String toString() {
        return kind + " update " + update + " epoch " + epoch + " cost " + (cost == null ? "n/a" : cost.cost())
                + (devCost == null ? "" : " dev cost " + devCost.cost() + " dev accuracy " + devAccuracy);
    }
}
