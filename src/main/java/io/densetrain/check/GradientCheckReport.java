package io.densetrain.check;

import java.util.List;

/**
 * Result of a gradient check: the overall difference {@code ||dθ_approx − dθ|| / (||dθ_approx|| + ||dθ||)}
 * over every checked coordinate, the same per block, the coordinates with the largest absolute
 * error, and the verdict by the bands of {@link Verdict}.
 */
public record GradientCheckReport(long iteration, double epsilon, double difference, Verdict verdict,
                                  List<Block> blocks, List<Coordinate> worst) {

    /**
     * One block (W1, b1, …): how many of its coordinates were checked, and its difference;
     * {@code belowNoiseFloor} when every gradient in it is rounding noise (difference reported as 0);
     * {@code kinks}, coordinates skipped because a ReLU kink lies within ±ε of them.
     */
    public record Block(String name, long checked, long size, double difference, Verdict verdict, boolean belowNoiseFloor,
                        int kinks) {
    }

    /** One coordinate: θ index, "W2[1,0]", analytic and numerical derivative. */
    public record Coordinate(long index, String name, double analytic, double numerical) {
        public double absoluteError() {
            return Math.abs(analytic - numerical);
        }
    }

    /** The worst verdict of the overall difference and every block's. */
    public Verdict worstVerdict() {
        Verdict worst = verdict;
        for (Block b : blocks) {
            if (b.verdict().ordinal() > worst.ordinal()) worst = b.verdict();
        }
        return worst;
    }

    /** True unless some difference is in the "bug" band. */
    public boolean passed() {
        return worstVerdict() != Verdict.BUG;
    }
}
