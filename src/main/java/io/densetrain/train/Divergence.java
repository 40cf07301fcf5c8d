package io.densetrain.train;

import java.util.List;

/**
 * Divergence while the cost is still finite. A recorded cost J diverges when it exceeds both
 * {@link #RATIO} × the lowest cost recorded before it and the absolute floor {@link #FLOOR} (nats per
 * example). The first record has nothing to compare with, so a start that is huge and then falls (the
 * course's {@code --init random} ×10, whose first costs are in the tens or infinite) never trips it;
 * mini-batch noise near a small best cost stays below the floor; an exploding run (J from 0.3 to 1e15)
 * trips it at its first record above max(1000·best, 100). NaN and ±Inf are handled by the trainer.
 */
public final class Divergence {
    public static final double RATIO = 1e3;
    public static final double FLOOR = 1e2;

    private Divergence() {
    }

    /** The lowest finite cost in {@code costs}, or +Inf when there is none. */
    static double lowest(List<CostPoint> costs) {
        double best = Double.POSITIVE_INFINITY;
        for (CostPoint p : costs) {
            if (Double.isFinite(p.cost())) best = Math.min(best, p.cost());
        }
        return best;
    }

    /** Whether {@code cost} (finite) has diverged from {@code lowest}, the best recorded before it. */
    public static boolean exploded(double cost, double lowest) {
        return Double.isFinite(lowest) && cost > FLOOR && cost > RATIO * lowest;
    }

    static String describe(long t, double cost, double lowest, double lr) {
        return String.format("diverged at iteration %d: cost %.6g is more than %.0f× the lowest cost so far (%.6g) and above %.0f;"
                + " likely cause: learning rate %s too large (try a tenth of it)", t, cost, RATIO, lowest, FLOOR, lr);
    }
}
