package io.densetrain.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's table: a number train did not give (no test set, a diverged cost) reads n/a, as in the progress lines. */
class SweepReportTest {
    @Test
    void missingNumbersReadNotAvailable() {
        SweepPlan plan = new SweepPlan(List.of("--data", "moons"), List.of(Setting.grid("lr=0.1,1e6")), 0, 1);
        List<Trial> trials = plan.trials();
        TrialResult fine = TrialResult.of(trials.get(0), "{\"train_accuracy\":0.985,\"dev_accuracy\":0.95,\"final_cross_entropy\":0.15625,"
                + "\"final_dev_cross_entropy\":0.1929}", 1.7, false);
        TrialResult diverged = TrialResult.of(trials.get(1), "{\"train_accuracy\":0.275,\"dev_accuracy\":0.35,\"diverged\":true,"
                + "\"final_cross_entropy\":null,\"final_dev_cross_entropy\":null}", 1.7, false);
        String table = SweepReport.table(new Sweep.Result(plan, Metric.DEV_ACCURACY, List.of(fine, diverged), fine));
        List<String> rows = table.lines().toList();
        assertEquals("| 1 (best) | 0.1 | 0.9850 | 0.9500 | n/a | 0.1563 | 0.1929 | n/a | 1.7 |", rows.get(2));
        assertEquals("| 2 | 1e6 | 0.2750 | 0.3500 | n/a | n/a | n/a | diverged | 1.7 |", rows.get(3));
        assertFalse(table.contains("NaN"), table);
    }

    @Test
    void aSettingHasOneJsonTypeAcrossItsTrials() {
        // hidden=8,8:4 used to give params.hidden 8 (a number) and "8:4" (a string) in one sweep
        SweepPlan plan = new SweepPlan(List.of("--data", "moons"), List.of(Setting.grid("hidden=8,8:4"), Setting.grid("lr=0.1,1e-3")), 0, 1);
        List<TrialResult> results = plan.trials().stream()
                .map(t -> TrialResult.of(t, "{\"train_accuracy\":0.9,\"dev_accuracy\":0.8}", 1.0, false)).toList();
        var json = com.google.gson.JsonParser.parseString(SweepReport.jsonText(new Sweep.Result(plan, Metric.DEV_ACCURACY, results,
                results.get(0)))).getAsJsonObject();
        List<String> hidden = new java.util.ArrayList<>(), lr = new java.util.ArrayList<>();
        for (var t : json.getAsJsonArray("trials")) {
            var params = t.getAsJsonObject().getAsJsonObject("params");
            hidden.add(params.get("hidden").toString());
            lr.add(params.get("lr").toString());
        }
        assertEquals(List.of("\"8\"", "\"8\"", "\"8:4\"", "\"8:4\""), hidden);
        assertEquals(List.of("0.1", "0.001", "0.1", "0.001"), lr, "a setting whose values are all numbers stays numeric");
    }
}
