package io.densetrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.experiment.AugmentationExperiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command's --help states the default it actually uses, checked against what the command loads or builds. */
class HelpDefaultsTest {
    private static final Pattern DATA = Pattern.compile("--data=NAME Built-in dataset \\(this command's default: ([a-z-]+)\\)");

    @TempDir
    Path dir;

    /** The --help text of the command at {@code path}, whitespace collapsed (picocli wraps at 80 columns). */
    private static String help(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r.out().replaceAll("\\s+", " ");
    }

    /** The command at {@code path} of a fresh command line, parsed with {@code args} (not parsed without: some require --out). */
    private static CommandLine parsed(List<String> path, String... args) {
        CommandLine root = Main.commandLine(), cl = root;
        if (args.length > 0) {
            List<String> all = new ArrayList<>(path);
            all.addAll(List.of(args));
            root.parseArgs(all.toArray(String[]::new));
        }
        for (String name : path) cl = cl.getSubcommands().get(name);
        return cl;
    }

    /** Paths of every command with the shared --data option (DataOptions mixed in as {@code data}). */
    private static void withData(CommandLine cl, List<String> path, Map<List<String>, CommandLine> found) {
        if (cl.getCommandSpec().mixins().get("data") != null && cl.getCommandSpec().mixins().get("data").userObject() instanceof DataOptions) {
            found.put(path, cl);
        }
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(path);
            p.add(name);
            withData(sub, p, found);
        });
    }

    @Test
    void everyDataOptionStatesTheDatasetTheCommandLoads() {
        Map<List<String>, CommandLine> commands = new LinkedHashMap<>();
        withData(Main.commandLine(), List.of(), commands);
        Map<String, String> stated = new LinkedHashMap<>();
        for (List<String> path : commands.keySet()) {
            Matcher m = DATA.matcher(help(path));
            assertTrue(m.find(), path + ": --help does not state its --data default");
            DataOptions data = (DataOptions) parsed(path).getCommandSpec().mixins().get("data").userObject();
            String loaded = data.load().train().name(); // "moons", or "shapes train" for the pictures
            assertTrue(loaded.equals(m.group(1)) || loaded.startsWith(m.group(1) + " "), path + " states " + m.group(1) + " but loads " + loaded);
            stated.put(String.join(" ", path), m.group(1));
        }
        // the commands this guards, including experiment regularization's noisy moons
        assertEquals("circles", stated.get("train"));
        assertEquals("circles", stated.get("gradcheck"));
        assertEquals("circles", stated.get("experiment init"));
        assertEquals("moons", stated.get("experiment regularization"));
        assertEquals("shapes", stated.get("experiment augmentation"));
        assertEquals("shapes", stated.get("augment preview"));
        assertEquals("shapes", stated.get("export-h5"));
    }

    @Test
    void experimentAugmentationStatesTheNetworkAndAugmentationItTrains() {
        List<String> path = List.of("experiment", "augmentation");
        String h = help(path);
        Matcher hidden = Pattern.compile("--hidden=N\\[,N\\.\\.\\.]\\s+Hidden sizes only \\(default ([0-9,]+)\\)").matcher(h);
        assertTrue(hidden.find(), h);
        String augment = statedAugment(h);
        assertEquals(AugmentationExperiment.DEFAULT_AUGMENT, augment);
        assertTrue(h.contains("--threads=T CPU device threads for OpenBLAS (default: all cores but one"), h);

        Path out = dir.resolve("exp");
        CliTest.Run r = CliTest.run("experiment", "augmentation", "--samples", "30", "--test-samples", "20", "--image-size", "8x8",
                "--iterations", "2", "--cost-every", "1", "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("network: [64, " + hidden.group(1).replace(",", ", ") + ", 3]"), r.out()); // 8×8×1 inputs, 3 shapes
        assertTrue(r.out().contains("augment " + augment + " "), r.out());

        // the restated options still bind: --hidden and --augment given on the command line replace the defaults
        ExperimentAugmentationCommand c = parsed(path, "--hidden", "7", "--augment", "flip").getCommand();
        assertArrayEquals(new int[] {7}, c.model.hidden);
        assertEquals("flip", c.augment.augment);
    }

    @Test
    void augmentPreviewStatesTheAugmentationItDraws() {
        assertEquals(AugmentPreviewCommand.DEFAULT_AUGMENT, statedAugment(help(List.of("augment", "preview"))));
    }

    /** gradcheck's help says its check runs on the CPU; and so it does: the default runs, --device cuda is refused. */
    @Test
    void gradcheckStatesThatItRunsOnTheCpu() {
        String help = help(List.of("gradcheck"));
        assertTrue(help.contains("--device=NAME cpu (auto, the default, means cpu here"), help);
        CliTest.Run ok = CliTest.run("gradcheck", "--layers", "2,3,1", "--samples", "20", "--json");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("\"device\":\"cpu"), ok.out());
        CliTest.Run cuda = CliTest.run("gradcheck", "--device", "cuda", "--layers", "2,3,1", "--samples", "20");
        assertEquals(2, cuda.code());
        assertTrue(cuda.err().contains("use --device cpu"), cuda.err());
    }

    /** The --augment default the help states (the list may be wrapped after a comma). */
    private static String statedAugment(String help) {
        Matcher m = Pattern.compile("pad=zero\\|reflect; default ([^)]+)\\)").matcher(help);
        assertTrue(m.find(), help);
        return m.group(1).replace(" ", "");
    }
}
