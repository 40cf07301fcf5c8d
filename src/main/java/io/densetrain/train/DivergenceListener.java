package io.densetrain.train;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The divergence checks as a listener on {@link TrainingEvent.Kind#RECORD}: a NaN or infinite training cost ends the
 * run as diverged (except +Inf at update 0, the saturated start of {@code --init random}, which is only a note), and
 * so does a finite cost that {@link Divergence#exploded} from the lowest recorded before it. A huge but finite
 * first cost is a note. The lowest cost starts from the records a resumed run brings.
 */
final class DivergenceListener implements TrainingListener {
    private final List<String> notes = new ArrayList<>();
    private double lowest;

    DivergenceListener(List<CostPoint> resumedCosts) {
        lowest = Divergence.lowest(resumedCosts);
    }

    @Override
    public Set<TrainingEvent.Kind> kinds() {
        return EnumSet.of(TrainingEvent.Kind.RECORD);
    }

    @Override
    public void onEvent(TrainingEvent e) {
        long t = e.update();
        double cost = e.cost().cost(), lr = e.learningRate();
        if (!Double.isFinite(cost)) {
            if (t == 0 && Double.isInfinite(cost)) {
                notes.add("cost is infinite at iteration 0: the initial weights are so large that the output"
                        + " saturates (expected with the course's random ×10 initialization); training continues");
            } else {
                e.decide(new TrainingEvent.Decision("diverged at iteration " + t + ": cost is " + cost
                        + "; likely cause: learning rate " + lr
                        + " too large (try a tenth of it) or initial weights too large (use init (--init) he or xavier)", true, null, -1));
                return;
            }
        } else if (Divergence.exploded(cost, lowest)) {
            e.decide(new TrainingEvent.Decision(Divergence.describe(t, cost, lowest, lr), true, null, -1));
            return;
        } else if (t == 0 && cost > 10) {
            notes.add(String.format("cost at iteration 0 is %.4g, far above ln 2 ≈ 0.693: the initial weights"
                    + " are large enough to saturate the output", cost));
        }
        if (Double.isFinite(cost)) lowest = Math.min(lowest, cost);
    }

    /** Notes on the start (infinite or huge first cost). */
    List<String> notes() {
        return notes;
    }
}
