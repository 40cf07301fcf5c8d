package io.densetrain.nn;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import java.util.Arrays;

/**
 * L2 strength λ and the inverted-dropout keep probabilities: {@code keepProb[l]} for the activations
 * A[l] of layers 0 (the input) to L−1 (the last hidden layer); the output is never dropped.
 */
public record Regularization(double lambda, double[] keepProb) {

    public Regularization {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new SettingException("l2", "must be a finite λ ≥ 0, got " + lambda);
        }
        keepProb = keepProb.clone();
        for (double k : keepProb) {
            if (!(k > 0 && k <= 1)) {
                throw new BadInputException("keep_prob must be in (0, 1], got " + k + " (1 keeps every unit; 0 would drop them all)");
            }
        }
    }

    /** No regularization for a network of depth L. */
    public static Regularization none(int depth) {
        double[] keep = new double[depth];
        Arrays.fill(keep, 1.0);
        return new Regularization(0, keep);
    }

    /**
     * λ and keep_prob from the CLI's form: one value for every hidden layer, or a comma list with one
     * value per hidden layer, or one per layer including the input first (L values).
     */
    public static Regularization of(double lambda, double[] given, int depth) {
        double[] keep = new double[depth];
        Arrays.fill(keep, 1.0);
        if (given == null || given.length == 0) {
            return new Regularization(lambda, keep);
        }
        if (given.length == 1) {
            Arrays.fill(keep, 1, depth, given[0]);
        } else if (given.length == depth - 1) {
            System.arraycopy(given, 0, keep, 1, depth - 1);
        } else if (given.length == depth) {
            System.arraycopy(given, 0, keep, 0, depth);
        } else {
            throw new SettingException("keepProb", "has " + given.length + " values; give 1, " + (depth - 1)
                    + " (one per hidden layer) or " + depth + " (input layer first)");
        }
        return new Regularization(lambda, keep);
    }

    public boolean usesDropout() {
        return Arrays.stream(keepProb).anyMatch(k -> k < 1);
    }

    @Override
    public double[] keepProb() {
        return keepProb.clone();
    }

    public double keepProb(int layer) {
        return keepProb[layer];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regularization r && r.lambda == lambda && Arrays.equals(r.keepProb, keepProb);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lambda) * 31 + Arrays.hashCode(keepProb);
    }

    @Override
    public String toString() {
        return "λ=" + lambda + " keep_prob=" + Arrays.toString(keepProb);
    }
}
