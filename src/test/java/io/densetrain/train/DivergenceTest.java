package io.densetrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The finite-divergence rule: J > 1000 × lowest earlier J and J > 100. */
class DivergenceTest {
    @Test
    void explodesOnlyAboveBothTheRatioAndTheFloor() {
        assertTrue(Divergence.exploded(1500, 1.0));            // 1500 > 1000·1 and > 100
        assertFalse(Divergence.exploded(900, 1.0));            // under 1000 × best
        assertFalse(Divergence.exploded(50, 0.01));            // 5000 × best, but under the floor: mini-batch noise
        assertTrue(Divergence.exploded(1e15, 0.3));            // the explosion
        assertFalse(Divergence.exploded(1e9, Double.POSITIVE_INFINITY)); // the first record has nothing to compare with
    }

    @Test
    void aHugeStartThatFallsNeverTrips() {
        // the course's random ×10 start on circles: 816 at update 0, then falling (figures from train --init random)
        double[] costs = {815.8, 34.4, 18.2, 0.707, 0.472};
        double lowest = Double.POSITIVE_INFINITY;
        for (double c : costs) {
            assertFalse(Divergence.exploded(c, lowest), "tripped at " + c);
            lowest = Math.min(lowest, c);
        }
        assertEquals(0.472, Divergence.lowest(List.of(new CostPoint(0, 815.8), new CostPoint(1, Double.NaN),
                new CostPoint(2, 0.472))));
    }
}
