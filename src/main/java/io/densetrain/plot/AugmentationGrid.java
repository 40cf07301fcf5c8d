package io.densetrain.plot;

import io.densetrain.augment.Augmenter;
import io.densetrain.data.Dataset;
import io.densetrain.data.ImageShape;
import io.densetrain.data.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The PNG grid of {@code augment preview}: original pictures in the first column, augmented versions (epochs
 * 0..versions−1 of the augmenter) beside each, on white with 4-pixel gaps. Needs java.awt (the desktop module),
 * which the GPU bundle's runtime does not have; callers check {@link DesktopModule#require} first.
 */
public final class AugmentationGrid {
    /** Pixels between cells. */
    public static final int GAP = 4;

    private AugmentationGrid() {
    }

    /**
     * Draws {@code shown} rows of the original and {@code versions} augmented pictures, each pixel {@code s}×{@code s},
     * into {@code out} (one atomic write): (versions + 1)·(W·s + GAP) + 2·GAP pixels wide, shown·(H·s + GAP) + GAP high.
     */
    public static void write(Dataset train, Augmenter augmenter, ImageShape shape, int shown, int versions, int s, Path out) {
        int gap = GAP, cellW = shape.width() * s, cellH = shape.height() * s;
        int width = gap + (versions + 1) * (cellW + gap) + gap, height = gap + shown * (cellH + gap);
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int j = 0; j < shown; j++) {
            int y = gap + j * (cellH + gap);
            g.drawImage(Images.toImage(train.features(), j * shape.features(), shape), gap, y, cellW, cellH, null);
            for (int k = 0; k < versions; k++) {
                int x = 2 * gap + (k + 1) * (cellW + gap);
                g.drawImage(Images.toImage(augmenter.picture(k, j), 0, shape), x, y, cellW, cellH, null);
            }
        }
        g.dispose();
        io.densetrain.model.AtomicFiles.write(out, file -> {
            if (!javax.imageio.ImageIO.write(grid, "png", file.toFile())) throw new java.io.IOException("no PNG writer");
        });
    }
}
