package io.densetrain.check;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Network;
import io.densetrain.nn.ParameterLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Two-sided numerical gradient check over the flat θ:
 * {@code dθ_approx[i] = (J(θ + εe_i) − J(θ − εe_i)) / 2ε}, compared with backprop's dθ by
 * {@code ||dθ_approx − dθ||₂ / (||dθ_approx||₂ + ||dθ||₂)}, overall and per block (W1, b1, …). J
 * includes the L2 term. Only meaningful in float64 and without dropout (J must be deterministic), so
 * both are enforced. With {@code samplePerBlock > 0}, that many random coordinates of each block are
 * checked instead of all of them.
 *
 * <p>A block whose gradients, analytic and numerical, are all below the noise floor of the
 * difference quotient, {@code 2⁻⁵²·max(1, |J|)/ε·100}, is reported as zero (difference 0) rather than
 * as a relative error of pure rounding noise: that happens when a sigmoid saturates in float64.
 */
public final class GradientCheck {
    public static final double DEFAULT_EPSILON = 1e-7;

    /** ε, coordinates per block (0 = all), seed for the sample, how many worst coordinates to list. */
    public record Options(double epsilon, int samplePerBlock, long seed, int worstCount) {
        public Options {
            if (!(epsilon > 0) || epsilon > 1) {
                throw new SettingException("epsilon", "must be in (0, 1], got " + epsilon);
            }
            if (samplePerBlock < 0) {
                throw new SettingException("samplePerBlock", "must be ≥ 0 (0 checks every coordinate), got " + samplePerBlock);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_EPSILON, 0, 1, 5);
        }
    }

    private GradientCheck() {
    }

    public static GradientCheckReport run(Network network, Matrix x, Matrix y, Options options, long iteration) {
        if (network.regularization().usesDropout()) {
            throw new BadInputException("gradient checking needs keep_prob = 1 in every layer: dropout makes J random, so "
                    + "(J(θ+ε) − J(θ−ε))/2ε does not estimate its gradient; check without dropout, then turn it on");
        }
        if (network.device().epsilon() > 1e-10) {
            throw new SettingException("device", "must be the float64 CPU device (cpu) for gradient checking, not "
                    + network.device().kind() + " (float32 rounding swamps the difference quotient)");
        }
        ParameterLayout layout = network.layout();
        double[] theta0 = network.parameters();
        network.forward(x, false, 0);
        network.backward(y);
        double[] analytic = network.gradientValues();

        double j0 = cost(network, x, y, theta0);
        double floor = 100 * Math.ulp(1.0) * Math.max(1, Math.abs(j0)) / options.epsilon();
        Random random = new Random(options.seed());
        List<GradientCheckReport.Block> blocks = new ArrayList<>();
        List<GradientCheckReport.Coordinate> all = new ArrayList<>();
        double diffSq = 0, approxSq = 0, gradSq = 0;
        double[] theta = theta0.clone();
        for (int b = 0; b < layout.blockCount(); b++) {
            long offset = layout.blockOffset(b), size = layout.blockSize(b);
            long[] indices = chooseIndices(offset, size, options.samplePerBlock(), random);
            double bDiff = 0, bApprox = 0, bGrad = 0, largest = 0;
            int kinks = 0;
            for (long index : indices) {
                int i = (int) index;
                double[] sides = oneSidedDifferences(network, x, y, theta, i, options.epsilon(), j0);
                if (isKink(sides[0], sides[1], j0)) {
                    kinks++;
                    continue;
                }
                double numerical = (sides[0] + sides[1]) / (2 * options.epsilon());
                double d = numerical - analytic[i];
                bDiff += d * d;
                bApprox += numerical * numerical;
                bGrad += analytic[i] * analytic[i];
                largest = Math.max(largest, Math.max(Math.abs(numerical), Math.abs(analytic[i])));
                all.add(new GradientCheckReport.Coordinate(index, layout.coordinate(index), analytic[i], numerical));
            }
            boolean belowFloor = indices.length > kinks && largest < floor;
            double difference = belowFloor ? 0 : ratio(bDiff, bApprox, bGrad);
            blocks.add(new GradientCheckReport.Block(layout.blockName(b), indices.length - kinks, size, difference,
                    Verdict.of(difference), belowFloor, kinks));
            diffSq += bDiff;
            approxSq += bApprox;
            gradSq += bGrad;
        }
        network.setParameters(theta0);
        double difference = ratio(diffSq, approxSq, gradSq);
        List<GradientCheckReport.Coordinate> worst = all.stream()
                .sorted(Comparator.comparingDouble(GradientCheckReport.Coordinate::absoluteError).reversed())
                .limit(options.worstCount()).toList();
        return new GradientCheckReport(iteration, options.epsilon(), difference, Verdict.of(difference), blocks, worst);
    }

    /** ||a − g|| / (||a|| + ||g||) from squared norms; 0 when both gradients are exactly zero. */
    private static double ratio(double diffSq, double approxSq, double gradSq) {
        double denominator = Math.sqrt(approxSq) + Math.sqrt(gradSq);
        return denominator == 0 ? 0 : Math.sqrt(diffSq) / denominator;
    }

    /** {J(θ+εe_i) − J(θ), J(θ) − J(θ−εe_i)}; their sum over 2ε is the two-sided difference. */
    private static double[] oneSidedDifferences(Network network, Matrix x, Matrix y, double[] theta, int i, double eps, double j0) {
        double saved = theta[i];
        theta[i] = saved + eps;
        double plus = cost(network, x, y, theta);
        theta[i] = saved - eps;
        double minus = cost(network, x, y, theta);
        theta[i] = saved;
        return new double[] {plus - j0, j0 - minus};
    }

    /**
     * A ReLU kink inside [θ_i − ε, θ_i + ε] (e.g. Z exactly 0 where a zero bias meets an all-dropped or
     * all-inactive column): the two one-sided slopes disagree by far more than curvature (ε·J'') and
     * rounding allow, so the two-sided difference measures neither slope and the coordinate is skipped
     * (and counted) instead of being reported as a bug. A wrong backprop cannot hide here: the test
     * looks at the numerical side only.
     */
    static boolean isKink(double forward, double backward, double j0) {
        double gap = Math.abs(forward - backward);
        return gap > 1e-4 * (Math.abs(forward) + Math.abs(backward)) && gap > 1000 * Math.ulp(1.0) * Math.max(1, Math.abs(j0));
    }

    private static double cost(Network network, Matrix x, Matrix y, double[] theta) {
        network.setParameters(theta);
        network.forward(x, false, 0);
        return network.cost(y);
    }

    private static long[] chooseIndices(long offset, long size, int sample, Random random) {
        if (sample == 0 || sample >= size) {
            long[] all = new long[(int) size];
            for (int k = 0; k < size; k++) all[k] = offset + k;
            return all;
        }
        // Partial Fisher–Yates over the block: `sample` distinct coordinates.
        int[] pool = new int[(int) size];
        for (int k = 0; k < size; k++) pool[k] = k;
        long[] chosen = new long[sample];
        for (int k = 0; k < sample; k++) {
            int j = k + random.nextInt((int) size - k);
            int t = pool[k];
            pool[k] = pool[j];
            pool[j] = t;
            chosen[k] = offset + pool[k];
        }
        Arrays.sort(chosen);
        return chosen;
    }
}
