package io.densetrain.data;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Built-in seeded datasets, generated the way scikit-learn's {@code make_circles}, {@code make_moons}
 * and {@code make_blobs} do, then shuffled. Each call returns train and test sets drawn together.
 */
public final class Synthetic2D {
    private Synthetic2D() {
    }

    /** Which generator and its parameters. */
    public record Spec(String kind, int trainSize, int testSize, double noise, int classes, int features, long seed) {
        public Spec {
            if (trainSize < 1) throw new SettingException("samples", "must be ≥ 1, got " + trainSize);
            if (testSize < 0) throw new SettingException("testSamples", "must be ≥ 0, got " + testSize);
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new SettingException("noise", "must be a finite value ≥ 0, got " + noise);
            }
            if (classes < 2) {
                throw new SettingException("classes", "must be ≥ 2, got " + classes);
            }
            if (features < 1) {
                throw new SettingException("features", "must be ≥ 1, got " + features);
            }
        }
    }

    public static final List<String> KINDS = List.of("circles", "moons", "blobs", "spirals", "xor", "flower",
            "gaussian-quantiles");

    private static Dataset generated(Spec spec, int m, Random random) {
        Dataset d = Generators2D.generate(spec.kind().toLowerCase(Locale.ROOT), m, spec.noise(), spec.classes(), random);
        if (d == null) {
            throw new SettingException("data", "'" + spec.kind() + "' is unknown: use one of " + KINDS);
        }
        return d;
    }

    public static TrainTest generate(Spec spec) {
        int m = spec.trainSize() + spec.testSize();
        Random random = new Random(spec.seed());
        Dataset all = switch (spec.kind().toLowerCase(Locale.ROOT)) {
            case "circles" -> circles(m, spec.noise(), 0.8, random);
            case "moons" -> moons(m, spec.noise(), random);
            case "blobs" -> blobs(m, spec.classes(), spec.features(), spec.noise(), random);
            default -> generated(spec, m, random);
        };
        int[] order = permutation(m, random);
        int[] trainIdx = java.util.Arrays.copyOfRange(order, 0, spec.trainSize());
        int[] testIdx = java.util.Arrays.copyOfRange(order, spec.trainSize(), m);
        return new TrainTest(all.subset(spec.kind() + " train", trainIdx), all.subset(spec.kind() + " test", testIdx));
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    public static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Two concentric circles: the outer (radius 1) is class 0, the inner (radius {@code factor}) class 1. */
    static Dataset circles(int m, double noise, double factor, Random random) {
        int outer = m / 2, inner = m - outer;
        double[] x = new double[2 * m];
        int[] y = new int[m];
        for (int j = 0; j < m; j++) {
            boolean isInner = j >= outer;
            int k = isInner ? j - outer : j;
            double t = 2 * Math.PI * k / (isInner ? inner : outer);
            double r = isInner ? factor : 1.0;
            x[2 * j] = r * Math.cos(t) + noise * random.nextGaussian();
            x[2 * j + 1] = r * Math.sin(t) + noise * random.nextGaussian();
            y[j] = isInner ? 1 : 0;
        }
        return new Dataset("circles", 2, x, y, List.of("x1", "x2"));
    }

    /** Two interleaving half circles. */
    static Dataset moons(int m, double noise, Random random) {
        int outer = m / 2, inner = m - outer;
        double[] x = new double[2 * m];
        int[] y = new int[m];
        for (int j = 0; j < m; j++) {
            boolean isInner = j >= outer;
            int k = isInner ? j - outer : j;
            int n = isInner ? inner : outer;
            double t = n > 1 ? Math.PI * k / (n - 1) : 0;
            double px = isInner ? 1 - Math.cos(t) : Math.cos(t);
            double py = isInner ? 1 - Math.sin(t) - 0.5 : Math.sin(t);
            x[2 * j] = px + noise * random.nextGaussian();
            x[2 * j + 1] = py + noise * random.nextGaussian();
            y[j] = isInner ? 1 : 0;
        }
        return new Dataset("moons", 2, x, y, List.of("x1", "x2"));
    }

    /** Gaussian blobs: centres uniform in [−10, 10]^d, standard deviation {@code spread} (default 1). */
    static Dataset blobs(int m, int classes, int features, double spread, Random random) {
        double[] centres = new double[classes * features];
        for (int i = 0; i < centres.length; i++) centres[i] = -10 + 20 * random.nextDouble();
        double[] x = new double[features * m];
        int[] y = new int[m];
        List<String> names = new java.util.ArrayList<>();
        for (int f = 0; f < features; f++) names.add("x" + (f + 1));
        for (int j = 0; j < m; j++) {
            int c = j % classes;
            for (int f = 0; f < features; f++) {
                x[f + j * features] = centres[c * features + f] + spread * random.nextGaussian();
            }
            y[j] = c;
        }
        return new Dataset("blobs", features, x, y, names);
    }
}
