package io.densetrain.data;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape (H, W, C) of the images behind a dataset's feature columns. Features are flattened in
 * numpy's {@code X.reshape(m, -1).T} order: row, then column, then channel, so pixel (r, c, ch) of an
 * example is feature {@code (r·W + c)·C + ch}.
 */
public record ImageShape(int height, int width, int channels) {

    public ImageShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new BadInputException("image shape " + height + "x" + width + "x" + channels + " must be positive");
        }
    }

    /** Number of features n_x = H·W·C. */
    public int features() {
        return height * width * channels;
    }

    /** Feature index of pixel (row, col, channel). */
    public int index(int row, int col, int channel) {
        return (row * width + col) * channels + channel;
    }

    /** Feature names "r0c0ch0", … in feature order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(features());
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
                for (int ch = 0; ch < channels; ch++) names.add("r" + r + "c" + c + "ch" + ch);
        return names;
    }

    /** Parses {@code --image-size HxW} (e.g. 64x64) into (height, width). */
    public static int[] parseSize(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int h = Integer.parseInt(parts[0].trim()), w = Integer.parseInt(parts[1].trim());
                if (h >= 1 && w >= 1 && h <= 4096 && w <= 4096) return new int[] {h, w};
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SettingException("imageSize", "'" + text + "' is not HEIGHTxWIDTH with sizes 1..4096; write e.g. 64x64");
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
