package io.densetrain.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.densetrain.BadInputException;
import io.densetrain.train.CostPoint;
import io.densetrain.train.TrainState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint is one committed state of a model directory ({@link ModelDirectory}) holding the model
 * files ({@link ModelStore}: the current weights, so it can be used for prediction) plus
 * {@code checkpoint.safetensors} (the optimizer buffers {@code optimizer_0..}, {@code best_theta} when
 * early stopping keeps one) and {@code checkpoint.json} (updates done, the run's identity, which resume
 * compares, early-stopping bookkeeping, the records so far, and {@code model_sha256}, the digest of the
 * model.safetensors it belongs to). The four files are committed together by one rename, so weights,
 * optimizer state and counters always come from the same update.
 */
public final class CheckpointStore {
    public static final String TENSORS = "checkpoint.safetensors";
    public static final String STATE = "checkpoint.json";

    private CheckpointStore() {
    }

    public static void save(Path dir, SavedModel model, TrainState state, Map<String, Object> identity) {
        ModelStore.checkWritableDirectory(dir);
        Map<String, byte[]> files = ModelStore.encode(model);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < state.optimizerState().size(); i++) {
            double[] v = state.optimizerState().get(i);
            tensors.put("optimizer_" + i, new Safetensors.Tensor(new long[] {v.length}, v));
        }
        if (state.bestTheta() != null) {
            tensors.put("best_theta", new Safetensors.Tensor(new long[] {state.bestTheta().length}, state.bestTheta()));
        }
        files.put(TENSORS, Safetensors.encode(tensors, Map.of("format", ModelStore.FORMAT)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("updates", state.updates());
        json.put("model_sha256", ModelDirectory.sha256(files.get(ModelStore.TENSORS)));
        json.put("identity", identity);
        json.put("best_metric", Double.isFinite(state.bestMetric()) ? state.bestMetric() : null);
        json.put("best_iteration", state.bestIteration());
        json.put("stale", state.stale());
        json.put("costs", pairs(state.costs()));
        json.put("dev_costs", pairs(state.devCosts()));
        json.put("dev_accuracies", pairs(state.devAccuracies()));
        String text = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping().create().toJson(json);
        files.put(STATE, (text + "\n").getBytes(StandardCharsets.UTF_8));
        ModelDirectory.commit(dir, files);
    }

    /**
     * The state saved in {@code dir}, after checking that the run resuming it has the same identity;
     * {@code worst} is the early-stopping metric's starting value for a checkpoint without one.
     */
    public static TrainState load(Path dir, Map<String, Object> identity, double worst) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a checkpoint directory (" + (Files.exists(dir) ? "it is a file" : "no such"
                    + " directory") + "); give a directory a checkpointing run saved into (checkpointEvery (--checkpoint-every) N with a save directory)");
        }
        ModelDirectory.Generation g = ModelDirectory.currentOrNull(dir);
        if (g == null) {
            if (Files.exists(dir.resolve(STATE))) {
                throw new BadInputException(dir + " holds a checkpoint of an older densetrain (four files without "
                        + ModelDirectory.MANIFEST + "), which cannot be checked for consistency; start the run again (the"
                        + " model in it still loads for predict)");
            }
            throw new BadInputException(dir + " is not a checkpoint directory (no " + ModelDirectory.MANIFEST + "); give a"
                    + " directory a checkpointing run saved into (checkpointEvery (--checkpoint-every) N with a save directory)");
        }
        if (!g.has(STATE)) {
            throw new BadInputException(dir + " holds a saved model but no checkpoint (its last save wrote none);"
                    + " resume from a directory saved with checkpointEvery (--checkpoint-every) N");
        }
        Path stateFile = g.file(STATE);
        JsonFields json = JsonFields.parse(stateFile, ModelDirectory.read(g, STATE));
        // the manifest's digest of the weights (ModelStore.load below checks the file against it)
        ModelDirectory.Entry weights = g.files().get(ModelStore.TENSORS);
        if (weights == null) ModelDirectory.read(g, ModelStore.TENSORS); // the one-line "has no model.safetensors"
        json.require(json.string("model_sha256").equals(weights.sha256()), "model_sha256",
                "does not match " + ModelStore.TENSORS + " (the files come from different saves)");
        JsonObject saved = json.object("identity");
        JsonObject wanted = new Gson().toJsonTree(identity).getAsJsonObject();
        List<String> differences = new ArrayList<>();
        for (String key : wanted.keySet()) {
            if (!wanted.get(key).equals(saved.get(key))) {
                differences.add(key + " = " + saved.get(key) + " there, " + wanted.get(key) + " here");
            }
        }
        if (!differences.isEmpty()) {
            throw new BadInputException(dir + " was written by a different run: " + String.join("; ", differences)
                    + "; resume with the original run's settings and data (only epochs/iterations may grow)");
        }
        SavedModel model = ModelStore.load(g);
        int n = model.theta().length;
        Map<String, Safetensors.Tensor> tensors = Safetensors.decode(ModelDirectory.read(g, TENSORS), g.file(TENSORS));
        List<double[]> optimizer = new ArrayList<>();
        for (int i = 0; tensors.containsKey("optimizer_" + i); i++) optimizer.add(vector(tensors, "optimizer_" + i, n, g));
        double[] best = tensors.containsKey("best_theta") ? vector(tensors, "best_theta", n, g) : null;
        if (tensors.size() != optimizer.size() + (best == null ? 0 : 1)) {
            throw new BadInputException(g.file(TENSORS) + ": tensors " + tensors.keySet() + " are not optimizer_0.., best_theta;"
                    + " the file is damaged, use an earlier checkpoint");
        }
        long updates = json.longValue("updates", 0, Long.MAX_VALUE / 2);
        double bestMetric = json.has("best_metric") ? json.number("best_metric", true) : worst;
        return new TrainState(updates, model.theta(), optimizer, bestMetric, json.longValue("best_iteration", -1, updates),
                (int) json.longValue("stale", 0, Integer.MAX_VALUE), best, points(json, "costs", updates),
                points(json, "dev_costs", updates), points(json, "dev_accuracies", updates));
    }

    private static double[] vector(Map<String, Safetensors.Tensor> tensors, String name, int n, ModelDirectory.Generation g) {
        Safetensors.Tensor t = tensors.get(name);
        if (t.shape().length != 1 || t.shape()[0] != n) {
            throw new BadInputException(g.file(TENSORS) + ": tensor " + name + " has shape " + java.util.Arrays.toString(t.shape())
                    + " but the model has " + n + " parameters; the file is damaged, use an earlier checkpoint");
        }
        for (double v : t.values()) {
            if (!Double.isFinite(v)) {
                throw new BadInputException(g.file(TENSORS) + ": tensor " + name + " holds " + v + "; the run had diverged"
                        + " when it was saved, start it again with a smaller learningRate");
            }
        }
        return t.values();
    }

    private static List<double[]> pairs(List<CostPoint> points) {
        return points.stream().map(p -> new double[] {p.iteration(), p.cost(), p.crossEntropy(), p.l2Term()}).toList();
    }

    /**
     * {@code [[update, J, cross-entropy, L2 term], …]} with updates in 0..{@code updates} and null for a value not
     * recorded; a checkpoint written before the cost split has {@code [update, J]} records (parts unknown, NaN).
     */
    private static List<CostPoint> points(JsonFields json, String key, long updates) {
        List<CostPoint> out = new ArrayList<>();
        JsonArray list = json.array(key);
        for (int i = 0; i < list.size(); i++) {
            JsonElement e = list.get(i);
            String at = key + "[" + i + "]";
            json.require(e.isJsonArray() && (e.getAsJsonArray().size() == 4 || e.getAsJsonArray().size() == 2), at,
                    "is not [update, J, cross-entropy, L2 term]");
            JsonArray record = e.getAsJsonArray();
            long iteration = json.integral(at + "[0]", record.get(0), 0, updates);
            out.add(new CostPoint(iteration, value(json, at, record, 1), value(json, at, record, 2), value(json, at, record, 3)));
        }
        return out;
    }

    /** Entry {@code i} of a cost record: a finite-or-not number, NaN when null or absent. */
    private static double value(JsonFields json, String at, JsonArray record, int i) {
        return i >= record.size() || record.get(i).isJsonNull() ? Double.NaN : json.number(at + "[" + i + "]", record.get(i), false);
    }
}
