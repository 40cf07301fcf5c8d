package io.densetrain.experiment;

import io.densetrain.data.TrainTest;
import io.densetrain.device.Device;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Regularization;
import io.densetrain.plot.Plots;
import io.densetrain.train.CostPoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The course's regularization table: no regularization, L2 (λ = 0.7) and dropout (keep_prob 0.86) on a
 * [n_x, 20, 3, out] ReLU network with Xavier initialization, α = 0.3, 30000 full-batch iterations
 * (noisy moons by default). Writes cost.png and decision_boundary_&lt;run&gt;.png into {@code out}.
 */
public final class RegularizationExperiment {
    private RegularizationExperiment() {
    }

    public static List<CourseRun> run(Device device, TrainTest split, long iterations, Path out) {
        int outputs = split.train().classes() == 2 ? 1 : split.train().classes();
        Architecture arch = new Architecture(new int[] {split.train().featureCount(), 20, 3, outputs},
                io.densetrain.device.Activation.RELU);
        int depth = arch.depth();
        List<CourseRun> runs = List.of(
                CourseRun.train("none", device, split, arch, Initialization.XAVIER, 1, Regularization.none(depth), 0.3, iterations, 1),
                CourseRun.train("L2 0.7", device, split, arch, Initialization.XAVIER, 1, Regularization.of(0.7, null, depth), 0.3,
                        iterations, 1),
                CourseRun.train("dropout 0.86", device, split, arch, Initialization.XAVIER, 1,
                        Regularization.of(0, new double[] {0.86}, depth), 0.3, iterations, 1));
        if (out != null) {
            Map<String, List<CostPoint>> curves = new LinkedHashMap<>();
            runs.forEach(r -> curves.put(r.name(), r.result().costs()));
            Plots.costCurves(out.resolve("cost.png"), "regularization: cost J per iteration", curves, false);
            if (arch.inputs() == 2) {
                for (CourseRun r : runs) {
                    Plots.decisionBoundary(out.resolve("decision_boundary_" + r.name().replace(' ', '_') + ".png"),
                            r.name() + " (train " + String.format("%.3f", r.trainAccuracy()) + ", test "
                                    + String.format("%.3f", r.testAccuracy()) + ")", split.train(), r.classifier());
                }
            }
        }
        return runs;
    }

    public static MarkdownTable table(List<CourseRun> runs) {
        MarkdownTable t = new MarkdownTable("model", "train accuracy", "test accuracy", "gap", "final cost", "cross-entropy", "L2 term");
        runs.forEach(r -> t.row(r.name(), r.trainAccuracy(), r.testAccuracy(), r.gap(), r.result().finalCost(),
                r.result().finalCrossEntropy(), r.result().finalL2Term()));
        return t;
    }
}
