package io.densetrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.data.Normalization;
import io.densetrain.device.Activation;
import io.densetrain.nn.Architecture;
import io.densetrain.train.CostPoint;
import io.densetrain.train.TrainState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The commit point, the lock, and every damaged field of model.json, checkpoint.json, current.json and safetensors. */
class ModelDirectoryTest {
    @TempDir
    Path dir;

    static SavedModel model(double first) {
        double[] theta = new double[13];
        for (int i = 0; i < 13; i++) theta[i] = first + i;
        return new SavedModel(new Architecture(new int[] {2, 3, 1}, Activation.TANH), true,
                new Normalization(new double[] {0.5, -1}, new double[] {2, 3}), List.of("a", "b"), List.of("no", "yes"),
                null, Map.of("lr", 0.1), theta);
    }

    static TrainState state(SavedModel m, long updates) {
        return new TrainState(updates, m.theta(), List.of(new double[13]), Double.NaN, -1, 0, null,
                List.of(new CostPoint(0, 0.7), new CostPoint(updates, 0.5)), List.of(), List.of());
    }

    private List<String> entries(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSaveReplacesTheWholeStateAndLeavesOneGeneration() throws IOException {
        Path m = dir.resolve("m");
        ModelStore.save(m, model(1));
        CheckpointStore.save(m, model(2), state(model(2), 7), Map.of("seed", 1));
        assertEquals(2.0, ModelStore.load(m).theta()[0]);
        assertEquals(List.of(".lock", "current.json", "g000002"), entries(m));
        assertEquals(7, CheckpointStore.load(m, Map.of("seed", 1), Double.NaN).updates());
        // a model-only save commits a state without checkpoint files: the old checkpoint cannot outlive its weights
        ModelStore.save(m, model(3));
        assertEquals(List.of(".lock", "current.json", "g000003"), entries(m));
        assertEquals(List.of("model.json", "model.safetensors"), entries(m.resolve("g000003")));
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointStore.load(m, Map.of("seed", 1), Double.NaN));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
    }

    @Test
    void aManifestNamingAMissingGenerationOrFileSaysSoNamingTheManifest() throws IOException {
        Path m = dir.resolve("m");
        ModelStore.save(m, model(1));
        Files.move(m.resolve("g000001"), m.resolve("g000002")); // a manifest whose generation folder is gone
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.load(m));
        assertEquals(m.resolve("g000001").resolve("model.json") + " is missing, though " + m.resolve("current.json")
                + " names it (generation g000001); the directory was changed after it was saved, save or copy the model again",
                e.getMessage());
        Files.move(m.resolve("g000002"), m.resolve("g000001"));
        Files.delete(m.resolve("g000001").resolve("model.safetensors"));
        e = assertThrows(BadInputException.class, () -> ModelStore.load(m));
        assertTrue(e.getMessage().startsWith(m.resolve("g000001").resolve("model.safetensors") + " is missing, though "), e.getMessage());
    }

    @Test
    void anUncommittedGenerationIsIgnoredByReadersAndRemovedByTheNextWriter() throws IOException {
        Path m = dir.resolve("m");
        ModelStore.save(m, model(1));
        // what a kill during the next save leaves: a half-written generation and a temporary manifest
        Path partial = Files.createDirectories(m.resolve("g000002"));
        Files.write(partial.resolve("model.safetensors"), new byte[] {1, 2, 3});
        Files.writeString(m.resolve(".current.json.tmp"), "{\"format\":");
        assertEquals(1.0, ModelStore.load(m).theta()[0]);
        ModelStore.checkWritableDirectory(m); // still a model directory, not "other files"
        ModelStore.save(m, model(5)); // removes the stale g000002 first, then writes its own g000002
        assertEquals(5.0, ModelStore.load(m).theta()[0]);
        assertEquals(List.of(".lock", "current.json", "g000002"), entries(m));
        assertEquals(List.of("model.json", "model.safetensors"), entries(m.resolve("g000002")));
    }

    @Test
    void theLayoutBeforeTheCommitPointStillLoadsAndIsReplacedOnTheNextSave() throws IOException {
        Path m = Files.createDirectories(dir.resolve("old"));
        for (var f : ModelStore.encode(model(4)).entrySet()) Files.write(m.resolve(f.getKey()), f.getValue());
        Files.writeString(m.resolve(CheckpointStore.STATE), "{}");
        assertEquals(4.0, ModelStore.load(m).theta()[0]);
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointStore.load(m, Map.of(), Double.NaN));
        assertTrue(e.getMessage().contains("older densetrain"), e.getMessage());
        ModelStore.save(m, model(6));
        assertEquals(List.of(".lock", "current.json", "g000001"), entries(m));
        assertEquals(6.0, ModelStore.load(m).theta()[0]);
    }

    @Test
    void aSecondWriterIsRefusedWithTheHoldersPidAndTheLockIsFreeAfterwards() throws Exception {
        Path m = dir.resolve("m");
        try (DirectoryLock held = DirectoryLock.acquire(m)) {
            ModelStore.save(m, model(1)); // re-entrant for the holding thread: the holder itself can save
            String pid = Long.toString(ProcessHandle.current().pid());
            var other = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                var refused = other.submit(() -> assertThrows(BadInputException.class, () -> ModelStore.save(m, model(2)))).get();
                assertTrue(refused.getMessage().contains("being written by another densetrain run (process " + pid), refused.getMessage());
            } finally {
                other.shutdown();
            }
            assertEquals(1.0, ModelStore.load(m).theta()[0]);
        }
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> ModelStore.save(m, model(3))).get(); // released: another writer gets it
        } finally {
            other.shutdown();
        }
        assertEquals(3.0, ModelStore.load(m).theta()[0]);
        // a directory the lock created and nothing was committed into is removed again
        Path unused = dir.resolve("unused");
        DirectoryLock.acquire(unused).close();
        assertFalse(Files.exists(unused));
    }

    /** Commits model.json with {@code edit} applied (digests right), so only the field checks can catch it. */
    private Path withMetadata(String from, String to) {
        Path m = dir.resolve("edit");
        Map<String, byte[]> files = new LinkedHashMap<>(ModelStore.encode(model(1)));
        String json = new String(files.get(ModelStore.METADATA), StandardCharsets.UTF_8);
        assertTrue(json.contains(from), json);
        files.put(ModelStore.METADATA, json.replace(from, to).getBytes(StandardCharsets.UTF_8));
        ModelDirectory.commit(m, files);
        return m;
    }

    @ParameterizedTest(name = "model.json {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // JsonSyntaxException before
        "\"format\"|\"format|not valid JSON",
        // NullPointerException before: a missing field
        "\"hidden_activation\"|\"hidden\"|field 'hidden_activation' is missing",
        "\"normalization\": true|\"normalization\": null|field 'normalization' is missing",
        // NumberFormatException / ClassCastException / IllegalStateException before
        "\"layers\": [|\"layers\": [\"two\", |field 'layers[0]' is not a number",
        "\"feature_names\": [|\"feature_names\": 3, \"x\": [|field 'feature_names' is not an array",
        "\"normalization\": true|\"normalization\": \"yes\"|field 'normalization' is not true or false",
        "\"layers\": [|\"layers\": [2.5, |field 'layers[0]' is 2.5, not a whole number",
        "\"layers\": [|\"layers\": [0, |field 'layers[0]' is 0, outside 1..",
        // ArithmeticException before: layer sizes whose product overflows an int
        "\"layers\": [\\n    2,\\n    3,|\"layers\": [\\n    2,\\n    100000, 100000, 100000,|parameters, more than",
        // wrong answers with exit 0 before
        "\"class_names\": [\\n    \"no\",\\n    \"yes\"\\n  ]|\"class_names\": [\"no\", \"yes\", \"maybe\"]|field 'class_names' has 3 names but the output distinguishes 2 classes",
        "\"output_activation\": \"sigmoid\"|\"output_activation\": \"softmax\"|field 'output_activation' is softmax",
        "\"format\": \"densetrain-model-1\"|\"format\": \"other\"|field 'format' is not densetrain-model-1",
        "\"hidden_activation\": \"tanh\"|\"hidden_activation\": \"sigmoid\"|unknown hidden activation",
    })
    void damagedModelJsonFieldsAreOneLineNamingTheField(String from, String to, String expected) {
        Path m = withMetadata(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.load(m));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aZeroOrNonFiniteSigmaAndNaNWeightsAreRefused() {
        double[] std = {2, 0};
        SavedModel zero = new SavedModel(model(1).architecture(), true, new Normalization(new double[] {0, 0}, std),
                List.of("a", "b"), null, null, Map.of(), model(1).theta());
        ModelDirectory.commit(dir.resolve("z"), ModelStore.encode(zero));
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.load(dir.resolve("z")));
        assertTrue(e.getMessage().contains("normalization_std[1] is 0.0; σ must be positive"), e.getMessage());
        double[] theta = model(1).theta();
        theta[3] = Double.NaN;
        SavedModel nan = new SavedModel(model(1).architecture(), true, model(1).normalization(), List.of("a", "b"), null, null,
                Map.of(), theta);
        ModelDirectory.commit(dir.resolve("n"), ModelStore.encode(nan));
        e = assertThrows(BadInputException.class, () -> ModelStore.load(dir.resolve("n")));
        assertTrue(e.getMessage().contains("tensor W1 holds NaN"), e.getMessage());
    }

    @ParameterizedTest(name = "current.json {0}")
    @CsvSource(delimiter = '|', value = {
        "{|not valid JSON",
        "[]|not a JSON object",
        "{\"format\": \"densetrain-dir-1\", \"generation\": \"../../etc\", \"files\": {}}|field 'generation' is not a generation name",
        "{\"format\": \"densetrain-dir-1\", \"generation\": \"g000001\", \"files\": {\"../x.json\": {}}}|names '../x.json', not a model file",
        "{\"format\": \"densetrain-dir-1\", \"generation\": \"g000001\", \"files\": {\"model.json\": {\"bytes\": -1, \"sha256\": \"0\"}}}|field 'files.model.json.bytes' is -1",
        "{\"format\": \"densetrain-dir-1\", \"generation\": \"g000001\", \"files\": {\"model.json\": {\"bytes\": 3, \"sha256\": \"xyz\"}}}|is not 64 hex digits",
        "{\"format\": \"densetrain-dir-1\", \"generation\": \"g000001\", \"files\": {}}|has no model.json",
        "{\"format\": 7, \"generation\": \"g000001\", \"files\": {}}|field 'format' is not a string",
    })
    void aDamagedManifestIsOneLine(String manifest, String expected) throws IOException {
        Path m = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(m.resolve(ModelDirectory.MANIFEST), manifest);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelStore.load(m));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A checkpoint committed with checkpoint.json edited (digests right). */
    private Path withCheckpointJson(String from, String to) {
        Path m = dir.resolve("ck");
        CheckpointStore.save(m, model(1), state(model(1), 9), Map.of("seed", 1));
        ModelDirectory.Generation g = ModelDirectory.currentOrNull(m);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String f : g.files().keySet()) files.put(f, ModelDirectory.read(g, f));
        String json = new String(files.get(CheckpointStore.STATE), StandardCharsets.UTF_8);
        assertTrue(json.contains(from), json);
        files.put(CheckpointStore.STATE, json.replace(from, to).getBytes(StandardCharsets.UTF_8));
        ModelDirectory.commit(m, files);
        return m;
    }

    @ParameterizedTest(name = "checkpoint.json {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "\"updates\":9|\"updates\":\"nine\"|field 'updates' is not a number",
        "\"updates\":9|\"updates\":-4|field 'updates' is -4",
        "\"updates\":9,|\"x\":1,|field 'updates' is missing",
        "\"stale\":0|\"stale\":[0]|field 'stale' is not a number",
        "\"costs\":[[0.0,0.7,NaN,NaN]|\"costs\":[[0.0]|field 'costs[0]' is not [update, J, cross-entropy, L2 term]",
        "\"costs\":[[0.0,0.7,|\"costs\":[[50.0,0.7,|field 'costs[0][0]' is 50",
        "\"costs\":[[0.0,0.7,NaN,NaN]|\"costs\":[[0.0,0.7,\"x\",NaN]|field 'costs[0][2]' is not a number",
        "\"identity\":{\"seed\":1}|\"identity\":5|field 'identity' is not an object",
        "\"model_sha256\":\"|\"model_sha256\":\"0|field 'model_sha256' does not match model.safetensors",
        "\"best_iteration\":-1|\"best_iteration\":true|field 'best_iteration' is not a number",
    })
    void damagedCheckpointJsonFieldsAreOneLine(String from, String to, String expected) {
        Path m = withCheckpointJson(from, to);
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointStore.load(m, Map.of("seed", 1), Double.NaN));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("checkpoint.json"), e.getMessage());
    }

    @Test
    void aDeeplyNestedJsonValueIsOneLineNotAStackOverflow() {
        // 100 000 nested arrays: Gson parses them iteratively, but equals/toString of the result recurse
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Path m = withCheckpointJson("\"identity\":{\"seed\":1}", "\"identity\":{\"seed\":" + deep + "}");
        BadInputException e = assertThrows(BadInputException.class, () -> CheckpointStore.load(m, Map.of("seed", 1), Double.NaN));
        assertTrue(e.getMessage().contains("nests arrays or objects 65 levels deep"), e.getMessage());
        Path model = withMetadata("\"lr\": 0.1", "\"lr\": " + deep);
        assertTrue(assertThrows(BadInputException.class, () -> ModelStore.load(model)).getMessage().contains("levels deep"));
    }

    @Test
    void aResumeNamesEveryDifferenceInItsIdentity() {
        Path m = dir.resolve("id");
        CheckpointStore.save(m, model(1), state(model(1), 3), Map.of("l2", 0.1, "keep_prob", List.of(1.0, 0.8)));
        BadInputException e = assertThrows(BadInputException.class,
                () -> CheckpointStore.load(m, Map.of("l2", 0.2, "keep_prob", List.of(1.0, 0.9)), Double.NaN));
        assertTrue(e.getMessage().contains("l2 = 0.1 there, 0.2 here"), e.getMessage());
        assertTrue(e.getMessage().contains("keep_prob = [1.0,0.8] there, [1.0,0.9] here"), e.getMessage());
        assertArrayEquals(model(1).theta(), CheckpointStore.load(m, Map.of("l2", 0.1, "keep_prob", List.of(1.0, 0.8)), Double.NaN)
                .theta(), 0);
    }
}
