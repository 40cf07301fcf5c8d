package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.SettingException;
import io.densetrain.device.DeviceSelector;
import io.densetrain.train.EarlyStopping;
import org.junit.jupiter.api.Test;

/** The library names settings, the CLI prints the same line with its flags. */
class SettingFlagsTest {
    private static void oneLine(String expected, String... args) {
        CliTest.Run r = CliTest.run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals("densetrain: error: " + expected, r.err().strip());
    }

    @Test
    void theLibraryNamesTheSettingAndTheCliItsFlag() {
        assertEquals("device", assertThrows(SettingException.class, () -> DeviceSelector.open("tpu", 1)).setting());
        oneLine("--device 'tpu' is not known: use auto, cpu or cuda", "train", "--device", "tpu");
        SettingException patience = assertThrows(SettingException.class, () -> new EarlyStopping(EarlyStopping.Metric.DEV_COST, 0, true));
        assertEquals("patience must be ≥ 1 evaluation, got 0", patience.getMessage());
        oneLine("--patience must be ≥ 1 evaluation, got 0", "train", "--early-stopping", "dev-cost", "--patience", "0",
                "--split", "0.8,0.1,0.1", "--device", "cpu");
        assertEquals("earlyStopping", assertThrows(SettingException.class, () -> EarlyStopping.Metric.parse("f1")).setting());
        oneLine("--early-stopping metric 'f1' is not known: use dev-cost or dev-accuracy", "train", "--early-stopping", "f1",
                "--split", "0.8,0.1,0.1", "--device", "cpu");
        // no dev set: the library says so by setting; the CLI names its two ways to give one
        oneLine("early stopping needs a dev set: add --split 0.8,0.1,0.1 or --dev FILE.csv", "train", "--early-stopping", "dev-cost",
                "--batch-size", "32", "--epochs", "2", "--device", "cpu");
    }

    /** Settings the library names that have no flag of their own (Java-only values or whole objects). */
    private static final java.util.Set<String> JAVA_ONLY = java.util.Set.of("architecture", "plan", "checkpoints");

    @Test
    void everySettingTheLibraryNamesPrintsAsAFlagTheCliHas() throws java.io.IOException {
        java.util.Set<String> flags = new java.util.TreeSet<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(MainAccess.commandLine()));
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.pop();
            c.getCommandSpec().options().forEach(o -> flags.addAll(java.util.List.of(o.names())));
            todo.addAll(c.getSubcommands().values());
        }
        java.util.regex.Pattern thrown = java.util.regex.Pattern.compile("SettingException\\(\"([A-Za-z0-9]+)\"");
        java.util.Set<String> settings = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (var f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                var m = thrown.matcher(java.nio.file.Files.readString(f));
                while (m.find()) settings.add(m.group(1));
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(settings.size() > 30, settings.toString());
        java.util.List<String> missing = settings.stream().filter(s -> !JAVA_ONLY.contains(s))
                .filter(s -> !flags.contains(SettingFlags.flag(s))).map(s -> s + " -> " + SettingFlags.flag(s)).toList();
        assertEquals(java.util.List.of(), missing);
    }

    @Test
    void adamsEpsilonPrintsAsTheFlagTrainHas() {
        oneLine("--adam-epsilon must be positive, got -1.0", "train", "--adam-epsilon", "-1", "--device", "cpu", "--iterations", "3");
    }

    @Test
    void aSettingWithItsFlagInALibraryLineIsPrintedAsTheFlagAlone() throws java.io.IOException {
        assertEquals("name them with --x-key and --y-key", SettingFlags.flagsOnly("name them with xKey (--x-key) and yKey (--y-key)"));
        assertEquals("use --batch-size 64 or --device cpu", SettingFlags.flagsOnly("use batchSize (--batch-size) 64 or device (--device) cpu"));
        // a parenthesis that is not the setting's own flag stays
        assertEquals("keys (--x-key) and xKey (--y-key)", SettingFlags.flagsOnly("keys (--x-key) and xKey (--y-key)"));
        // the same npz through the library and the CLI
        java.nio.file.Path npz = java.nio.file.Path.of("src/test/resources/arrays/mnist_like.npz");
        String library = assertThrows(io.densetrain.BadInputException.class,
                () -> io.densetrain.data.ArrayFiles.read(npz, null, "train", "images", "y_train")).getMessage();
        assertTrue(library.endsWith("pass one of them to xKey (--x-key)"), library);
        oneLine(npz + ": no array 'images'; it has x_train, y_train, x_test, y_test; pass one of them to --x-key",
                "train", "--train", npz.toString(), "--x-key", "images", "--y-key", "y_train", "--device", "cpu");
    }

    @Test
    void resumingADirectoryWithoutACheckpointNamesTheFlagOnTheCliAndTheSettingInJava(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path model = dir.resolve("m");
        assertEquals(0, CliTest.run("train", "--iterations", "3", "--device", "cpu", "--save", model.toString()).code());
        String library = assertThrows(io.densetrain.BadInputException.class,
                () -> io.densetrain.model.CheckpointStore.load(model, java.util.Map.of(), Double.NaN)).getMessage();
        assertEquals(model + " holds a saved model but no checkpoint (its last save wrote none); resume from a directory saved with"
                + " checkpointEvery (--checkpoint-every) N", library);
        oneLine(model + " holds a saved model but no checkpoint (its last save wrote none); resume from a directory saved with"
                + " --checkpoint-every N", "train", "--iterations", "3", "--device", "cpu", "--resume", model.toString());
    }
}
