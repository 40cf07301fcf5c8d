package io.densetrain.sweep;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.densetrain.BadInputException;
import io.densetrain.model.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sweep an output folder belongs to: {@code plan.json} holds the ids and labels of its trials, written before
 * the first trial runs. A rerun with the same trials (the same command, up to the flags outside a trial's identity,
 * {@code --metric} and {@code --parallel}) resumes there; any other sweep is refused before it writes anything, so one
 * folder never mixes two sweeps' trials, summary files and plots.
 */
final class SweepFolder {
    static final String FILE = "plan.json";

    private SweepFolder() {
    }

    /** Refuses {@code out} when its plan.json names other trials; else writes plan.json (a first run) and returns. */
    static void claim(Path out, List<Trial> trials) {
        Path file = out.resolve(FILE);
        Set<String> ids = new TreeSet<>();
        trials.forEach(t -> ids.add(t.id()));
        if (Files.isRegularFile(file)) {
            JsonObject recorded = read(file);
            Set<String> theirs = new TreeSet<>();
            recorded.getAsJsonArray("trials").forEach(t -> theirs.add(t.getAsJsonObject().get("id").getAsString()));
            if (theirs.equals(ids)) return;
            JsonArray listed = recorded.getAsJsonArray("trials");
            throw new BadInputException("--out " + out + " holds another sweep (" + listed.size() + " trials, the first "
                    + listed.get(0).getAsJsonObject().get("label").getAsString() + "); rerun that sweep's command there to resume"
                    + " it, or give this sweep a new --out");
        }
        JsonObject plan = new JsonObject();
        JsonArray list = new JsonArray();
        for (Trial t : trials) {
            JsonObject o = new JsonObject();
            o.addProperty("id", t.id());
            o.addProperty("label", t.label());
            list.add(o);
        }
        plan.add("trials", list);
        AtomicFiles.write(file, new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(plan)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject read(Path file) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (o.getAsJsonArray("trials").isEmpty()) throw new IllegalStateException("no trials");
            for (var t : o.getAsJsonArray("trials")) {
                t.getAsJsonObject().get("id").getAsString(); // each entry has its id and label (a missing one is null: NPE)
                t.getAsJsonObject().get("label").getAsString();
            }
            return o;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": not a sweep's plan (" + e.getMessage() + "); give a new --out, or delete the"
                    + " file to reuse this folder's finished trials");
        }
    }
}
