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
 * The course's initialization table: zeros, large random (×10) and He on a [n_x, 10, 5, out] ReLU
 * network, α = 0.01, 15000 full-batch iterations (circles by default). Writes cost.png and one
 * decision_boundary_&lt;init&gt;.png per run (2-D data) into {@code out}.
 */
public final class InitExperiment {
    private InitExperiment() {
    }

    public static List<CourseRun> run(Device device, TrainTest split, long iterations, Path out) {
        int outputs = split.train().classes() == 2 ? 1 : split.train().classes();
        Architecture arch = new Architecture(new int[] {split.train().featureCount(), 10, 5, outputs},
                io.densetrain.device.Activation.RELU);
        Regularization none = Regularization.none(arch.depth());
        List<CourseRun> runs = List.of(
                CourseRun.train("zeros", device, split, arch, Initialization.ZEROS, 1, none, 0.01, iterations, 1),
                CourseRun.train("random x10", device, split, arch, Initialization.RANDOM, 10, none, 0.01, iterations, 1),
                CourseRun.train("he", device, split, arch, Initialization.HE, 1, none, 0.01, iterations, 1));
        if (out != null) {
            Map<String, List<CostPoint>> curves = new LinkedHashMap<>();
            runs.forEach(r -> curves.put(r.name(), r.result().costs()));
            Plots.costCurves(out.resolve("cost.png"), "initialization: cost J per iteration (log scale)", curves, true);
            if (arch.inputs() == 2) {
                for (CourseRun r : runs) {
                    Plots.decisionBoundary(out.resolve("decision_boundary_" + r.name().replace(' ', '_') + ".png"),
                            "init " + r.name() + " (train accuracy " + String.format("%.3f", r.trainAccuracy()) + ")", split.train(),
                            r.classifier());
                }
            }
        }
        return runs;
    }

    public static MarkdownTable table(List<CourseRun> runs) {
        MarkdownTable t = new MarkdownTable("initialization", "first cost", "final cost", "train accuracy", "test accuracy");
        runs.forEach(r -> t.row(r.name(), r.result().firstCost(), r.result().finalCost(), r.trainAccuracy(), r.testAccuracy()));
        return t;
    }
}
