package io.densetrain.train;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import java.util.List;

/**
 * The course's basic recipe for bias and variance. Avoidable bias = train error − Bayes error,
 * variance = dev error − train error; each is "high" above its threshold (default
 * {@link #DEFAULT_THRESHOLD}, 5 percentage points). The course's examples (Bayes 0):
 * 1%/11% high variance, 15%/16% high bias, 15%/30% high bias and high variance, 0.5%/1% low both.
 */
public record Diagnosis(double trainError, double devError, double bayesError, double biasThreshold,
                        double varianceThreshold) {
    public static final double DEFAULT_THRESHOLD = 0.05;

    public Diagnosis {
        for (double e : new double[] {trainError, devError, bayesError}) {
            if (!(e >= 0 && e <= 1)) {
                throw new BadInputException("errors must be fractions in [0, 1] (0.15 for 15%), got " + e);
            }
        }
        if (!(biasThreshold > 0) || !(varianceThreshold > 0)) {
            throw new BadInputException("thresholds must be positive fractions, e.g. 0.05");
        }
        if (bayesError > trainError + 1e-12) {
            throw new SettingException("bayesError", bayesError + " is above the train error " + trainError
                    + "; the Bayes error is the lowest error possible");
        }
    }

    public static Diagnosis of(double trainError, double devError, double bayesError) {
        return new Diagnosis(trainError, devError, bayesError, DEFAULT_THRESHOLD, DEFAULT_THRESHOLD);
    }

    public double avoidableBias() {
        return trainError - bayesError;
    }

    public double variance() {
        return devError - trainError;
    }

    public boolean highBias() {
        return avoidableBias() > biasThreshold;
    }

    public boolean highVariance() {
        return variance() > varianceThreshold;
    }

    /** "high bias", "high variance", "high bias and high variance" or "low bias and low variance". */
    public String verdict() {
        if (highBias() && highVariance()) return "high bias and high variance";
        if (highBias()) return "high bias";
        if (highVariance()) return "high variance";
        return "low bias and low variance";
    }

    /** The recipe's next steps: bias first, then variance. */
    public List<String> nextSteps() {
        if (highBias() && highVariance()) {
            return List.of("fix bias first: a bigger network, train longer, another optimizer (adam)",
                    "then variance: more data, L2 regularization (a larger λ), dropout (keep_prob below 1), a smaller network");
        }
        if (highBias()) {
            return List.of("a bigger network (more units or layers)", "train longer", "another optimizer (adam)");
        }
        if (highVariance()) {
            return List.of("more data", "L2 regularization (a larger λ)", "dropout (keep_prob below 1)", "a smaller network");
        }
        return List.of("done: the model fits the training set and generalizes to the dev set");
    }

    /** The report section, several lines. */
    public String report() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("diagnosis: train error %.2f%%, dev error %.2f%%, Bayes error %.2f%%%n", 100 * trainError,
                100 * devError, 100 * bayesError));
        s.append(String.format("  avoidable bias %.2f%% (%s; high above %.2f%%), variance %.2f%% (%s; high above %.2f%%)%n",
                100 * avoidableBias(), highBias() ? "high" : "low", 100 * biasThreshold,
                100 * variance(), highVariance() ? "high" : "low", 100 * varianceThreshold));
        s.append("  verdict: ").append(verdict()).append(String.format("%n"));
        for (String step : nextSteps()) s.append("  next: ").append(step).append(String.format("%n"));
        return s.toString();
    }
}
