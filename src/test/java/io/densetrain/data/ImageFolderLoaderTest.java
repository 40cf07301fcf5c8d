package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders with mixed sizes and formats, bilinear resizing, and the folder errors. */
public class ImageFolderLoaderTest {
    @TempDir
    Path dir;

    public static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) image.setRGB(x, y, rgb);
        return image;
    }

    public static void save(BufferedImage image, String format, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), format);
    }

    @Test
    void readsMixedSizesAndFormatsInSortedClassOrder() throws Exception {
        Path root = dir.resolve("pets");
        // Created in reverse order; classes must still come out sorted.
        save(solid(8, 8, 0x336699), "png", root.resolve("zebra/a.png"));
        save(solid(16, 12, 0xff0000), "bmp", root.resolve("zebra/b.bmp"));
        save(solid(5, 7, 0x00ff00), "gif", root.resolve("cat/x.gif"));
        save(solid(20, 10, 0x808080), "jpg", root.resolve("cat/y.jpg"));
        Files.writeString(root.resolve("cat/.DS_Store"), "hidden files are skipped");
        ImageSplit split = ImageFolderLoader.load(root, null, 3, 4, 4);
        assertEquals(List.of("cat", "zebra"), split.classNames());
        Dataset d = split.train();
        assertEquals(48, d.featureCount());
        assertArrayEquals(new int[] {0, 0, 1, 1}, d.labels());
        // Uniform pictures stay uniform when resized: GIF green, JPEG gray (lossy: within 2/255), PNG, BMP exact.
        for (int i = 0; i < 16; i++) {
            assertEquals(0, d.feature(0, 3 * i), 0);
            assertEquals(1, d.feature(0, 3 * i + 1), 0);
            assertEquals(128 / 255.0, d.feature(1, 3 * i), 2.0 / 255);
            assertEquals(0x33 / 255.0, d.feature(2, 3 * i), 0);
            assertEquals(0x66 / 255.0, d.feature(2, 3 * i + 1), 0);
            assertEquals(0x99 / 255.0, d.feature(2, 3 * i + 2), 0);
            assertEquals(1, d.feature(3, 3 * i), 0);
        }
        // Grayscale: luma 0.299 R + 0.587 G + 0.114 B.
        Dataset gray = ImageFolderLoader.load(root, null, 1, 2, 3).train();
        assertEquals(6, gray.featureCount());
        assertEquals(0.587, gray.feature(0, 0), 1e-12);
        assertEquals(0.299, gray.feature(3, 5), 1e-12);
    }

    @Test
    void bilinearResizeMatchesTheHandComputedValues() {
        // f(r, c) = 2r + c on a 2x2 picture, upscaled to 4x4: output (r, c) samples (y, x) = ((r+½)/2 − ½, …)
        // clamped to [0, 1], i.e. y, x ∈ {0, 0.25, 0.75, 1}; bilinear reproduces 2y + x exactly.
        double[] in = {0, 1, 2, 3};
        double[] out = Images.resize(in, 2, 2, 1, 4, 4);
        double[] t = {0, 0.25, 0.75, 1};
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) assertEquals(2 * t[r] + t[c], out[r * 4 + c], 1e-15, "(" + r + "," + c + ")");
        // Downscaling 4x4 → 2x2 samples at (0.5, 0.5), (0.5, 2.5), …: the average of each 2x2 block here.
        double[] big = new double[16];
        for (int i = 0; i < 16; i++) big[i] = i;
        assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, Images.resize(big, 4, 4, 1, 2, 2), 1e-12);
    }

    @Test
    void aNonImageFileIsNamed() throws Exception {
        Path root = dir.resolve("bad");
        save(solid(4, 4, 0), "png", root.resolve("a/1.png"));
        save(solid(4, 4, 0), "png", root.resolve("b/1.png"));
        Files.writeString(root.resolve("b/readme.txt"), "not a picture");
        var e = assertThrows(BadInputException.class, () -> ImageFolderLoader.load(root, null, 3, 4, 4));
        assertTrue(e.getMessage().contains("readme.txt") && e.getMessage().contains("not an image"), e.getMessage());
    }

    @Test
    void aSingleClassFolderIsRefused() throws Exception {
        Path root = dir.resolve("one");
        save(solid(4, 4, 0), "png", root.resolve("only/1.png"));
        var e = assertThrows(BadInputException.class, () -> ImageFolderLoader.load(root, null, 3, 4, 4));
        assertTrue(e.getMessage().contains("1 class sub-folder (only)") && e.getMessage().contains("at least 2"), e.getMessage());
    }
}
