package io.densetrain.augment;

import io.densetrain.data.ImageShape;
import java.util.SplittableRandom;

/**
 * Augments a whole training matrix X (column-major (n_x, m), one picture per column) for one epoch.
 * Picture j of epoch e draws its parameters from a generator seeded by a hash of (seed, e, j), so the
 * result is a pure function of those three, whichever thread computes it and in whatever order.
 */
public final class Augmenter {
    private final AugmentSpec spec;
    private final ImageShape shape;
    private final double[] original;
    private final int examples;
    private final long seed;

    public Augmenter(AugmentSpec spec, ImageShape shape, double[] original, long seed) {
        if (original.length % shape.features() != 0) {
            throw new IllegalArgumentException(original.length + " values are not whole pictures of " + shape);
        }
        spec.checkFits(shape);
        this.spec = spec;
        this.shape = shape;
        this.original = original;
        this.examples = original.length / shape.features();
        this.seed = seed;
    }

    public int examples() {
        return examples;
    }

    public int length() {
        return original.length;
    }

    /** Writes epoch {@code epoch}'s augmented X into {@code out} (length n_x·m). */
    public void fill(long epoch, double[] out) {
        int n = shape.features();
        double[] picture = new double[n];
        for (int j = 0; j < examples; j++) {
            System.arraycopy(original, j * n, picture, 0, n);
            double[] augmented = spec.apply(picture, shape, random(epoch, j));
            System.arraycopy(augmented, 0, out, j * n, n);
        }
    }

    /** Epoch {@code epoch}'s augmented X in a new array. */
    public double[] epoch(long epoch) {
        double[] out = new double[original.length];
        fill(epoch, out);
        return out;
    }

    /** One augmented version of picture {@code example}, as drawn in epoch {@code epoch}. */
    public double[] picture(long epoch, int example) {
        int n = shape.features();
        double[] picture = new double[n];
        System.arraycopy(original, example * n, picture, 0, n);
        return spec.apply(picture, shape, random(epoch, example));
    }

    private SplittableRandom random(long epoch, int example) {
        return new SplittableRandom(mix(mix(mix(seed) ^ epoch) ^ example));
    }

    /** SplitMix64's finalizer: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
