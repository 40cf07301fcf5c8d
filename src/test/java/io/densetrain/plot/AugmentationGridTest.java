package io.densetrain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densetrain.augment.AugmentSpec;
import io.densetrain.augment.Augmenter;
import io.densetrain.data.Dataset;
import io.densetrain.data.ImageShape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code augment preview}'s grid from the library: its size, the originals' pixels and the augmenter's versions. */
class AugmentationGridTest {
    @TempDir
    Path dir;

    @Test
    void originalsInTheFirstColumnAugmentedVersionsBesideThem() throws Exception {
        assumeTrue(DesktopModule.present(), "needs the java.desktop module (java.awt, ImageIO)");
        ImageShape shape = new ImageShape(2, 2, 1);
        // two 2x2 grayscale pictures; 255·v gives the grey levels 0, 51, 153, 255 and 255, 153, 51, 0
        double[] x = new double[8];
        double[] levels = {0, 0.2, 0.6, 1.0};
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                x[shape.index(r, c, 0)] = levels[2 * r + c];
                x[4 + shape.index(r, c, 0)] = levels[3 - (2 * r + c)];
            }
        }
        Dataset train = new Dataset("two", 4, x, new int[] {0, 1}, List.of("p1", "p2", "p3", "p4"));
        Augmenter augmenter = new Augmenter(AugmentSpec.parse("flip,vflip"), shape, x, 7);
        boolean changed = false;
        for (int k = 0; k < 3; k++) changed |= !java.util.Arrays.equals(augmenter.picture(k, 0), java.util.Arrays.copyOfRange(x, 0, 4));
        assertTrue(changed, "seed 7 must flip at least one version, or the grid's versions are not told from the originals");
        Path png = dir.resolve("grid.png");
        int s = 3, versions = 3, gap = AugmentationGrid.GAP;
        AugmentationGrid.write(train, augmenter, shape, 2, versions, s, png);
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals((versions + 1) * (2 * s + gap) + 2 * gap, grid.getWidth());
        assertEquals(2 * (2 * s + gap) + gap, grid.getHeight());
        assertEquals(0xFFFFFF, grid.getRGB(0, 0) & 0xFFFFFF, "white background");
        for (int j = 0; j < 2; j++) {
            int top = gap + j * (2 * s + gap);
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(grey(x[4 * j + shape.index(r, c, 0)]), grid.getRGB(gap + c * s + 1, top + r * s + 1) & 0xFFFFFF);
                    for (int k = 0; k < versions; k++) {
                        int left = 2 * gap + (k + 1) * (2 * s + gap);
                        double v = augmenter.picture(k, j)[shape.index(r, c, 0)];
                        assertEquals(grey(v), grid.getRGB(left + c * s + 1, top + r * s + 1) & 0xFFFFFF, "version " + k + " of " + j);
                    }
                }
            }
        }
    }

    private static int grey(double v) {
        int b = (int) Math.round(255 * v);
        return b << 16 | b << 8 | b;
    }
}
