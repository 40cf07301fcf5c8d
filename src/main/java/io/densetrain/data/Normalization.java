package io.densetrain.data;

import java.util.Arrays;

/**
 * Input normalization x' = (x − μ) / σ per feature, with μ and σ (population standard deviation)
 * computed from the training set only and applied unchanged to dev, test and prediction inputs.
 * A constant feature (σ = 0) gets σ = 1, so it becomes 0 instead of NaN. {@link #identity} is the
 * "off" value (μ = 0, σ = 1).
 */
public record Normalization(double[] mean, double[] std) {

    public Normalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std lengths differ");
        }
        mean = mean.clone();
        std = std.clone();
    }

    public static Normalization identity(int features) {
        double[] ones = new double[features];
        Arrays.fill(ones, 1.0);
        return new Normalization(new double[features], ones);
    }

    /** μ and σ of each feature over the examples of {@code train}. */
    public static Normalization fit(Dataset train) {
        int n = train.featureCount(), m = train.size();
        double[] mean = new double[n], std = new double[n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) mean[i] += train.feature(j, i);
        }
        for (int i = 0; i < n; i++) mean[i] /= Math.max(m, 1);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                double d = train.feature(j, i) - mean[i];
                std[i] += d * d;
            }
        }
        for (int i = 0; i < n; i++) {
            std[i] = Math.sqrt(std[i] / Math.max(m, 1));
            if (!(std[i] > 0)) std[i] = 1.0;
        }
        return new Normalization(mean, std);
    }

    public int features() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Column-major (n_x, m) features, normalized into a new array. */
    public double[] apply(double[] features) {
        double[] out = features.clone();
        applyInPlace(out);
        return out;
    }

    /** x[i, j] = (x[i, j] − μ_i) / σ_i over column-major (n_x, m) features, in place. */
    public void applyInPlace(double[] features) {
        int n = mean.length;
        for (int k = 0; k < features.length; k++) {
            int i = k % n;
            features[k] = (features[k] - mean[i]) / std[i];
        }
    }

    public Dataset apply(Dataset d) {
        return new Dataset(d.name(), d.featureCount(), apply(d.features()), d.labels(), d.featureNames(), d.classNames());
    }

    public Splits apply(Splits s) {
        return new Splits(apply(s.train()), apply(s.dev()), apply(s.test()));
    }
}
