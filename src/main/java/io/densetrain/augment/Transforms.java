package io.densetrain.augment;

import io.densetrain.data.ImageShape;
import io.densetrain.data.Images;
import java.util.random.RandomGenerator;

/**
 * The augmentation transforms with their parameters fixed, on one picture stored in (row, column,
 * channel) order with values in [0, 1]. Each returns a new array; {@link AugmentSpec} draws the
 * parameters at random.
 */
final class Transforms {
    private Transforms() {
    }

    /** Horizontal flip: out(r, c) = in(r, W−1−c). */
    public static double[] flipHorizontal(double[] in, ImageShape s) {
        double[] out = new double[in.length];
        for (int r = 0; r < s.height(); r++)
            for (int c = 0; c < s.width(); c++)
                System.arraycopy(in, s.index(r, s.width() - 1 - c, 0), out, s.index(r, c, 0), s.channels());
        return out;
    }

    /** Vertical flip: out(r, c) = in(H−1−r, c). */
    public static double[] flipVertical(double[] in, ImageShape s) {
        double[] out = new double[in.length];
        for (int r = 0; r < s.height(); r++)
            System.arraycopy(in, s.index(s.height() - 1 - r, 0, 0), out, s.index(r, 0, 0), s.width() * s.channels());
        return out;
    }

    /**
     * Translation by dy rows down and dx columns right: out(r, c) = in(r−dy, c−dx), and where that is
     * outside the picture, 0 (ZERO) or the reflected pixel (REFLECT). Equivalent to padding by k and
     * cropping back to H×W at offset (k−dy, k−dx), the "random crop with padding" of image pipelines.
     */
    public static double[] shift(double[] in, ImageShape s, int dy, int dx, Padding padding) {
        double[] out = new double[in.length];
        for (int r = 0; r < s.height(); r++) {
            int sr = padding.index(r - dy, s.height());
            if (sr < 0) continue;
            for (int c = 0; c < s.width(); c++) {
                int sc = padding.index(c - dx, s.width());
                if (sc < 0) continue;
                System.arraycopy(in, s.index(sr, sc, 0), out, s.index(r, c, 0), s.channels());
            }
        }
        return out;
    }

    /**
     * Rotation by {@code degrees} about the picture's centre (cy, cx) = ((H−1)/2, (W−1)/2), sampled
     * bilinearly: out(r, c) = in(cy + (r−cy)·cos θ − (c−cx)·sin θ, cx + (r−cy)·sin θ + (c−cx)·cos θ);
     * a source point outside the picture gives 0 (ZERO) or is reflected back in (REFLECT). θ = 0 is
     * the identity exactly.
     */
    public static double[] rotate(double[] in, ImageShape s, double degrees, Padding padding) {
        if (degrees == 0) return in.clone();
        double theta = Math.toRadians(degrees), cos = Math.cos(theta), sin = Math.sin(theta);
        double cy = (s.height() - 1) / 2.0, cx = (s.width() - 1) / 2.0;
        double[] out = new double[in.length];
        for (int r = 0; r < s.height(); r++) {
            for (int c = 0; c < s.width(); c++) {
                double y = padding.coordinate(cy + (r - cy) * cos - (c - cx) * sin, s.height());
                double x = padding.coordinate(cx + (r - cy) * sin + (c - cx) * cos, s.width());
                if (Double.isNaN(y) || Double.isNaN(x)) continue;
                for (int ch = 0; ch < s.channels(); ch++) {
                    out[s.index(r, c, ch)] = Images.sample(in, s.height(), s.width(), s.channels(), y, x, ch);
                }
            }
        }
        return out;
    }

    /** Brightness: out = clip(in + delta, 0, 1). */
    public static double[] brightness(double[] in, double delta) {
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) out[i] = clip(in[i] + delta);
        return out;
    }

    /** Contrast: out = clip(μ + factor·(in − μ), 0, 1), μ the mean of all the picture's values. */
    public static double[] contrast(double[] in, double factor) {
        double mean = 0;
        for (double v : in) mean += v;
        mean /= in.length;
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) out[i] = clip(mean + factor * (in[i] - mean));
        return out;
    }

    /** Gaussian pixel noise: out = clip(in + sd·z, 0, 1), z ~ N(0, 1) independently per value. */
    public static double[] noise(double[] in, double sd, RandomGenerator random) {
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) out[i] = clip(in[i] + sd * random.nextGaussian());
        return out;
    }

    static double clip(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
