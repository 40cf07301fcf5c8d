package io.densetrain.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The numbers a trial's train report gives the sweep: dev cost without the L2 term. */
class TrialResultTest {
    private static final Trial TRIAL = new Trial(1, Map.of("l2", "0.7"), List.of("--l2", "0.7"));

    @Test
    void devCostIsTheDevCrossEntropyNotJ() {
        String json = "{\"train_accuracy\":0.9,\"dev_accuracy\":0.8,\"final_cost\":0.41,\"final_cross_entropy\":0.25,"
                + "\"dev_costs\":[[0,0.9,0.7,0.2],[100,0.5,0.3,0.2]],"
                + "\"final_dev_cost\":0.5,\"final_dev_cross_entropy\":0.3,\"final_dev_l2_term\":0.2}";
        TrialResult r = TrialResult.of(TRIAL, json, 1.0, false);
        assertEquals(0.3, r.devCost(), 0.0, "the L2 term (0.2) grows with λ and would bias a sweep over l2");
        assertEquals(0.8, r.devAccuracy(), 0.0);
        assertEquals(0.25, r.trainCost(), 0.0, "train cost likewise without the L2 term");
    }

    @Test
    void aReportWithoutTheSplitGivesItsLastDevJ() {
        String json = "{\"final_cost\":0.5,\"dev_costs\":[[0,0.9],[100,0.45]]}";
        assertEquals(0.45, TrialResult.of(TRIAL, json, 1.0, false).devCost(), 0.0);
        assertEquals(0.5, TrialResult.of(TRIAL, json, 1.0, false).trainCost(), 0.0);
    }
}
