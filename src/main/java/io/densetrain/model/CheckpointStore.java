package io.densetrain.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.densetrain.BadInputException;
import io.densetrain.train.CostPoint;
import io.densetrain.train.TrainState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint is a model directory ({@link ModelStore}: the current weights, so it can be used for
 * prediction) plus {@code checkpoint.safetensors} (the optimizer buffers {@code optimizer_0..},
 * {@code best_theta} when early stopping keeps one) and {@code checkpoint.json} (updates done, the
 * run's identity — optimizer, batch size, seeds, layers — which resume checks, early-stopping
 * bookkeeping and the records so far).
 */
public final class CheckpointStore {
    public static final String TENSORS = "checkpoint.safetensors";
    public static final String STATE = "checkpoint.json";

    private CheckpointStore() {
    }

    public static void save(Path dir, SavedModel model, TrainState state, Map<String, Object> identity) {
        ModelStore.save(dir, model);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < state.optimizerState().size(); i++) {
            double[] v = state.optimizerState().get(i);
            tensors.put("optimizer_" + i, new Safetensors.Tensor(new long[] {v.length}, v));
        }
        if (state.bestTheta() != null) {
            tensors.put("best_theta", new Safetensors.Tensor(new long[] {state.bestTheta().length}, state.bestTheta()));
        }
        AtomicFiles.write(dir.resolve(TENSORS), Safetensors.encode(tensors, Map.of("format", ModelStore.FORMAT)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("updates", state.updates());
        json.put("identity", identity);
        json.put("best_metric", Double.isFinite(state.bestMetric()) ? state.bestMetric() : null);
        json.put("best_iteration", state.bestIteration());
        json.put("stale", state.stale());
        json.put("costs", pairs(state.costs()));
        json.put("dev_costs", pairs(state.devCosts()));
        json.put("dev_accuracies", pairs(state.devAccuracies()));
        String text = new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping().create().toJson(json);
        AtomicFiles.write(dir.resolve(STATE), (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The state saved in {@code dir}, after checking that the run resuming it has the same identity;
     * {@code worst} is the early-stopping metric's starting value for a checkpoint without one.
     */
    public static TrainState load(Path dir, Map<String, Object> identity, double worst) {
        Path stateFile = dir.resolve(STATE);
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(stateFile, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new BadInputException(dir + " is not a checkpoint directory (no " + STATE + "); give a directory written by"
                    + " train --checkpoint-every N --save DIR");
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(stateFile + " is not valid checkpoint JSON; the file is damaged, use an earlier checkpoint");
        }
        JsonObject saved = json.getAsJsonObject("identity");
        JsonObject wanted = new Gson().toJsonTree(identity).getAsJsonObject();
        for (String key : wanted.keySet()) {
            if (!wanted.get(key).equals(saved.get(key))) {
                throw new BadInputException(dir + " was written by a run with " + key + " = " + saved.get(key) + ", this run has "
                        + wanted.get(key) + "; resume with the same flags as the original run");
            }
        }
        SavedModel model = ModelStore.load(dir);
        Map<String, Safetensors.Tensor> tensors = Safetensors.read(dir.resolve(TENSORS));
        List<double[]> optimizer = new ArrayList<>();
        for (int i = 0; tensors.containsKey("optimizer_" + i); i++) optimizer.add(tensors.get("optimizer_" + i).values());
        double[] best = tensors.containsKey("best_theta") ? tensors.get("best_theta").values() : null;
        double bestMetric = json.get("best_metric").isJsonNull() ? worst : json.get("best_metric").getAsDouble();
        return new TrainState(json.get("updates").getAsLong(), model.theta(), optimizer, bestMetric,
                json.get("best_iteration").getAsLong(), json.get("stale").getAsInt(), best, points(json, "costs"),
                points(json, "dev_costs"), points(json, "dev_accuracies"));
    }

    /** Deletes the checkpoint files of {@code dir} (not the model). */
    public static void remove(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(STATE));
            Files.deleteIfExists(dir.resolve(TENSORS));
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot remove the old checkpoint (" + e.getMessage() + ")");
        }
    }

    private static List<double[]> pairs(List<CostPoint> points) {
        return points.stream().map(p -> new double[] {p.iteration(), p.cost(), p.crossEntropy(), p.l2Term()}).toList();
    }

    /** {@code [iteration, J, cross-entropy, L2 term]} records (older checkpoints: {@code [iteration, J]}, parts unknown). */
    private static List<CostPoint> points(JsonObject json, String key) {
        List<CostPoint> out = new ArrayList<>();
        json.getAsJsonArray(key).forEach(e -> {
            var a = e.getAsJsonArray();
            out.add(new CostPoint(a.get(0).getAsLong(), number(a, 1), number(a, 2), number(a, 3)));
        });
        return out;
    }

    private static double number(com.google.gson.JsonArray a, int i) {
        return i >= a.size() || a.get(i).isJsonNull() ? Double.NaN : a.get(i).getAsDouble();
    }
}
