package io.densetrain.data;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import java.util.List;
import java.util.Random;

/**
 * The built-in image set {@code --data shapes}: seeded pictures of a circle (label 0), a square (1) and,
 * with 3 classes, an equilateral triangle (2), each at a random centre in the middle 40% of the
 * picture, random size (circumradius 18–32% of the side), random rotation, random foreground and
 * background intensities (or colours with 3 channels), drawn with 3×3 supersampled anti-aliasing, plus
 * Gaussian pixel noise of standard deviation {@code noise}, clipped to [0, 1]. With 3 channels the
 * foreground of circles leans red and that of squares blue (a colour cue, as in photographs). With a few hundred
 * training pictures a dense network memorizes the noise and positions (high variance), which is what
 * flips, shifts and rotations counter.
 */
public final class Shapes {
    private Shapes() {
    }

    public static final List<String> CLASS_NAMES = List.of("circle", "square", "triangle");

    /** How much the colour pictures' foreground leans red (circles) or blue (squares). */
    static final double COLOUR_CUE = 0.25;

    /** Generator settings. */
    public record Spec(int trainSize, int testSize, int height, int width, int channels, int classes, double noise, long seed) {
        public Spec {
            if (trainSize < 1) throw new SettingException("samples", "must be ≥ 1, got " + trainSize);
            if (testSize < 0) throw new SettingException("testSamples", "must be ≥ 0, got " + testSize);
            if (height < 8 || width < 8) {
                throw new SettingException("imageSize", "for shapes must be at least 8x8, got " + height + "x" + width);
            }
            if (channels != 1 && channels != 3) {
                throw new SettingException("channels", "must be 1 or 3, got " + channels);
            }
            if (classes != 2 && classes != 3) {
                throw new SettingException("classes", "for shapes must be 2 (circle, square) or 3 (and triangle), got " + classes);
            }
            if (!(noise >= 0) || Double.isInfinite(noise)) {
                throw new SettingException("noise", "must be a finite value ≥ 0, got " + noise);
            }
        }
    }

    public static ImageSplit generate(Spec spec) {
        ImageShape shape = new ImageShape(spec.height(), spec.width(), spec.channels());
        Random random = new Random(spec.seed());
        Dataset train = draw("shapes train", spec.trainSize(), shape, spec, random);
        Dataset test = draw("shapes test", spec.testSize(), shape, spec, random);
        return new ImageSplit(train, test, shape, CLASS_NAMES.subList(0, spec.classes()));
    }

    private static Dataset draw(String name, int m, ImageShape shape, Spec spec, Random random) {
        double[] x = new double[m * shape.features()];
        int[] y = new int[m];
        for (int j = 0; j < m; j++) {
            y[j] = random.nextInt(spec.classes());
            drawOne(y[j], shape, spec.noise(), random, x, j * shape.features());
        }
        return new Dataset(name, shape.features(), x, y, shape.featureNames());
    }

    private static void drawOne(int kind, ImageShape shape, double noise, Random random, double[] out, int offset) {
        int h = shape.height(), w = shape.width(), channels = shape.channels();
        double side = Math.min(h, w);
        double cy = h * (0.3 + 0.4 * random.nextDouble()), cx = w * (0.3 + 0.4 * random.nextDouble());
        double radius = side * (0.18 + 0.14 * random.nextDouble());
        double angle = 2 * Math.PI * random.nextDouble();
        double cos = Math.cos(angle), sin = Math.sin(angle);
        double[] fg = new double[channels], bg = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            fg[ch] = 0.55 + 0.45 * random.nextDouble();
            bg[ch] = 0.4 * random.nextDouble();
        }
        if (channels == 3 && kind < 2) {
            // The colour cue: circles lean red, squares blue (channel 0 or 2 of the foreground, raised by
            // COLOUR_CUE and clipped), the kind of colour statistics a dense network finds in photographs.
            fg[kind == 0 ? 0 : 2] = Math.min(1, fg[kind == 0 ? 0 : 2] + COLOUR_CUE);
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int inside = 0;
                for (int sy = 0; sy < 3; sy++) {
                    for (int sx = 0; sx < 3; sx++) {
                        double py = r + (sy + 0.5) / 3 - cy, px = c + (sx + 0.5) / 3 - cx;
                        // Shape coordinates: the point rotated by −angle about the centre.
                        double u = cos * px + sin * py, v = -sin * px + cos * py;
                        if (contains(kind, u, v, radius)) inside++;
                    }
                }
                double coverage = inside / 9.0;
                for (int ch = 0; ch < channels; ch++) {
                    double value = bg[ch] + coverage * (fg[ch] - bg[ch]) + noise * random.nextGaussian();
                    out[offset + shape.index(r, c, ch)] = Math.max(0, Math.min(1, value));
                }
            }
        }
    }

    /** Whether shape-local point (u, v) lies in a circle, square or triangle of circumradius R. */
    private static boolean contains(int kind, double u, double v, double radius) {
        switch (kind) {
            case 0:
                return u * u + v * v <= 0.8 * 0.8 * radius * radius; // area-matched to the square
            case 1:
                double half = radius / Math.sqrt(2);
                return Math.abs(u) <= half && Math.abs(v) <= half;
            default:
                // Equilateral triangle with vertices at angles 90°, 210°, 330°: inside all three edges,
                // each at distance R/2 from the centre along its outward normal.
                for (int k = 0; k < 3; k++) {
                    double a = Math.PI / 2 + Math.PI / 3 + k * 2 * Math.PI / 3;
                    if (u * Math.cos(a) + v * Math.sin(a) > radius / 2) return false;
                }
                return true;
        }
    }
}
