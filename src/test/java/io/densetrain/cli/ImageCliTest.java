package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.augment.AugmentSpec;
import io.densetrain.data.Hdf5Loader;
import io.densetrain.data.ImageSplit;
import io.densetrain.train.TrainConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image data, augmentation, preview, export and the augmentation experiment from the CLI. */
class ImageCliTest {
    static final String FIXTURE = "src/test/resources/images/course-layout.h5";

    @TempDir
    Path dir;

    @Test
    void trainsOnTheCourseLayoutHdf5() {
        CliTest.Run r = CliTest.run("train", "--train", FIXTURE, "--test", FIXTURE, "--layers", "12288,3,1", "--init", "xavier",
                "--iterations", "5", "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.json().get("train_examples").getAsInt());
        assertEquals(4, r.json().get("test_examples").getAsInt());
        assertEquals("none", r.json().get("augment").getAsString());
    }

    @Test
    void trainsOnAnImageFolderAndRefusesASingleClass() throws Exception {
        Path root = dir.resolve("folder");
        io.densetrain.data.ImageFolderLoaderTest.save(io.densetrain.data.ImageFolderLoaderTest.solid(9, 6, 0xffffff), "png", root.resolve("light/1.png"));
        io.densetrain.data.ImageFolderLoaderTest.save(io.densetrain.data.ImageFolderLoaderTest.solid(5, 5, 0xeeeeee), "bmp", root.resolve("light/2.bmp"));
        io.densetrain.data.ImageFolderLoaderTest.save(io.densetrain.data.ImageFolderLoaderTest.solid(7, 3, 0x101010), "jpg", root.resolve("dark/1.jpg"));
        io.densetrain.data.ImageFolderLoaderTest.save(io.densetrain.data.ImageFolderLoaderTest.solid(4, 8, 0x000000), "gif", root.resolve("dark/2.gif"));
        CliTest.Run r = CliTest.run("train", "--train", root.toString(), "--image-size", "8x8", "--channels", "1", "--hidden", "3",
                "--lr", "0.5", "--iterations", "300", "--device", "cpu", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.json().get("train_examples").getAsInt());
        assertEquals("[64,3,1]", r.json().get("layers").toString());
        assertEquals(1.0, r.json().get("train_accuracy").getAsDouble(), 0, "light vs dark is separable");
        Files.delete(root.resolve("dark/1.jpg"));
        Files.delete(root.resolve("dark/2.gif"));
        Files.delete(root.resolve("dark"));
        CliTest.Run one = CliTest.run("train", "--train", root.toString(), "--device", "cpu");
        assertEquals(2, one.code());
        assertEquals(1, one.err().lines().count(), one.err());
        assertTrue(one.err().contains("at least 2"), one.err());
    }

    @Test
    void badHdf5AndAugmentInputGetOneLineAndExit2() {
        CliTest.Run keys = CliTest.run("train", "--train", FIXTURE, "--x-key", "images", "--y-key", "train_set_y", "--device", "cpu");
        assertEquals(2, keys.code());
        assertEquals(1, keys.err().lines().count(), keys.err());
        assertTrue(keys.err().contains("no array 'images'") && keys.err().contains("train_set_x (4, 64, 64, 3) uint8"), keys.err());

        CliTest.Run notImages = CliTest.run("train", "--data", "circles", "--augment", "flip", "--device", "cpu");
        assertEquals(2, notImages.code());
        assertTrue(notImages.err().contains("--augment needs pictures"), notImages.err());

        CliTest.Run gradcheck = CliTest.run("gradcheck", "--augment", "flip");
        assertEquals(2, gradcheck.code(), "a gradient check never augments: the flag does not exist there");
    }

    @Test
    void augmentationNeverTouchesTheEvaluationInputs() {
        DataOptions data = new DataOptions();
        data.data = "shapes";
        data.samples = 40;
        data.testSamples = 30;
        data.images.imageSize = "10x10";
        ModelOptions model = new ModelOptions();
        model.hidden = new int[] {8};
        model.device = "cpu";
        ImageSplit images;
        double[] plainTheta, augmentedTheta;
        var config = new TrainConfig(0.1, 20, 5);
        try (RunContext run = new RunContext(data, model)) {
            images = data.images.loaded;
            io.densetrain.experiment.AugmentationExperiment.run("none", run.workspace(), config, AugmentSpec.parse("none"), images.shape(), 1);
            plainTheta = run.device.download(run.network.theta());
        }
        try (RunContext run = new RunContext(data, model)) {
            io.densetrain.experiment.AugmentationExperiment.run("augmented", run.workspace(), config,
                    AugmentSpec.parse("flip,shift=2,rotate=20,noise=0.1"), images.shape(), 1);
            augmentedTheta = run.device.download(run.network.theta());
            // X_train (used for the train accuracy) and X_test hold the original pictures after augmented training.
            assertArrayEquals(run.split.train().features(), run.device.download(run.xTrain));
            assertArrayEquals(run.split.test().features(), run.device.download(run.xTest));
        }
        assertFalse(java.util.Arrays.equals(plainTheta, augmentedTheta), "the updates did see augmented pictures");
    }

    @Test
    void previewWritesTheGrid() throws Exception {
        Path png = dir.resolve("grid.png");
        CliTest.Run r = CliTest.run("augment", "preview", "--out", png.toString(), "--rows", "3", "--versions", "4", "--samples", "10",
                "--test-samples", "0", "--image-size", "16x16");
        assertEquals(0, r.code(), r.err());
        BufferedImage grid = ImageIO.read(png.toFile());
        // scale 4 → 64-px cells; width 4 + 5·(64 + 4) + 4, height 4 + 3·(64 + 4).
        assertEquals(4 + 5 * 68 + 4, grid.getWidth());
        assertEquals(4 + 3 * 68, grid.getHeight());
        CliTest.Run bad = CliTest.run("augment", "preview", "--out", dir.resolve("missing/grid.png").toString());
        assertEquals(2, bad.code());
        assertFalse(Files.exists(dir.resolve("missing")));
        CliTest.Run badList = CliTest.run("augment", "preview", "--out", dir.resolve("x.png").toString(), "--augment", "zoom");
        assertEquals(2, badList.code());
        assertFalse(Files.exists(dir.resolve("x.png")), "nothing written on bad input");
    }

    @Test
    void exportWritesTheCourseLayoutThatLoadsBack() {
        Path train = dir.resolve("train.h5"), test = dir.resolve("test.h5");
        CliTest.Run r = CliTest.run("export-h5", "--out", train.toString(), "--test-out", test.toString(), "--samples", "6",
                "--test-samples", "3", "--image-size", "8x8", "--channels", "3");
        assertEquals(0, r.code(), r.err());
        ImageSplit back = Hdf5Loader.load(train, test, null, null);
        assertEquals(List.of("circle", "square", "triangle"), back.classNames());
        assertEquals(6, back.train().size());
        assertEquals(3, back.test().size());
        assertEquals(192, back.train().featureCount());
        DataOptions data = new DataOptions();
        data.data = "shapes";
        data.samples = 6;
        data.testSamples = 3;
        data.images.imageSize = "8x8";
        data.images.channels = 3;
        var original = data.load();
        assertArrayEquals(original.train().labels(), back.train().labels());
        for (int i = 0; i < original.train().features().length; i++) {
            assertEquals(original.train().features()[i], back.train().features()[i], 0.5 / 255 + 1e-12, "uint8 rounding at " + i);
        }
    }

    @Test
    void theExperimentWritesTheTableAndTheCurves() throws Exception {
        Path out = dir.resolve("exp");
        CliTest.Run r = CliTest.run("experiment", "augmentation", "--samples", "60", "--test-samples", "60", "--image-size", "12x12",
                "--iterations", "60", "--cost-every", "20", "--hidden", "16", "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| no augmentation |") && md.contains("| augment flip,vflip,shift=2,rotate=20,pad=reflect |"), md);
        assertTrue(md.contains("gap (train − test)"), md);
        assertTrue(ImageIO.read(out.resolve("costs.png").toFile()).getWidth() == 800);
    }
}
