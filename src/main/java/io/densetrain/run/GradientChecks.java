package io.densetrain.run;

import io.densetrain.SettingException;
import io.densetrain.device.Precision;
import io.densetrain.check.GradientCheck;
import io.densetrain.check.GradientCheckReport;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.MiniBatchTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code densetrain gradcheck} runs: backprop of a freshly initialized network (the spec's architecture, init,
 * L2 and seed) on the spec's training set, as given, checked against (J(θ+ε) − J(θ−ε))/2ε at each of the update
 * counts {@code at}, with full-batch gradient descent at the plan's α in between. Float64 CPU only (the spec's device
 * must be cpu or auto); dropout is refused, since it makes J random. A trained model is checked with
 * {@link TrainedModel#gradientCheck}.
 */
public final class GradientChecks {
    private GradientChecks() {
    }

    /** The checks in the order of {@code at} (sorted), and the device they ran on. */
    public record Result(String device, List<GradientCheckReport> checks) {
        /** Copies the list. */
        public Result {
            checks = List.copyOf(checks);
        }

        /** Whether every check passed. */
        public boolean passed() {
            return checks.stream().allMatch(GradientCheckReport::passed);
        }
    }

    /** Checks at the update counts {@code at} (≥ 0; none given: at initialization only). */
    public static Result run(RunSpec spec, GradientCheck.Options options, long... at) {
        long[] counts = at.length == 0 ? new long[] {0} : at.clone();
        Arrays.sort(counts);
        if (counts[0] < 0) throw new SettingException("at", "takes update counts ≥ 0, got " + counts[0]);
        String device = spec.device().trim().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("auto")) {
            throw new SettingException("device", "must be cpu for gradient checking (float64), got " + spec.device());
        }
        if (spec.precision() == Precision.FLOAT32) {
            throw new SettingException("precision", "must be float64 for gradient checking (float32 rounding, ~1e-7 relative,"
                    + " swamps the two-sided difference at ε = 1e-7), got float32");
        }
        try (Workspace w = new Workspace(spec.data(), spec.architecture(), spec.regularization(), spec.init(), spec.initScale(),
                spec.seed(), "cpu", spec.threads(), false, Precision.FLOAT64, null, Long.MAX_VALUE)) {
            if (w.network.regularization().usesDropout()) {
                GradientCheck.run(w.network, w.xTrain, w.yTrain, options, 0); // throws the explanation
            }
            List<GradientCheckReport> checks = new ArrayList<>();
            long trained = 0;
            for (long target : counts) {
                if (target > trained) {
                    MiniBatchTrainer.fullBatch(w.network, w.xTrain, w.yTrain, new TrainConfig(spec.plan().learningRate(),
                            target - trained, Long.MAX_VALUE));
                    trained = target;
                }
                checks.add(GradientCheck.run(w.network, w.xTrain, w.yTrain, options, trained));
            }
            return new Result(w.device.describe(), checks);
        }
    }
}
