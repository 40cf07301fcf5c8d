package io.densetrain.data;

import java.util.List;
import java.util.Random;

/**
 * More seeded 2-D datasets beside {@link Synthetic2D}'s: spirals, XOR, the course's "flower" (planar
 * petals) and gaussian quantiles. Each draws {@code m} examples from {@code random} in class order;
 * {@link Synthetic2D#generate} shuffles and splits them.
 */
public final class Generators2D {
    public static final List<String> KINDS = List.of("spirals", "xor", "flower", "gaussian-quantiles");

    private Generators2D() {
    }

    /** The generator named {@code kind}, or null when there is none of that name. */
    static Dataset generate(String kind, int m, double noise, int classes, Random random) {
        return switch (kind) {
            case "spirals" -> spirals(m, classes, noise, random);
            case "xor" -> xor(m, noise, random);
            case "flower" -> flower(m, noise, random);
            case "gaussian-quantiles", "quantiles" -> gaussianQuantiles(m, classes, random);
            default -> null;
        };
    }

    /** Default generator noise: spirals 0.2, xor 0.1, flower 0.2 (the course's), quantiles unused. */
    public static double defaultNoise(String kind) {
        return switch (kind) {
            case "xor" -> 0.1;
            default -> 0.2;
        };
    }

    /**
     * K interleaved spiral arms (cs231n's): arm c has radius r = k/n for k = 0..n−1 and angle
     * t = 4c + 4r + noise·N(0,1); x = (r·sin t, r·cos t).
     */
    static Dataset spirals(int m, int classes, double noise, Random random) {
        double[] x = new double[2 * m];
        int[] y = new int[m];
        for (int j = 0; j < m; j++) {
            int c = j % classes;
            int k = j / classes, n = (m + classes - 1 - c) / classes;
            double r = n > 1 ? (double) k / (n - 1) : 0;
            double t = 4 * c + 4 * r + noise * random.nextGaussian();
            x[2 * j] = r * Math.sin(t);
            x[2 * j + 1] = r * Math.cos(t);
            y[j] = c;
        }
        return new Dataset("spirals", 2, x, y, List.of("x1", "x2"));
    }

    /** XOR: x uniform in [−1, 1]², label 1 when x1·x2 > 0, then jittered by noise·N(0,1). */
    static Dataset xor(int m, double noise, Random random) {
        double[] x = new double[2 * m];
        int[] y = new int[m];
        for (int j = 0; j < m; j++) {
            double a = 2 * random.nextDouble() - 1, b = 2 * random.nextDouble() - 1;
            y[j] = a * b > 0 ? 1 : 0;
            x[2 * j] = a + noise * random.nextGaussian();
            x[2 * j + 1] = b + noise * random.nextGaussian();
        }
        return new Dataset("xor", 2, x, y, List.of("x1", "x2"));
    }

    /**
     * The course's planar "flower" (load_planar_dataset): class j ∈ {0, 1} has angles
     * t = linspace(3.12j, 3.12(j+1)) + noise·N(0,1), radius r = 4·sin(4t) + noise·N(0,1),
     * x = (r·sin t, r·cos t).
     */
    static Dataset flower(int m, double noise, Random random) {
        double[] x = new double[2 * m];
        int[] y = new int[m];
        int half = m / 2;
        for (int j = 0; j < m; j++) {
            int c = j < half ? 0 : 1;
            int k = c == 0 ? j : j - half, n = c == 0 ? half : m - half;
            double t = 3.12 * c + (n > 1 ? 3.12 * k / (n - 1) : 0) + noise * random.nextGaussian();
            double r = 4 * Math.sin(4 * t) + noise * random.nextGaussian();
            x[2 * j] = r * Math.sin(t);
            x[2 * j + 1] = r * Math.cos(t);
            y[j] = c;
        }
        return new Dataset("flower", 2, x, y, List.of("x1", "x2"));
    }

    /**
     * scikit-learn's make_gaussian_quantiles: x ~ N(0, I₂), classes are the K quantile shells of
     * ‖x‖² (class 0 innermost), equal in size.
     */
    static Dataset gaussianQuantiles(int m, int classes, Random random) {
        double[] x = new double[2 * m];
        Integer[] order = new Integer[m];
        double[] r2 = new double[m];
        for (int j = 0; j < m; j++) {
            x[2 * j] = random.nextGaussian();
            x[2 * j + 1] = random.nextGaussian();
            r2[j] = x[2 * j] * x[2 * j] + x[2 * j + 1] * x[2 * j + 1];
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(r2[a], r2[b]));
        int[] y = new int[m];
        for (int rank = 0; rank < m; rank++) {
            y[order[rank]] = (int) ((long) rank * classes / m);
        }
        return new Dataset("gaussian-quantiles", 2, x, y, List.of("x1", "x2"));
    }
}
