package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import io.densetrain.sweep.Metric;
import io.densetrain.sweep.Setting;
import io.densetrain.sweep.Sweep;
import io.densetrain.sweep.SweepPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep over image data: every trial's checks see the pictures loaded for the first trial. */
class SweepImagesTest {
    @Test
    void augmentationCanBeSweptOverSeveralTrials() {
        List<String> base = List.of("--data", "shapes", "--samples", "60", "--test-samples", "20", "--split", "0.6,0.2,0.2",
                "--hidden", "4", "--iterations", "20", "--cost-every", "10", "--device", "cpu");
        SweepPlan plan = new SweepPlan(base, List.of(Setting.grid("augment=none,flip")), 0, 1);
        Sweep.Result result = Sweep.run(plan, new Sweep.Options(Metric.DEV_ACCURACY, null, 1, null), new InProcessTrialRunner());
        assertEquals(2, result.trials().size());
        CliTest.Run train = CliTest.run(concat(List.of("train"), concat(base, List.of("--augment", "flip", "--json"))).toArray(String[]::new));
        assertEquals(0, train.code(), train.err());
        JsonArray costs = train.json().getAsJsonArray("costs");
        assertEquals(train.json().get("dev_accuracy").getAsDouble(), result.trials().get(1).devAccuracy(), 0.0);
        assertEquals(costs.toString(), result.trials().get(1).report().getAsJsonArray("costs").toString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
