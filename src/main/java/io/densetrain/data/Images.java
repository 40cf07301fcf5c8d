package io.densetrain.data;

import java.awt.image.BufferedImage;

/**
 * Conversions between pictures and feature columns in (row, column, channel) order, values in [0, 1],
 * and the bilinear resampling shared by resizing and rotation.
 */
public final class Images {
    private Images() {
    }

    /**
     * The image converted to {@code shape.channels()} channels (3: R, G, B; 1: luma
     * 0.299·R + 0.587·G + 0.114·B, ITU-R BT.601 as PIL's "L"), divided by 255, resized bilinearly.
     */
    public static double[] toFeatures(BufferedImage image, ImageShape shape) {
        int h = image.getHeight(), w = image.getWidth(), channels = shape.channels();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        double[] full = new double[h * w * channels];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int rgb = image.getRGB(c, r);
                double red = (rgb >> 16 & 0xff) / 255.0, green = (rgb >> 8 & 0xff) / 255.0, blue = (rgb & 0xff) / 255.0;
                int at = (r * w + c) * channels;
                if (channels == 3) {
                    full[at] = red;
                    full[at + 1] = green;
                    full[at + 2] = blue;
                } else {
                    full[at] = 0.299 * red + 0.587 * green + 0.114 * blue;
                }
            }
        }
        return resize(full, h, w, channels, shape.height(), shape.width());
    }

    /**
     * Bilinear resize with pixel centres aligned (OpenCV's and PIL's convention for upscaling): output
     * pixel (r, c) samples the input at (y, x) = ((r + ½)·H/H' − ½, (c + ½)·W/W' − ½), clamped to the
     * image. The same size returns a copy.
     */
    public static double[] resize(double[] in, int h, int w, int channels, int outH, int outW) {
        if (h == outH && w == outW) return in.clone();
        double[] out = new double[outH * outW * channels];
        for (int r = 0; r < outH; r++) {
            double y = Math.max(0, Math.min(h - 1, (r + 0.5) * h / outH - 0.5));
            for (int c = 0; c < outW; c++) {
                double x = Math.max(0, Math.min(w - 1, (c + 0.5) * w / outW - 0.5));
                for (int ch = 0; ch < channels; ch++) {
                    out[(r * outW + c) * channels + ch] = sample(in, h, w, channels, y, x, ch);
                }
            }
        }
        return out;
    }

    /**
     * Bilinear sample of channel {@code ch} at real coordinates (y, x) inside [0, h−1]×[0, w−1]:
     * (1−fy)(1−fx)·p00 + (1−fy)fx·p01 + fy(1−fx)·p10 + fy·fx·p11. At integer (y, x) it is the pixel itself.
     */
    public static double sample(double[] in, int h, int w, int channels, double y, double x, int ch) {
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        int y1 = Math.min(y0 + 1, h - 1), x1 = Math.min(x0 + 1, w - 1);
        double fy = y - y0, fx = x - x0;
        double p00 = in[(y0 * w + x0) * channels + ch], p01 = in[(y0 * w + x1) * channels + ch];
        double p10 = in[(y1 * w + x0) * channels + ch], p11 = in[(y1 * w + x1) * channels + ch];
        double top = fx == 0 ? p00 : (1 - fx) * p00 + fx * p01;
        double bottom = fx == 0 ? p10 : (1 - fx) * p10 + fx * p11;
        return fy == 0 ? top : (1 - fy) * top + fy * bottom;
    }

    /** Pixels in [0, 1] (clipped) as a picture: gray for 1 channel, RGB for 3. */
    public static BufferedImage toImage(double[] features, int offset, ImageShape shape) {
        BufferedImage image = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < shape.height(); r++) {
            for (int c = 0; c < shape.width(); c++) {
                int at = offset + shape.index(r, c, 0);
                int red = byteOf(features[at]);
                int green = shape.channels() >= 3 ? byteOf(features[at + 1]) : red;
                int blue = shape.channels() >= 3 ? byteOf(features[at + 2]) : red;
                image.setRGB(c, r, red << 16 | green << 8 | blue);
            }
        }
        return image;
    }

    private static int byteOf(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(255 * v)));
    }
}
