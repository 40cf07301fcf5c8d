package io.densetrain.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished trial: the numbers read from its {@code train --json} report (kept whole in {@link #report}).
 * {@code devCost} is the cross-entropy of train's last dev record (no L2 term); {@code seconds} is the trial's wall time (JVM start
 * included for a child JVM); {@code reused} marks a trial found finished in the output folder.
 */
public record TrialResult(Trial trial, JsonObject report, double trainAccuracy, double devAccuracy, double devCost,
                          double testAccuracy, double trainCost, String verdict, List<String> nextSteps, boolean diverged,
                          double seconds, boolean reused) {

    /** Reads train's JSON report. */
    public static TrialResult of(Trial trial, String json, double seconds, boolean reused) {
        JsonObject r = JsonParser.parseString(json).getAsJsonObject();
        JsonObject d = r.has("diagnosis") && r.get("diagnosis").isJsonObject() ? r.getAsJsonObject("diagnosis") : null;
        List<String> steps = new ArrayList<>();
        if (d != null) d.getAsJsonArray("next_steps").forEach(e -> steps.add(e.getAsString()));
        boolean diverged = r.has("diverged") && r.get("diverged").getAsBoolean();
        return new TrialResult(trial, r, number(r.get("train_accuracy")), number(r.get("dev_accuracy")), devCrossEntropy(r),
                number(r.get("test_accuracy")), number(r.get("final_cost")),
                diverged ? "diverged" : d == null ? "n/a" : d.get("verdict").getAsString(), List.copyOf(steps), diverged, seconds,
                reused);
    }

    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    /**
     * The dev cost a sweep compares: the cross-entropy part of train's last dev record. The L2 term is left
     * out because it depends on λ itself (a sweep over {@code l2} would otherwise favour small λ for that alone);
     * a report without the split gives its dev J.
     */
    private static double devCrossEntropy(JsonObject r) {
        double ce = number(r.get("final_dev_cross_entropy"));
        return Double.isNaN(ce) ? lastCost(r.get("dev_costs")) : ce;
    }

    private static double lastCost(JsonElement e) {
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().isEmpty()) return Double.NaN;
        JsonArray a = e.getAsJsonArray();
        return number(a.get(a.size() - 1).getAsJsonArray().get(1));
    }

    /** The train cost curve as (iteration, cost) pairs. */
    public List<io.densetrain.train.CostPoint> costs() {
        List<io.densetrain.train.CostPoint> points = new ArrayList<>();
        if (report.has("costs")) {
            for (JsonElement p : report.getAsJsonArray("costs")) {
                JsonArray a = p.getAsJsonArray();
                if (!a.get(1).isJsonNull()) points.add(new io.densetrain.train.CostPoint(a.get(0).getAsLong(), a.get(1).getAsDouble()));
            }
        }
        return points;
    }
}
