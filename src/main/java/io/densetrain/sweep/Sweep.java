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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a {@link SweepPlan}: finished trials found in {@code out/trials/<id>/trial.json} (same argument list)
 * are reused, the rest run through the {@link TrialRunner}, up to {@code parallel} at a time, each with
 * {@code --threads max(1, cores / trials running at once)} unless the base flags fix {@code --threads}.
 * The first failing trial stops the sweep (trials not started are cancelled, running ones asked to stop through
 * {@link TrialRunner#cancel}); the trials finished by then stay in {@code out} for a rerun.
 */
public final class Sweep {
    /** How the sweep runs; {@code out} may be null (nothing written, nothing resumed). */
    public record Options(Metric metric, Path out, int parallel, Consumer<String> progress) {
        public Options {
            if (parallel < 1) throw new BadInputException("--parallel must be at least 1, got " + parallel);
            if (progress == null) progress = line -> { };
        }
    }

    /** Every trial in plan order, and the best by the metric (null when no trial has a finite metric). */
    public record Result(SweepPlan plan, Metric metric, List<TrialResult> trials, TrialResult best) {
    }

    private Sweep() {
    }

    /** {@link #run(SweepPlan, Options, TrialRunner)} with each trial a child JVM ({@link ProcessTrialRunner}), as {@code densetrain sweep} runs. */
    public static Result run(SweepPlan plan, Options options) {
        return run(plan, options, new ProcessTrialRunner());
    }

    /**
     * The sweep from code: every trial checked by train's own option parsing and checks first (one
     * {@link BadInputException} before anything runs), finished trials in {@code out} reused, the rest run through
     * {@code runner}, and with {@code out} the trials' files, trials.csv, sweep.json and the plots written. {@code out} is
     * locked for the sweep's duration and must hold no other sweep ({@link SweepFolder}).
     */
    public static Result run(SweepPlan plan, Options options, TrialRunner runner) {
        List<Trial> trials = plan.trials(); // built once: the cross product and the random draws
        TrainFlags.installed().check(plan.settings(), plan.baseArgs(), trials);
        if (options.out() == null) return runTrials(plan, trials, options, runner);
        createFolder(options.out());
        // one sweep at a time in a folder (a second one would clear and rewrite the first one's trial models)
        try (var lock = io.densetrain.model.DirectoryLock.acquire(options.out())) {
            SweepFolder.claim(options.out(), trials);
            Result result = runTrials(plan, trials, options, runner);
            SweepReport.writeFiles(options.out(), result);
            if (!io.densetrain.plot.DesktopModule.present()) {
                options.progress().accept("note: no plots in " + options.out() + ": this Java runtime has no java.desktop module"
                        + " (as in the GPU bundle); trials.csv, sweep.json and the trials are written");
            }
            return result;
        }
    }

    /** Creates {@code out} (once every trial has passed the checks), or says why it cannot be the sweep's folder. */
    private static void createFolder(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new BadInputException(out + " is a file; give a directory for --out");
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            throw new BadInputException("--out " + out + ": cannot create the folder (" + why + "); give a folder you can write");
        }
    }

    /** Runs the plan's {@code trials} through {@code runner}: no checks, no summary files. */
    static Result runTrials(SweepPlan plan, List<Trial> trials, Options options, TrialRunner runner) {
        TrialResult[] results = new TrialResult[trials.size()];
        List<Trial> todo = new ArrayList<>();
        for (Trial t : trials) {
            TrialResult done = options.out() == null ? null : finished(options.out(), t);
            if (done != null) {
                results[t.index() - 1] = done;
                options.progress().accept(progressLine(done, trials.size(), options.metric(), "finished earlier, reused"));
            } else {
                todo.add(t);
            }
        }
        if (!todo.isEmpty()) runAll(todo, results, trials.size(), options, runner, threadsFlag(plan, options, todo.size()));
        List<TrialResult> all = List.of(results);
        return new Result(plan, options.metric(), all, best(all, options.metric()));
    }

    /** The best trial: diverged trials never win; ties go to the lower dev cost (accuracy) and then the earlier trial. */
    static TrialResult best(List<TrialResult> results, Metric metric) {
        TrialResult best = null;
        for (TrialResult r : results) {
            if (r.diverged() || Double.isNaN(metric.of(r))) continue;
            if (best == null || metric.better(metric.of(r), metric.of(best))
                    || (metric.of(r) == metric.of(best) && metric == Metric.DEV_ACCURACY && r.devCost() < best.devCost())) {
                best = r;
            }
        }
        return best;
    }

    private static List<String> threadsFlag(SweepPlan plan, Options options, int toRun) {
        if (plan.baseArgs().stream().anyMatch(a -> a.equals("--threads") || a.startsWith("--threads="))) return List.of();
        int concurrent = Math.min(options.parallel(), toRun);
        int cores = Runtime.getRuntime().availableProcessors();
        return List.of("--threads", Integer.toString(Math.max(1, cores / concurrent)));
    }

    private static void runAll(List<Trial> todo, TrialResult[] results, int total, Options options, TrialRunner runner,
                               List<String> threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel(), todo.size()), r -> {
            Thread t = new Thread(r, "sweep-trial");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<TrialResult> done = new ExecutorCompletionService<>(pool);
        List<Future<TrialResult>> futures = new ArrayList<>();
        for (Trial t : todo) futures.add(done.submit(() -> runOne(t, options.out(), runner, threads)));
        try {
            for (int i = 0; i < todo.size(); i++) {
                TrialResult r;
                try {
                    r = done.take().get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    runner.cancel();
                    Throwable cause = e.getCause();
                    if (cause instanceof BadInputException b) throw b;
                    throw new IllegalStateException(cause);
                }
                results[r.trial().index() - 1] = r;
                options.progress().accept(progressLine(r, total, options.metric(), null));
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            runner.cancel();
            Thread.currentThread().interrupt();
            throw new BadInputException("sweep interrupted; rerun the same command with --out to resume");
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
        }
    }

    /** When the sweep returns or throws, none of its trials is still running (a cancelled runner's trials end first). */
    private static void awaitStopped(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                // a trial that cannot be interrupted (in-process) runs to its end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TrialResult runOne(Trial trial, Path out, TrialRunner runner, List<String> threads) {
        List<String> args = new ArrayList<>(trial.args());
        args.add("--json");
        if (!args.contains("--no-progress")) args.add("--no-progress"); // the user may have given it among train's flags
        args.addAll(threads);
        Path dir = out == null ? null : out.resolve("trials").resolve(trial.id());
        if (dir != null) {
            clearModel(dir.resolve("model"));
            args.add("--save");
            args.add(dir.resolve("model").toString());
        }
        long start = System.nanoTime();
        String json;
        try {
            json = runner.run(args);
        } catch (BadInputException e) {
            throw new BadInputException("trial " + trial.index() + " (" + trial.label() + "): " + e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrialResult r;
        try {
            r = TrialResult.of(trial, json, seconds, false);
        } catch (RuntimeException e) {
            throw new BadInputException("trial " + trial.index() + " (" + trial.label() + "): train did not print its JSON report ("
                    + e.getMessage() + ")");
        }
        if (dir != null) {
            JsonObject record = new JsonObject();
            record.add("args", strings(trial.args()));
            record.add("command", strings(args));
            JsonObject params = new JsonObject();
            trial.params().forEach(params::addProperty);
            record.add("params", params);
            record.addProperty("seconds", seconds);
            record.add("report", r.report());
            AtomicFiles.write(dir.resolve("trial.json"), new GsonBuilder().serializeSpecialFloatingPointValues()
                    .disableHtmlEscaping().setPrettyPrinting().create().toJson(record).getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    /** The trial's earlier result when {@code trial.json} holds this argument list, up to {@link Trial#identity()} (like --resume's identity check). */
    static TrialResult finished(Path out, Trial trial) {
        Path file = out.resolve("trials").resolve(trial.id()).resolve("trial.json");
        if (!Files.isRegularFile(file)) return null;
        try {
            JsonObject record = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            List<String> recorded = new ArrayList<>();
            record.getAsJsonArray("args").forEach(a -> recorded.add(a.getAsString()));
            if (!Trial.identity(recorded).equals(trial.identity())) return null;
            return TrialResult.of(trial, record.getAsJsonObject("report"), record.get("seconds").getAsDouble(), true);
        } catch (IOException | RuntimeException e) {
            return null; // damaged or foreign: the trial runs again and the file is rewritten whole
        }
    }

    static String progressLine(TrialResult r, int total, Metric metric, String how) {
        return String.format("trial %d/%d (%s): %s %s, %s, %.1f s%s", r.trial().index(), total, r.trial().label(),
                metric.label().replace('-', ' '), format(metric.of(r)), r.verdict(), r.seconds(), how == null ? "" : " (" + how + ")");
    }

    static String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    /** A model folder left by an interrupted trial (no trial.json) is removed so the rerun can save there again. */
    private static void clearModel(Path model) {
        if (!Files.isDirectory(model)) return;
        try (var tree = Files.walk(model)) { // the model's generation folders, manifest and lock, deepest first
            for (Path f : (Iterable<Path>) tree.sorted(java.util.Comparator.reverseOrder())::iterator) Files.deleteIfExists(f);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException(model + ": cannot clear an interrupted trial's model (" + e.getMessage() + ")");
        }
    }
}
