package io.densetrain.cli;

import io.densetrain.train.CostPoint;
import io.densetrain.train.L2Equivalents;
import io.densetrain.train.MiniBatchResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The cost split J = cross-entropy + (λ/2m)·Σ‖W‖²_F in {@code train}'s text report and JSON. */
final class CostReport {
    private CostReport() {
    }

    /** "  (cross-entropy 0.123456 + L2 0.012345)" for a record line. */
    static String parts(CostPoint p) {
        return String.format("  (cross-entropy %.6f + L2 %.6f)", p.crossEntropy(), p.l2Term());
    }

    /** The final train (and dev) J with its parts, and the L2 equivalents when λ > 0. */
    static void print(PrintWriter out, MiniBatchResult result, L2Equivalents equivalents, boolean miniBatches) {
        // in mini-batch mode a train record is the cost of that update's batch, with the batch's own m in the L2 term
        line(out, miniBatches ? "train (the last recorded mini-batch)" : "train", result.base().costs());
        line(out, "dev", result.devCosts());
        if (equivalents != null) out.println("l2 equivalents: " + equivalents.describe());
    }

    private static void line(PrintWriter out, String set, List<CostPoint> points) {
        if (points.isEmpty()) return;
        CostPoint p = points.get(points.size() - 1);
        out.printf("final %s cost J: %.6f = cross-entropy %.6f + L2 term %.6f%n", set, p.cost(), p.crossEntropy(), p.l2Term());
    }

    /** {@code final_dev_cost}, {@code final_dev_cross_entropy}, {@code final_dev_l2_term} (null without a dev set). */
    static void putDev(Map<String, Object> r, List<CostPoint> dev) {
        CostPoint p = dev.isEmpty() ? null : dev.get(dev.size() - 1);
        r.put("final_dev_cost", p == null ? null : p.cost());
        r.put("final_dev_cross_entropy", p == null ? null : p.crossEntropy());
        r.put("final_dev_l2_term", p == null ? null : p.l2Term());
    }
}
