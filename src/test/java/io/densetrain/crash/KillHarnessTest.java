package io.densetrain.crash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.cli.Main;
import io.densetrain.model.CheckpointStore;
import io.densetrain.model.ModelDirectory;
import io.densetrain.model.ModelStore;
import io.densetrain.model.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments and right after each observable file replacement. The real CLI runs in a
 * child JVM ({@code java -cp <this test's class path> io.densetrain.cli.Main train … --checkpoint-every 3
 * --save DIR}) and is killed with SIGKILL ({@link Process#destroyForcibly}) when a planned moment comes:
 * a random delay, the manifest naming its N-th new generation (just after the commit rename), or a new
 * generation folder appearing before the manifest names it (mid-write). After every kill the directory
 * must hold a complete state — the manifest's generation loads with every digest right, or nothing was
 * ever committed — and {@code train --resume DIR} (in this JVM, taking over the dead run's lock) must end
 * bit-identical to the uninterrupted run, or be refused in one line when nothing had been committed.
 * A live child also holds its directory against a second writer. Figures go to target/kill-harness.txt.
 */
class KillHarnessTest {
    @TempDir
    Path dir;

    private static final String[] ARGS = {"train", "--data", "circles", "--batch-size", "32", "--optimizer", "adam",
            "--keep-prob", "0.9", "--lr", "0.01", "--epochs", "30", "--checkpoint-every", "3", "--cost-every", "20",
            "--device", "cpu", "--threads", "1", "--no-progress", "--json"};

    private record Outcome(String plan, String state, String resume) {
    }

    private static Run inProcess(String... args) {
        var cl = io.densetrain.cli.MainAccess.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {
    }

    private static String[] with(String... more) {
        String[] out = Arrays.copyOf(ARGS, ARGS.length + more.length);
        System.arraycopy(more, 0, out, ARGS.length, more.length);
        return out;
    }

    private static Process child(Path save) throws IOException {
        return child(with("--save", save.toString()));
    }

    private static Process child(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path")));
        for (String p : new String[] {"java.io.tmpdir", "org.bytedeco.javacpp.cachedir", "densetrain.nativeDir"}) {
            if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
        }
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static byte[] lastManifest;
    private static String lastGeneration;

    /** The generation the manifest names (re-parsed only when its bytes change: polling must not starve the child). */
    private static String generation(Path save) {
        try {
            byte[] now = Files.exists(save.resolve(ModelDirectory.MANIFEST)) ? Files.readAllBytes(save.resolve(ModelDirectory.MANIFEST)) : null;
            if (now == null) return null;
            if (Arrays.equals(now, lastManifest)) return lastGeneration;
            lastManifest = now;
            ModelDirectory.Generation g = ModelDirectory.currentOrNull(save);
            lastGeneration = g == null ? null : g.name();
            return lastGeneration;
        } catch (BadInputException | IOException | java.io.UncheckedIOException e) {
            return null; // read between two writes of a test file? never for the manifest (one rename), but be safe
        }
    }

    private static boolean uncommittedFolder(Path save) {
        String current = generation(save);
        try (Stream<Path> s = Files.list(save)) {
            return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.matches("g\\d+") && !n.equals(current));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits (polling every 0.2 ms) until {@code kind} happens, then SIGKILLs the child (SIGTERM, as {@code kill} and a
     * service manager send, for a kind ending in "-term": the JVM runs its shutdown hooks and exits 143); returns what happened.
     */
    private static String killWhen(Process p, Path save, String kind, long arg, Random random) throws Exception {
        long start = System.nanoTime();
        if (kind.equals("random")) {
            long until = start + arg * 1_000_000L;
            while (System.nanoTime() < until && p.isAlive()) Thread.sleep(1);
        } else {
            String seen = null;
            int commits = 0;
            while (p.isAlive()) {
                String g = generation(save);
                if (g != null && !g.equals(seen)) {
                    seen = g;
                    commits++;
                }
                if (kind.equals("after-commit") && commits >= arg) break;
                if (kind.startsWith("mid-write") && commits >= arg && uncommittedFolder(save)) break;
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }
        boolean alive = p.isAlive();
        lastManifest = null;
        if (kind.endsWith("-term")) p.destroy(); // SIGTERM
        else p.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no finally blocks
        p.waitFor();
        return alive ? "killed" : "exited " + p.exitValue() + " before the kill";
    }

    @Test
    void everyKillLeavesTheOldOrTheNewCompleteStateAndResumesBitIdentically() throws Exception {
        Run straight = inProcess(with("--save", dir.resolve("straight").toString()));
        assertEquals(0, straight.code(), straight.err());
        double[] expected = ModelStore.load(dir.resolve("straight")).theta();

        Random random = new Random(14);
        List<Object[]> plans = new ArrayList<>();
        for (int i = 0; i < 4; i++) plans.add(new Object[] {"random", 300L + random.nextInt(1500)});
        for (long n : new long[] {1, 5, 20}) plans.add(new Object[] {"after-commit", n});
        for (long n : new long[] {2, 10}) plans.add(new Object[] {"mid-write", n});
        plans.add(new Object[] {"mid-write-term", 6L});
        List<Outcome> outcomes = new ArrayList<>();
        int resumed = 0, refused = 0;
        for (int k = 0; k < plans.size(); k++) {
            Path save = dir.resolve("k" + k);
            String kind = (String) plans.get(k)[0];
            long arg = (Long) plans.get(k)[1];
            Process p = child(save);
            String how = killWhen(p, save, kind, arg, random);
            String state;
            String g = generation(save);
            String leftover = uncommittedFolder(save) ? " (plus an uncommitted generation folder, ignored)" : "";
            if (g == null) {
                state = "nothing committed" + leftover;
                BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> ModelStore.load(save));
                assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
            } else {
                SavedModel model = ModelStore.load(save); // every digest checked: a complete state
                var ck = CheckpointStore.load(save, identityOf(save), Double.NaN);
                assertArrayEquals(model.theta(), ck.theta(), 0);
                assertTrue(ck.updates() % 3 == 0 || ck.updates() == 300, "checkpoint at update " + ck.updates());
                state = g + " at update " + ck.updates() + leftover;
            }
            Run r = inProcess(with("--resume", save.toString(), "--save", save.toString()));
            String resume;
            if (g == null) {
                assertEquals(2, r.code(), r.err());
                assertEquals(1, r.err().lines().count(), r.err());
                assertTrue(r.err().contains("not a checkpoint directory"), r.err());
                resume = "refused in one line";
                refused++;
            } else {
                assertEquals(0, r.code(), r.err());
                assertArrayEquals(expected, ModelStore.load(save).theta(), 0, "kill " + k + " (" + kind + " " + arg + ")");
                // the resumed writer removed what the killed one left: one generation, the manifest, the lock
                try (Stream<Path> left = Files.list(save)) {
                    assertEquals(List.of(".lock", ModelDirectory.MANIFEST, generation(save)),
                            left.map(f -> f.getFileName().toString()).sorted().toList());
                }
                resume = "bit-identical";
                resumed++;
            }
            outcomes.add(new Outcome(kind + " " + arg + ": " + how, state, resume));
        }
        StringBuilder report = new StringBuilder("kill harness: " + outcomes.size() + " kills, " + resumed + " resumed bit-identical, "
                + refused + " refused in one line (nothing committed yet)\n");
        outcomes.forEach(o -> report.append("  ").append(o.plan()).append(" -> ").append(o.state()).append(" -> ")
                .append(o.resume()).append('\n'));
        Files.writeString(Path.of("target", "kill-harness.txt"), report.toString());
        System.out.print(report);
        assertEquals(plans.size(), resumed + refused);
    }

    @Test
    void aKillDuringSaveOverAnotherModelLeavesTheOldOrTheNewModel() throws Exception {
        // the old model has another architecture, so a mix of the two could not go unnoticed
        String[] old = {"train", "--data", "circles", "--hidden", "4", "--iterations", "50", "--device", "cpu", "--threads", "1"};
        String[] fresh = {"train", "--data", "circles", "--hidden", "10,5", "--iterations", "4000", "--device", "cpu",
                "--threads", "1", "--no-progress"};
        Path reference = dir.resolve("fresh");
        assertEquals(0, inProcess(concat(fresh, "--save", reference.toString())).code());
        double[] oldTheta = null, newTheta = ModelStore.load(reference).theta();
        List<String> lines = new ArrayList<>();
        for (String kind : new String[] {"mid-write", "after-commit", "random"}) {
            Path save = dir.resolve("over-" + kind);
            assertEquals(0, inProcess(concat(old, "--save", save.toString())).code());
            oldTheta = ModelStore.load(save).theta();
            Process p = child(concat(fresh, "--save", save.toString()));
            String how = killWhen(p, save, kind, kind.equals("random") ? 300 + new Random(7).nextInt(900) : kind.equals("mid-write") ? 1 : 2,
                    new Random(7));
            double[] now = ModelStore.load(save).theta(); // complete: every digest checked
            boolean isOld = Arrays.equals(now, oldTheta), isNew = Arrays.equals(now, newTheta);
            assertTrue(isOld || isNew, kind + ": neither the old nor the new model");
            lines.add("  save over a model, " + kind + ": " + how + " -> " + (isOld ? "old model" : "new model") + " intact");
        }
        Files.writeString(Path.of("target", "kill-harness-save.txt"), String.join("\n", lines) + "\n");
        lines.forEach(System.out::println);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The identity the checkpoint itself holds (the harness checks consistency, the CLI resume checks identity). */
    private static Map<String, Object> identityOf(Path save) {
        return Map.of();
    }

    @Test
    void aLiveChildHoldsItsDirectoryAgainstASecondWriter() throws Exception {
        Path save = dir.resolve("live");
        Process p = child(save);
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (generation(save) == null && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(1);
            assertTrue(p.isAlive(), "the child ended before its first checkpoint");
            Run second = inProcess(with("--save", save.toString()));
            assertEquals(2, second.code(), second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertTrue(second.err().contains("is being written by another densetrain run (process " + p.pid() + ")"), second.err());
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        // the dead child's lock is stale: the next writer takes it over
        Run after = inProcess("train", "--iterations", "3", "--device", "cpu", "--save", save.toString());
        assertEquals(0, after.code(), after.err());
    }
}
