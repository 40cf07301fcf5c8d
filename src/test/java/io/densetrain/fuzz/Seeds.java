package io.densetrain.fuzz;

import io.densetrain.data.Dataset;
import io.densetrain.data.Hdf5Writer;
import io.densetrain.data.ImageShape;
import io.densetrain.data.Normalization;
import io.densetrain.device.Activation;
import io.densetrain.model.CheckpointStore;
import io.densetrain.model.ModelDirectory;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import io.densetrain.nn.Architecture;
import io.densetrain.train.CostPoint;
import io.densetrain.train.TrainState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The valid files the fuzz targets start from, and {@link #main} which writes the seed corpus
 * ({@code src/test/resources/io/densetrain/fuzz/LoaderFuzzTestInputs/<target>/}): each valid file plus a
 * few hand-made damaged ones. Regenerate with {@code mvn -q test-compile exec:java} is not needed: run
 * this main with the test class path.
 */
public final class Seeds {
    static final Map<String, Object> IDENTITY = Map.of("seed", 1);
    private static Map<String, byte[]> model, checkpoint;

    private Seeds() {
    }

    static SavedModel savedModel() {
        double[] theta = new double[13];
        for (int i = 0; i < 13; i++) theta[i] = 0.25 * i - 1;
        return new SavedModel(new Architecture(new int[] {2, 3, 1}, Activation.RELU), true,
                new Normalization(new double[] {0.5, -1}, new double[] {2, 3}), List.of("x1", "x2"), List.of("no", "yes"), null,
                Map.of("lr", 0.1), theta);
    }

    /** model.safetensors and model.json of {@link #savedModel}, as a save writes them. */
    static synchronized Map<String, byte[]> modelFiles() {
        if (model == null) model = committed(dir -> ModelStore.save(dir, savedModel()));
        return model;
    }

    /** The four files of a checkpoint at update 5 (adam: two optimizer buffers). */
    static synchronized Map<String, byte[]> checkpointFiles() {
        if (checkpoint == null) {
            SavedModel m = savedModel();
            TrainState s = new TrainState(5, m.theta(), List.of(new double[13], new double[13]), Double.NaN, -1, 0, null,
                    List.of(new CostPoint(0, 0.69), new CostPoint(4, 0.5)), List.of(), List.of());
            checkpoint = committed(dir -> CheckpointStore.save(dir, m, s, IDENTITY));
        }
        return checkpoint;
    }

    private static Map<String, byte[]> committed(java.util.function.Consumer<Path> save) {
        try {
            Path dir = Files.createTempDirectory("densetrain-seed").resolve("m");
            save.accept(dir);
            ModelDirectory.Generation g = ModelDirectory.currentOrNull(dir);
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (String f : g.files().keySet()) out.put(f, ModelDirectory.read(g, f));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png() {
        return image("png");
    }

    static byte[] image(String format) {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 3; x++) for (int y = 0; y < 2; y++) img.setRGB(x, y, (x * 80) << 16 | (y * 120) << 8 | 40);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] hdf5() throws IOException {
        Path f = Files.createTempDirectory("densetrain-seed").resolve("tiny.h5");
        ImageShape shape = new ImageShape(2, 2, 1);
        Hdf5Writer.write(f, "train", new Dataset("tiny", 4, new double[] {0, 0.5, 1, 0.25, 1, 0, 0.5, 0.75}, new int[] {0, 1},
                shape.featureNames()), shape, List.of("a", "b"));
        return Files.readAllBytes(f);
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/io/densetrain/fuzz/LoaderFuzzTestInputs");
        byte[] tensors = modelFiles().get("model.safetensors");
        seed(root, "safetensors", "valid", tensors);
        seed(root, "safetensors", "truncated", java.util.Arrays.copyOf(tensors, tensors.length - 9));
        seed(root, "safetensors", "checkpoint", checkpointFiles().get(CheckpointStore.TENSORS));
        byte[] json = modelFiles().get("model.json");
        seed(root, "modelJson", "valid", json);
        seed(root, "modelJson", "layers_overflow", text(json).replace("\"layers\": [", "\"layers\": [70000, 70000, ").getBytes(StandardCharsets.UTF_8));
        seed(root, "manifest", "valid", manifestFor(modelFiles()));
        seed(root, "checkpointJson", "valid", checkpointFiles().get(CheckpointStore.STATE));
        seed(root, "csv", "valid", "x1,x2,y\n0.5,1.5,0\n-1,2e3,1\n".getBytes(StandardCharsets.UTF_8));
        seed(root, "csv", "quoted", "x1,\"x2\",label\n\"1\",2,1\n3,4,0\n".getBytes(StandardCharsets.UTF_8));
        seed(root, "csv", "ragged", "x1,x2,y\n1,2\n3,4,5,6\n".getBytes(StandardCharsets.UTF_8));
        seed(root, "hdf5", "valid", hdf5());
        seed(root, "image", "png", png());
        seed(root, "image", "bmp", image("bmp"));
        seed(root, "image", "gif", image("gif"));
        seed(root, "image", "jpeg", image("jpg"));
    }

    /** IDX1 labels 0, 1, 1 for the three pictures of the idx seed. */
    static byte[] idxLabels() {
        return new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 1};
    }

    /** int64 .npy labels 0..2 of three examples (numpy's own file, from the array fixtures). */
    static byte[] npyLabels() {
        try (var in = Seeds.class.getResourceAsStream("/arrays/y_i8.npy")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] manifestFor(Map<String, byte[]> files) {
        StringBuilder m = new StringBuilder("{\"format\": \"densetrain-dir-1\", \"generation\": \"g000001\", \"files\": {");
        String sep = "";
        for (var f : files.entrySet()) {
            m.append(sep).append('"').append(f.getKey()).append("\": {\"bytes\": ").append(f.getValue().length)
                    .append(", \"sha256\": \"").append(LoaderTargets.sha256(f.getValue())).append("\"}");
            sep = ", ";
        }
        return m.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void seed(Path root, String target, String name, byte[] bytes) throws IOException {
        Files.createDirectories(root.resolve(target));
        Files.write(root.resolve(target).resolve(name), bytes);
    }
}
