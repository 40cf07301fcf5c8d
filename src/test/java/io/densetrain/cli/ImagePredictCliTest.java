package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.densetrain.data.ImageFolderLoaderTest;
import io.densetrain.data.ImageShape;
import io.densetrain.data.Images;
import io.densetrain.data.Normalization;
import io.densetrain.experiment.AugmentationExperiment;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Architecture;
import io.densetrain.train.TrainResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image shape and class names saved with the model, predict --image, and the experiment's diagnosis. */
class ImagePredictCliTest {
    @TempDir
    Path dir;

    /** light (white-ish) vs dark (black-ish) pictures of mixed sizes and formats. */
    private Path lightDarkFolder() throws Exception {
        Path root = dir.resolve("folder");
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(9, 6, 0xffffff), "png", root.resolve("light/1.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(5, 5, 0xeeeeee), "bmp", root.resolve("light/2.bmp"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(7, 3, 0x101010), "png", root.resolve("dark/1.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(4, 8, 0x000000), "gif", root.resolve("dark/2.gif"));
        return root;
    }

    private Path trainLightDark() throws Exception {
        Path model = dir.resolve("model");
        CliTest.Run r = CliTest.run("train", "--train", lightDarkFolder().toString(), "--image-size", "8x8", "--channels", "1",
                "--hidden", "3", "--lr", "0.5", "--iterations", "300", "--device", "cpu", "--json", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
        return model;
    }

    @Test
    void trainSavesTheImageShapeAndClassNamesOnlyForPictures() throws Exception {
        SavedModel folder = ModelStore.load(trainLightDark());
        assertArrayEquals(new int[] {8, 8, 1}, folder.inputShape());
        assertEquals(List.of("dark", "light"), folder.classNames(), "sorted sub-folder names");

        Path h5 = dir.resolve("h5");
        assertEquals(0, CliTest.run("train", "--train", ImageCliTest.FIXTURE, "--layers", "12288,2,1", "--iterations", "2", "--device", "cpu",
                "--json", "--save", h5.toString()).code());
        assertArrayEquals(new int[] {64, 64, 3}, ModelStore.load(h5).inputShape());
        assertEquals(List.of("non-cat", "cat"), ModelStore.load(h5).classNames(), "the file's list_classes");

        Path shapes = dir.resolve("shapes");
        assertEquals(0, CliTest.run("train", "--data", "shapes", "--samples", "12", "--test-samples", "3", "--image-size", "9x8",
                "--hidden", "2", "--iterations", "2", "--device", "cpu", "--json", "--save", shapes.toString()).code());
        assertArrayEquals(new int[] {9, 8, 1}, ModelStore.load(shapes).inputShape());
        assertEquals(List.of("circle", "square", "triangle"), ModelStore.load(shapes).classNames());

        Path circles = dir.resolve("circles");
        assertEquals(0, CliTest.run("train", "--data", "circles", "--iterations", "2", "--device", "cpu", "--json", "--save",
                circles.toString()).code());
        assertNull(ModelStore.load(circles).inputShape());
        assertNull(ModelStore.load(circles).classNames());
        String json = Files.readString(io.densetrain.model.ModelDirectory.committedFile(circles, ModelStore.METADATA));
        assertFalse(json.contains("input_shape") || json.contains("class_names"), json);
    }

    @Test
    void predictsAFolderAndAFileResizedAsTrainingPicturesAre() throws Exception {
        Path model = trainLightDark();
        Path pictures = dir.resolve("new");
        // a 16×12 horizontal gradient (resized to 8×8), a white 8×8 and a black 8×8 picture
        BufferedImage gradient = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++)
            for (int x = 0; x < 16; x++) gradient.setRGB(x, y, (x * 17) << 16 | (x * 17) << 8 | x * 17);
        ImageFolderLoaderTest.save(gradient, "png", pictures.resolve("a-gradient.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(8, 8, 0xffffff), "png", pictures.resolve("b-white.png"));
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(8, 8, 0x000000), "bmp", pictures.resolve("c-black.bmp"));

        CliTest.Run r = CliTest.run("predict", "--model", model.toString(), "--image", pictures.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).matches("file\\s+class\\s+probability"), lines.get(0));
        assertTrue(lines.get(2).startsWith(pictures.resolve("b-white.png").toString()) && lines.get(2).contains(" light "), lines.get(2));
        assertTrue(lines.get(3).startsWith(pictures.resolve("c-black.bmp").toString()) && lines.get(3).contains(" dark "), lines.get(3));
        assertEquals(1, r.err().lines().count(), "one note for all resized pictures: " + r.err());
        assertTrue(r.err().startsWith("note: 1 of 3 pictures is not 8x8; resized bilinearly"), r.err());

        // The same picture through the CSV route (features from the training loader's own conversion) gives the same probability.
        double[] features = Images.toFeatures(ImageIO.read(pictures.resolve("a-gradient.png").toFile()), new ImageShape(8, 8, 1));
        List<String> names = new ImageShape(8, 8, 1).featureNames();
        Path csv = dir.resolve("gradient.csv");
        Files.writeString(csv, String.join(",", names) + "\n"
                + IntStream.range(0, features.length).mapToObj(i -> Double.toString(features[i])).collect(Collectors.joining(",")) + "\n");
        CliTest.Run viaCsv = CliTest.run("predict", "--model", model.toString(), "--input", csv.toString(), "--device", "cpu");
        assertEquals(0, viaCsv.code(), viaCsv.err());
        String[] csvRow = viaCsv.out().lines().toList().get(1).split(",");
        String[] imageRow = lines.get(1).trim().split("\\s+");
        assertEquals(csvRow[1], imageRow[1], "class");
        assertEquals(csvRow[2], imageRow[2], "probability");

        CliTest.Run one = CliTest.run("predict", "--model", model.toString(), "--image", pictures.resolve("b-white.png").toString(),
                "--device", "cpu", "--json");
        assertEquals(0, one.code(), one.err());
        assertEquals("", one.err(), "an 8×8 picture needs no resize note");
        JsonObject j = one.json();
        assertEquals("[8,8,1]", j.get("input_shape").toString());
        assertEquals(1, j.getAsJsonArray("predictions").size());
        JsonObject p = j.getAsJsonArray("predictions").get(0).getAsJsonObject();
        assertEquals("light", p.get("class").getAsString());
        assertTrue(p.get("probability").getAsDouble() > 0.5, p.toString());
    }

    @Test
    void badImageInputGetsOneLineExit2AndPrintsNothing() throws Exception {
        Path model = trainLightDark();
        Path folder = dir.resolve("mixed");
        ImageFolderLoaderTest.save(ImageFolderLoaderTest.solid(8, 8, 0xffffff), "png", folder.resolve("a.png"));
        Files.writeString(folder.resolve("readme.txt"), "not a picture");
        assertBad(CliTest.run("predict", "--model", model.toString(), "--image", folder.toString(), "--device", "cpu"), "readme.txt");
        assertBad(CliTest.run("predict", "--model", model.toString(), "--image", dir.resolve("none.png").toString(), "--device", "cpu"),
                "no such file");
        assertBad(CliTest.run("predict", "--model", model.toString(), "--device", "cpu"), "exactly one of --input");

        Path circles = dir.resolve("circles");
        assertEquals(0, CliTest.run("train", "--iterations", "2", "--device", "cpu", "--json", "--save", circles.toString()).code());
        assertBad(CliTest.run("predict", "--model", circles.toString(), "--image", folder.resolve("a.png").toString(), "--device", "cpu"),
                "not trained on pictures");

        // models whose pictures cannot be produced from a picture file: 4 channels, or a shape that does not give n_x
        Architecture arch = new Architecture(64, 1);
        double[] zeros = new double[64], ones = new double[64];
        java.util.Arrays.fill(ones, 1);
        SavedModel fourChannels = new SavedModel(arch, false, new Normalization(zeros, ones), new ImageShape(4, 4, 4).featureNames(),
                null, new int[] {4, 4, 4}, Map.of(), new double[65]);
        ModelStore.save(dir.resolve("rgba"), fourChannels);
        assertBad(CliTest.run("predict", "--model", dir.resolve("rgba").toString(), "--image", folder.resolve("a.png").toString(),
                "--device", "cpu"), "4 channels");
        SavedModel damaged = new SavedModel(arch, false, new Normalization(zeros, ones), fourChannels.featureNames(), null,
                new int[] {8, 8, 3}, Map.of(), new double[65]);
        ModelStore.save(dir.resolve("damaged"), damaged);
        assertBad(CliTest.run("predict", "--model", dir.resolve("damaged").toString(), "--image", folder.resolve("a.png").toString(),
                "--device", "cpu"), "damaged");
    }

    private static void assertBad(CliTest.Run r, String named) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out(), "nothing printed on bad input");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(named), r.err());
    }

    @Test
    void theExperimentUsesTheCoursesDiagnosis() {
        // the course's four examples as accuracies (Bayes error 0)
        assertEquals("high variance", AugmentationExperiment.diagnosis(0.99, 0.89).verdict());
        assertEquals("high bias", AugmentationExperiment.diagnosis(0.85, 0.84).verdict());
        assertEquals("high bias and high variance", AugmentationExperiment.diagnosis(0.85, 0.70).verdict(),
                "the experiment's former rule called this only high variance");
        assertEquals("low bias and low variance", AugmentationExperiment.diagnosis(0.995, 0.99).verdict());
        TrainResult result = new TrainResult(List.of(), 10, 0.1, "completed", false, List.of());
        String table = AugmentationExperiment.table(List.of(new AugmentationExperiment.Row("no augmentation", 1.0, 0.426, result),
                new AugmentationExperiment.Row("augment flip", 0.7267, 0.719, result)));
        assertTrue(table.contains("| no augmentation | 1.0000 | 0.4260 | 0.5740 | NaN | high variance | more data |"), table);
        assertTrue(table.contains("| augment flip | 0.7267 | 0.7190 | 0.0077 | NaN | high bias | a bigger network"), table);
    }
}
