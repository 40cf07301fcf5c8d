package io.densetrain.data;

import java.util.Optional;

/**
 * The course's rule: dev and test must come from the same distribution. Warns when some feature's dev
 * mean and test mean lie more than {@link #THRESHOLD} pooled standard deviations apart
 * (|μ_dev − μ_test| / √((σ²_dev + σ²_test)/2)); with small sets that is far beyond sampling noise.
 */
public final class DistributionCheck {
    public static final double THRESHOLD = 3.0;

    private DistributionCheck() {
    }

    /** The warning, or empty when the sets look alike (or one of them is empty). */
    public static Optional<String> compare(Dataset dev, Dataset test) {
        if (dev.size() < 2 || test.size() < 2) {
            return Optional.empty();
        }
        Normalization a = Normalization.fit(dev), b = Normalization.fit(test);
        double worst = 0;
        int worstFeature = -1;
        for (int i = 0; i < dev.featureCount(); i++) {
            double pooled = Math.sqrt((sq(a.std()[i]) + sq(b.std()[i])) / 2);
            double distance = Math.abs(a.mean()[i] - b.mean()[i]) / pooled;
            if (distance > worst) {
                worst = distance;
                worstFeature = i;
            }
        }
        if (worst <= THRESHOLD) {
            return Optional.empty();
        }
        return Optional.of(String.format("dev and test look like different distributions: feature '%s' has mean %.4g on dev"
                        + " and %.4g on test, %.1f standard deviations apart; draw dev and test from the same distribution",
                dev.featureNames().get(worstFeature), a.mean()[worstFeature], b.mean()[worstFeature], worst));
    }

    private static double sq(double v) {
        return v * v;
    }
}
