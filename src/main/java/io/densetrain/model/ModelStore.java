package io.densetrain.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import io.densetrain.BadInputException;
import io.densetrain.data.Normalization;
import io.densetrain.device.Activation;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.ParameterLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A model directory. Its committed state ({@link ModelDirectory}: {@code current.json} naming a
 * generation folder) holds {@code model.safetensors}, float64 tensors {@code W1..WL} (shape
 * [n[l], n[l−1]], row-major, the course's W[l]), {@code b1..bL} (shape [n[l]]),
 * {@code normalization_mean} and {@code normalization_std} (shape [n_x]), and {@code model.json}:
 * {@code format}, {@code layers}, {@code hidden_activation}, {@code output_activation},
 * {@code normalization} (true/false), {@code feature_names}, optional {@code class_names} and
 * {@code input_shape} [H, W, C], and {@code training} (the run's settings). A save replaces the
 * whole state in one atomic step; a directory holding other files is refused rather than mixed with.
 * Loading checks every field, every tensor's shape against the architecture, finite weights and a
 * positive finite σ before anything is used. A directory in the layout before the commit point
 * (the two files directly in DIR) is still read.
 */
public final class ModelStore {
    public static final String TENSORS = "model.safetensors";
    public static final String METADATA = "model.json";
    public static final String FORMAT = "densetrain-model-1";

    private ModelStore() {
    }

    public static void save(Path dir, SavedModel model) {
        checkWritableDirectory(dir);
        ModelDirectory.commit(dir, encode(model));
    }

    /** The two files of {@code model}: name → bytes. */
    static Map<String, byte[]> encode(SavedModel model) {
        Architecture arch = model.architecture();
        ParameterLayout layout = new ParameterLayout(arch);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (int l = 1; l <= arch.depth(); l++) {
            int rows = arch.size(l), cols = arch.size(l - 1);
            double[] w = new double[Math.multiplyExact(rows, cols)];
            int at = (int) layout.weightOffset(l);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) w[i * cols + j] = model.theta()[at + i + j * rows];
            }
            tensors.put("W" + l, new Safetensors.Tensor(new long[] {rows, cols}, w));
        }
        for (int l = 1; l <= arch.depth(); l++) {
            int at = (int) layout.biasOffset(l);
            tensors.put("b" + l, new Safetensors.Tensor(new long[] {arch.size(l)},
                    Arrays.copyOfRange(model.theta(), at, at + arch.size(l))));
        }
        tensors.put("normalization_mean", new Safetensors.Tensor(new long[] {arch.inputs()}, model.normalization().mean()));
        tensors.put("normalization_std", new Safetensors.Tensor(new long[] {arch.inputs()}, model.normalization().std()));

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
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(TENSORS, Safetensors.encode(tensors, Map.of("format", FORMAT)));
        files.put(METADATA, (json + "\n").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Refuses a path that is a file, or a non-empty directory holding anything densetrain does not write there. */
    public static void checkWritableDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is a file, not a directory; give a new or empty directory for the model");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.anyMatch(p -> !ModelDirectory.ours(p.getFileName().toString()))) {
                    throw new BadInputException(dir + " already holds files that are not a densetrain model; give a new or"
                            + " empty directory");
                }
            } catch (IOException e) {
                throw new BadInputException(dir + ": cannot list (" + e.getMessage() + "); check its permissions");
            }
        }
    }

    public static SavedModel load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a model directory" + (Files.exists(dir) ? " (it is a file)" : " (no such"
                    + " directory)") + "; give a directory a model was saved into (TrainedModel.save, train --save)");
        }
        ModelDirectory.Generation g = ModelDirectory.currentOrNull(dir);
        for (int attempt = 0; g != null; attempt++) {
            try {
                return load(g);
            } catch (BadInputException e) {
                // a live writer may commit (and delete this generation) between reading the manifest and the files
                ModelDirectory.Generation now = ModelDirectory.currentOrNull(dir);
                if (attempt >= 2 || now == null || now.name().equals(g.name())) throw e;
                g = now;
            }
        }
        Path meta = dir.resolve(METADATA);
        if (!Files.exists(meta)) {
            throw new BadInputException(dir + " is not a model directory (no " + ModelDirectory.MANIFEST + " or " + METADATA
                    + "); give a directory a model was saved into (TrainedModel.save, train --save)");
        }
        Path tensors = dir.resolve(TENSORS); // the layout before the commit point: both files directly in DIR
        return decode(dir, meta, ModelDirectory.readChecked(meta, 64L << 20), tensors,
                ModelDirectory.readChecked(tensors, Integer.MAX_VALUE - 16L));
    }

    /** The model of one committed generation (the files checked against the manifest first). */
    static SavedModel load(ModelDirectory.Generation g) {
        return decode(g.dir(), g.file(METADATA), ModelDirectory.read(g, METADATA), g.file(TENSORS), ModelDirectory.read(g, TENSORS));
    }

    private static SavedModel decode(Path dir, Path metaFile, byte[] metaBytes, Path tensorFile, byte[] tensorBytes) {
        JsonFields meta = JsonFields.parse(metaFile, metaBytes);
        meta.require(meta.string("format").equals(FORMAT), "format", "is not " + FORMAT);
        int[] sizes = meta.intArray("layers", 1, Integer.MAX_VALUE, 2, 10_000);
        Architecture arch;
        try {
            arch = new Architecture(sizes, Activation.parseHidden(meta.string("hidden_activation")));
        } catch (BadInputException e) {
            throw new BadInputException(metaFile + ": " + e.getMessage());
        }
        if (meta.has("output_activation")) {
            String out = meta.string("output_activation");
            meta.require(out.equals(arch.output().label()), "output_activation", "is " + out + " but layers " + Arrays.toString(sizes)
                    + " give " + arch.output().label());
        }
        boolean normalized = meta.bool("normalization");
        List<String> features = meta.has("feature_names") ? meta.stringList("feature_names") : new ArrayList<>();
        meta.require(features.isEmpty() || features.size() == arch.inputs(), "feature_names", "has " + features.size()
                + " names for " + arch.inputs() + " inputs");
        List<String> classes = meta.has("class_names") ? meta.stringList("class_names") : null;
        meta.require(classes == null || classes.size() == arch.classes(), "class_names", "has "
                + (classes == null ? 0 : classes.size()) + " names but the output distinguishes " + arch.classes() + " classes");
        int[] shape = meta.has("input_shape") ? meta.intArray("input_shape", 1, Integer.MAX_VALUE, 3, 3) : null;
        meta.require(shape == null || (long) shape[0] * shape[1] * shape[2] == arch.inputs(), "input_shape",
                "is " + Arrays.toString(shape) + " but the network has " + arch.inputs() + " inputs");
        Map<String, Object> training = meta.has("training")
                ? new Gson().fromJson(meta.object("training"), new TypeToken<LinkedHashMap<String, Object>>() { }.getType())
                : Map.of();

        Map<String, Safetensors.Tensor> tensors = Safetensors.decode(tensorBytes, tensorFile);
        ParameterLayout layout = new ParameterLayout(arch);
        for (int l = 1; l <= arch.depth(); l++) { // shapes first: θ is allocated only for tensors the file really holds
            tensor(tensors, "W" + l, new long[] {arch.size(l), arch.size(l - 1)}, dir);
            tensor(tensors, "b" + l, new long[] {arch.size(l)}, dir);
        }
        double[] theta = new double[Math.toIntExact(layout.total())];
        Set<String> expected = new HashSet<>(List.of("normalization_mean", "normalization_std"));
        for (int l = 1; l <= arch.depth(); l++) {
            int rows = arch.size(l), cols = arch.size(l - 1);
            double[] w = finite(tensors.get("W" + l), "W" + l, tensorFile); // shape checked above
            int at = (int) layout.weightOffset(l);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) theta[at + i + j * rows] = w[i * cols + j];
            }
            double[] b = finite(tensors.get("b" + l), "b" + l, tensorFile);
            System.arraycopy(b, 0, theta, (int) layout.biasOffset(l), rows);
            expected.add("W" + l);
            expected.add("b" + l);
        }
        for (String name : tensors.keySet()) {
            if (!expected.contains(name)) {
                throw new BadInputException(dir + ": " + TENSORS + " has tensor " + name + " that " + METADATA + " (layers "
                        + Arrays.toString(sizes) + ") does not describe; the two files come from different models");
            }
        }
        long[] inputs = {arch.inputs()};
        double[] mean = finite(tensor(tensors, "normalization_mean", inputs, dir), "normalization_mean", tensorFile);
        double[] std = finite(tensor(tensors, "normalization_std", inputs, dir), "normalization_std", tensorFile);
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0)) {
                throw new BadInputException(tensorFile + ": normalization_std[" + i + "] is " + std[i] + "; σ must be positive"
                        + " (division by it gives NaN predictions); the file is damaged, save the model again");
            }
        }
        return new SavedModel(arch, normalized, new Normalization(mean, std), features, classes, shape, training, theta);
    }

    private static double[] finite(Safetensors.Tensor t, String name, Path file) {
        double[] v = t.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new BadInputException(file + ": tensor " + name + " holds " + v[i] + " at index " + i + "; a model with"
                        + " NaN/Inf weights predicts nothing useful (it diverged or the file is damaged), train it again");
            }
        }
        return v;
    }

    private static Safetensors.Tensor tensor(Map<String, Safetensors.Tensor> tensors, String name, long[] shape, Path dir) {
        Safetensors.Tensor t = tensors.get(name);
        if (t == null) {
            throw new BadInputException(dir + ": " + TENSORS + " has no tensor " + name + " but " + METADATA + " needs it; the"
                    + " two files come from different models");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new BadInputException(dir + ": tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + " but the architecture in " + METADATA + " needs " + Arrays.toString(shape)
                    + "; the files come from another architecture");
        }
        return t;
    }
}
