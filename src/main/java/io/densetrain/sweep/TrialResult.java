package io.densetrain.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished trial: the numbers read from its {@code train --json} report (kept whole in {@link #report}).
 * {@code devCost} is the cross-entropy of train's last dev record and {@code trainCost} that of its last train
 * record (no L2 term in either, so they compare across λ and with each other); {@code seconds} is the trial's wall time (JVM start
 * included for a child JVM); {@code reused} marks a trial found finished in the output folder.
 */
public record TrialResult(Trial trial, JsonObject report, double trainAccuracy, double devAccuracy, double devCost,
                          double testAccuracy, double trainCost, String verdict, List<String> nextSteps, boolean diverged,
                          double seconds, boolean reused) {

    /** Reads train's JSON report. */
    public static TrialResult of(Trial trial, String json, double seconds, boolean reused) {
        return of(trial, JsonParser.parseString(json).getAsJsonObject(), seconds, reused);
    }

    /** Reads train's JSON report, already parsed (a finished trial's {@code trial.json}). */
    public static TrialResult of(Trial trial, JsonObject r, double seconds, boolean reused) {
        JsonObject d = r.has("diagnosis") && r.get("diagnosis").isJsonObject() ? r.getAsJsonObject("diagnosis") : null;
        List<String> steps = new ArrayList<>();
        if (d != null) d.getAsJsonArray("next_steps").forEach(e -> steps.add(e.getAsString()));
        boolean diverged = r.has("diverged") && r.get("diverged").getAsBoolean();
        return new TrialResult(trial, r, number(r.get("train_accuracy")), number(r.get("dev_accuracy")), devCrossEntropy(r),
                number(r.get("test_accuracy")), crossEntropy(r, "final_cross_entropy", "final_cost"),
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

    /** The train cost beside it, likewise the cross-entropy part ({@code orJ} where the report has no split). */
    private static double crossEntropy(JsonObject r, String part, String orJ) {
        double ce = number(r.get(part));
        return Double.isNaN(ce) ? number(r.get(orJ)) : ce;
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
