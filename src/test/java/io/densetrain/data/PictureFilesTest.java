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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures for prediction: read, converted and resized as training folders are. */
class PictureFilesTest {
    @TempDir
    Path dir;

    /** A 2×2 gray picture with values 0, 51, 102, 153 (row-major). */
    static BufferedImage grays() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        int[] v = {0, 51, 102, 153};
        for (int i = 0; i < 4; i++) image.setRGB(i % 2, i / 2, v[i] << 16 | v[i] << 8 | v[i]);
        return image;
    }

    @Test
    void aFolderIsReadInSortedOrderResizedAndConverted() throws Exception {
        ImageFolderLoaderTest.save(grays(), "png", dir.resolve("b.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(1, 1, 0xff0000), "bmp", dir.resolve("a.bmp"));
        Files.writeString(dir.resolve(".hidden"), "skipped");
        Files.createDirectories(dir.resolve("sub"));
        PictureFiles.Pictures p = PictureFiles.read(dir, new ImageShape(1, 1, 3));
        assertEquals(List.of(dir.resolve("a.bmp"), dir.resolve("b.png")), p.files());
        // a.bmp: pure red → (1, 0, 0); b.png 2×2 → 1×1 samples the centre (0.5, 0.5): the mean 76.5/255 = 0.3 in each channel.
        assertArrayEquals(new double[] {1, 0, 0, 0.3, 0.3, 0.3}, p.features(), 1e-12);
        assertEquals(1, p.resized(), "only the 2×2 picture differs from 1×1");
        PictureFiles.Pictures gray = PictureFiles.read(dir.resolve("b.png"), new ImageShape(2, 2, 1));
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6}, gray.features(), 1e-12);
        assertEquals(0, gray.resized());
    }

    @Test
    void nonPicturesEmptyFoldersAndOtherChannelCountsAreNamed() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a picture");
        BadInputException notImage = assertThrows(BadInputException.class, () -> PictureFiles.read(dir, new ImageShape(2, 2, 1)));
        assertTrue(notImage.getMessage().contains("notes.txt") && notImage.getMessage().contains("not an image"), notImage.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertTrue(assertThrows(BadInputException.class, () -> PictureFiles.read(empty, new ImageShape(2, 2, 1))).getMessage()
                .contains("holds no pictures"));
        assertTrue(assertThrows(BadInputException.class, () -> PictureFiles.read(dir.resolve("missing.png"), new ImageShape(2, 2, 1)))
                .getMessage().contains("no such file"));
        assertTrue(assertThrows(BadInputException.class, () -> PictureFiles.read(dir, new ImageShape(2, 2, 4))).getMessage()
                .contains("4 channels"));
    }
}
