package io.densetrain.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.densetrain.BadInputException;
import io.densetrain.data.Normalization;
import io.densetrain.device.Activation;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.ParameterLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model directory: {@code model.safetensors} holds float64 tensors {@code W1..WL} (shape
 * [n[l], n[l−1]], row-major, the course's W[l]), {@code b1..bL} (shape [n[l]]),
 * {@code normalization_mean} and {@code normalization_std} (shape [n_x]); {@code model.json} holds
 * {@code format}, {@code layers}, {@code hidden_activation}, {@code output_activation},
 * {@code normalization} (true/false), {@code feature_names}, optional {@code class_names} and
 * {@code input_shape} [H, W, C], and {@code training} (the run's settings). Each file is written
 * atomically; a directory holding other files is refused rather than mixed with.
 */
public final class ModelStore {
    public static final String TENSORS = "model.safetensors";
    public static final String METADATA = "model.json";
    public static final String FORMAT = "densetrain-model-1";

    private ModelStore() {
    }

    public static void save(Path dir, SavedModel model) {
        checkWritableDirectory(dir);
        Architecture arch = model.architecture();
        ParameterLayout layout = new ParameterLayout(arch);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (int l = 1; l <= arch.depth(); l++) {
            int rows = arch.size(l), cols = arch.size(l - 1);
            double[] w = new double[rows * cols];
            int at = (int) layout.weightOffset(l);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) w[i * cols + j] = model.theta()[at + i + j * rows];
            }
            tensors.put("W" + l, new Safetensors.Tensor(new long[] {rows, cols}, w));
        }
        for (int l = 1; l <= arch.depth(); l++) {
            int at = (int) layout.biasOffset(l);
            tensors.put("b" + l, new Safetensors.Tensor(new long[] {arch.size(l)},
                    java.util.Arrays.copyOfRange(model.theta(), at, at + arch.size(l))));
        }
        tensors.put("normalization_mean", new Safetensors.Tensor(new long[] {arch.inputs()}, model.normalization().mean()));
        tensors.put("normalization_std", new Safetensors.Tensor(new long[] {arch.inputs()}, model.normalization().std()));
        AtomicFiles.write(dir.resolve(TENSORS), Safetensors.encode(tensors, Map.of("format", FORMAT)));

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("layers", arch.sizes());
        meta.put("hidden_activation", arch.hidden().label());
        meta.put("output_activation", arch.output().label());
        meta.put("normalization", model.normalized());
        meta.put("feature_names", model.featureNames());
        if (model.classNames() != null) meta.put("class_names", model.classNames());
        if (model.inputShape() != null) meta.put("input_shape", model.inputShape());
        meta.put("training", model.training());
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues()
                .create().toJson(meta);
        AtomicFiles.write(dir.resolve(METADATA), (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Refuses a path that is a file, or a non-empty directory that is not already a model directory. */
    public static void checkWritableDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is a file, not a directory; give a new or empty directory for the model");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(METADATA))) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException(dir + " already holds files that are not a densetrain model; give a new or"
                            + " empty directory");
                }
            } catch (IOException e) {
                throw new BadInputException(dir + ": cannot list (" + e.getMessage() + ")");
            }
        }
    }

    public static SavedModel load(Path dir) {
        Path metaFile = dir.resolve(METADATA);
        JsonObject meta;
        try {
            meta = JsonParser.parseString(Files.readString(metaFile, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new BadInputException(dir + " is not a model directory (no " + METADATA + "); give a directory written by"
                    + " train --save or --checkpoint-every");
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(metaFile + " is not valid model JSON; the file is damaged, save the model again");
        }
        if (!meta.has("format") || !FORMAT.equals(meta.get("format").getAsString())) {
            throw new BadInputException(metaFile + " is not a " + FORMAT + " file; give a directory written by densetrain");
        }
        Gson gson = new Gson();
        int[] sizes = gson.fromJson(meta.get("layers"), int[].class);
        Architecture arch = new Architecture(sizes, Activation.parseHidden(meta.get("hidden_activation").getAsString()));
        Map<String, Safetensors.Tensor> tensors = Safetensors.read(dir.resolve(TENSORS));
        ParameterLayout layout = new ParameterLayout(arch);
        double[] theta = new double[Math.toIntExact(layout.total())];
        for (int l = 1; l <= arch.depth(); l++) {
            int rows = arch.size(l), cols = arch.size(l - 1);
            double[] w = tensor(tensors, "W" + l, new long[] {rows, cols}, dir).values();
            int at = (int) layout.weightOffset(l);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) theta[at + i + j * rows] = w[i * cols + j];
            }
            double[] b = tensor(tensors, "b" + l, new long[] {rows}, dir).values();
            System.arraycopy(b, 0, theta, (int) layout.biasOffset(l), rows);
        }
        if (tensors.containsKey("W" + (arch.depth() + 1))) {
            throw new BadInputException(dir + ": " + TENSORS + " has more layers than " + METADATA + " describes; the two files"
                    + " come from different models");
        }
        long[] inputs = {arch.inputs()};
        Normalization norm = new Normalization(tensor(tensors, "normalization_mean", inputs, dir).values(),
                tensor(tensors, "normalization_std", inputs, dir).values());
        List<String> features = gson.fromJson(meta.get("feature_names"), new TypeToken<List<String>>() { }.getType());
        List<String> classes = meta.has("class_names")
                ? gson.fromJson(meta.get("class_names"), new TypeToken<List<String>>() { }.getType()) : null;
        int[] shape = meta.has("input_shape") ? gson.fromJson(meta.get("input_shape"), int[].class) : null;
        Map<String, Object> training = meta.has("training")
                ? gson.fromJson(meta.get("training"), new TypeToken<LinkedHashMap<String, Object>>() { }.getType()) : Map.of();
        return new SavedModel(arch, meta.get("normalization").getAsBoolean(), norm, features == null ? new ArrayList<>() : features,
                classes, shape, training, theta);
    }

    private static Safetensors.Tensor tensor(Map<String, Safetensors.Tensor> tensors, String name, long[] shape, Path dir) {
        Safetensors.Tensor t = tensors.get(name);
        if (t == null) {
            throw new BadInputException(dir + ": " + TENSORS + " has no tensor " + name + " but " + METADATA + " needs it; the"
                    + " two files come from different models");
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new BadInputException(dir + ": tensor " + name + " has shape " + java.util.Arrays.toString(t.shape())
                    + " but the architecture in " + METADATA + " needs " + java.util.Arrays.toString(shape)
                    + "; the files come from another architecture");
        }
        return t;
    }
}
