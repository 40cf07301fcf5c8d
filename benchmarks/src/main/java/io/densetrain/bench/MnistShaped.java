package io.densetrain.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * MNIST-shaped data, generated (no download): 10 classes of 28×28 pictures in [0, 1]. Each class is a
 * template of four Gaussian strokes (σ = 2 px) at seeded positions; an example is its class template
 * shifted by up to ±3 px, scaled by an intensity in [0.6, 1.2], plus N(0, 1) noise, clipped to
 * [0, 1]. Features are then standardized with the training set's mean and standard deviation, as
 * {@code train} does. {@link #main} writes it for the Python peers (benchmarks/peers/minibatch_*.py):
 * little-endian int32 header (train, test, features, classes), float64 X train (example-major),
 * int32 labels train, float64 X test, int32 labels test.
 */
public final class MnistShaped {
    public static final int SIDE = 28, FEATURES = SIDE * SIDE, CLASSES = 10;
    /** Pixel noise σ: chosen so that the workload's test accuracy is about 0.96, near real digits' 0.955. */
    static final double NOISE = 1.0;

    /** Example-major features (m rows of 784) and labels, standardized by the training set. */
    public final double[] xTrain, xTest;
    public final int[] yTrain, yTest;
    public final int train, test;

    public MnistShaped(int train, int test, long seed) {
        this.train = train;
        this.test = test;
        Random r = new Random(seed);
        double[][] templates = new double[CLASSES][FEATURES];
        for (int c = 0; c < CLASSES; c++) {
            for (int s = 0; s < 4; s++) {
                double cx = 6 + 16 * r.nextDouble(), cy = 6 + 16 * r.nextDouble();
                double dx = 8 * r.nextDouble() - 4, dy = 8 * r.nextDouble() - 4;
                for (int k = 0; k <= 8; k++) { // a stroke: blobs along a segment
                    double px = cx + dx * k / 8.0, py = cy + dy * k / 8.0;
                    for (int i = 0; i < SIDE; i++) {
                        for (int j = 0; j < SIDE; j++) {
                            double d2 = (i - py) * (i - py) + (j - px) * (j - px);
                            templates[c][i * SIDE + j] += 0.35 * Math.exp(-d2 / 8.0);
                        }
                    }
                }
            }
        }
        xTrain = new double[train * FEATURES];
        xTest = new double[test * FEATURES];
        yTrain = new int[train];
        yTest = new int[test];
        fill(r, templates, xTrain, yTrain);
        fill(r, templates, xTest, yTest);
        standardize();
    }

    private static void fill(Random r, double[][] templates, double[] x, int[] y) {
        for (int e = 0; e < y.length; e++) {
            int c = r.nextInt(CLASSES), sx = r.nextInt(7) - 3, sy = r.nextInt(7) - 3;
            double intensity = 0.6 + 0.6 * r.nextDouble();
            y[e] = c;
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    int si = i - sy, sj = j - sx;
                    double v = si >= 0 && si < SIDE && sj >= 0 && sj < SIDE ? intensity * templates[c][si * SIDE + sj] : 0;
                    v += NOISE * r.nextGaussian();
                    x[e * FEATURES + i * SIDE + j] = Math.min(1, Math.max(0, v));
                }
            }
        }
    }

    private void standardize() {
        double[] mean = new double[FEATURES], std = new double[FEATURES];
        for (int e = 0; e < train; e++) {
            for (int i = 0; i < FEATURES; i++) mean[i] += xTrain[e * FEATURES + i];
        }
        for (int i = 0; i < FEATURES; i++) mean[i] /= train;
        for (int e = 0; e < train; e++) {
            for (int i = 0; i < FEATURES; i++) {
                double d = xTrain[e * FEATURES + i] - mean[i];
                std[i] += d * d;
            }
        }
        for (int i = 0; i < FEATURES; i++) {
            std[i] = Math.sqrt(std[i] / train);
            if (!(std[i] > 0)) std[i] = 1;
        }
        for (double[] x : new double[][] {xTrain, xTest}) {
            for (int k = 0; k < x.length; k++) x[k] = (x[k] - mean[k % FEATURES]) / std[k % FEATURES];
        }
    }

    /** One-hot (10, m) column-major targets. */
    public static double[] oneHot(int[] labels) {
        double[] y = new double[CLASSES * labels.length];
        for (int j = 0; j < labels.length; j++) y[j * CLASSES + labels[j]] = 1;
        return y;
    }

    /** Writes the set for the peers: {@code MnistShaped FILE [train test seed]}. */
    public static void main(String[] args) throws IOException {
        int train = args.length > 1 ? Integer.parseInt(args[1]) : 8000, test = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        MnistShaped d = new MnistShaped(train, test, seed);
        ByteBuffer b = ByteBuffer.allocate(16 + 8 * (d.xTrain.length + d.xTest.length) + 4 * (train + test))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(train).putInt(test).putInt(FEATURES).putInt(CLASSES);
        for (double v : d.xTrain) b.putDouble(v);
        for (int v : d.yTrain) b.putInt(v);
        for (double v : d.xTest) b.putDouble(v);
        for (int v : d.yTest) b.putInt(v);
        Path out = Path.of(args[0]);
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.write(tmp, b.array());
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
