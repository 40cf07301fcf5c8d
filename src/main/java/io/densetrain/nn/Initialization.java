package io.densetrain.nn;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import java.util.Locale;
import java.util.Random;

/**
 * Weight initialization schemes; biases always start at zero. Weights are drawn from
 * {@code java.util.Random(seed).nextGaussian()} (an algorithm fixed by its specification, so a seed
 * gives the same θ bit for bit on every JDK), block by block, each block in column-major order, and
 * multiplied by the scheme's factor:
 * <ul>
 *   <li>{@code zeros}: 0 (every unit stays identical: symmetry is never broken)</li>
 *   <li>{@code random}: {@code scale} (default 10, the course's "large random" experiment)</li>
 *   <li>{@code he}: √(2/n[l−1]) (for ReLU)</li>
 *   <li>{@code xavier}: √(1/n[l−1]) (for tanh)</li>
 *   <li>{@code glorot}: √(2/(n[l−1] + n[l]))</li>
 * </ul>
 * For he, xavier and glorot, {@code scale} multiplies the factor (default 1).
 */
public enum Initialization {
    ZEROS, RANDOM, HE, XAVIER, GLOROT;

    public static final double DEFAULT_RANDOM_SCALE = 10.0;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Initialization parse(String name) {
        for (Initialization i : values()) {
            if (i.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new BadInputException("unknown initialization '" + name + "': use zeros, random, he, xavier or glorot");
    }

    /** Default scale: 10 for random, 1 (no change to the factor) otherwise. */
    public double defaultScale() {
        return this == RANDOM ? DEFAULT_RANDOM_SCALE : 1.0;
    }

    /** Standard deviation of layer {@code l}'s weights. */
    public double factor(Architecture architecture, int layer, double scale) {
        double fanIn = architecture.size(layer - 1), fanOut = architecture.size(layer);
        return switch (this) {
            case ZEROS -> 0.0;
            case RANDOM -> scale;
            case HE -> scale * Math.sqrt(2.0 / fanIn);
            case XAVIER -> scale * Math.sqrt(1.0 / fanIn);
            case GLOROT -> scale * Math.sqrt(2.0 / (fanIn + fanOut));
        };
    }

    /** A fresh θ in {@link ParameterLayout} order. */
    public double[] initialTheta(Architecture architecture, double scale, long seed) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new SettingException("initScale", "must be a positive number, got " + scale);
        }
        ParameterLayout layout = new ParameterLayout(architecture);
        double[] theta = new double[Math.toIntExact(layout.total())];
        Random random = new Random(seed);
        for (int l = 1; l <= architecture.depth(); l++) {
            double factor = factor(architecture, l, scale);
            int start = (int) layout.weightOffset(l);
            int count = architecture.size(l) * architecture.size(l - 1);
            for (int i = 0; i < count; i++) {
                theta[start + i] = factor * random.nextGaussian();
            }
        }
        return theta;
    }
}
