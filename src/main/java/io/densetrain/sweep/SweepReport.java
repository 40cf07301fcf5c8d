package io.densetrain.sweep;

import io.densetrain.experiment.MarkdownTable;
import io.densetrain.model.AtomicFiles;
import io.densetrain.plot.Plots;
import io.densetrain.plot.SweepPlots;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A sweep's result as a markdown table, the {@code --json} object, and {@code trials.csv}. */
public final class SweepReport {
    private SweepReport() {
    }

    /** Swept setting names, in the order given. */
    static List<String> names(Sweep.Result result) {
        return result.plan().settings().stream().map(Setting::name).toList();
    }

    public static String table(Sweep.Result result) {
        List<String> header = new ArrayList<>(List.of("trial"));
        header.addAll(names(result));
        header.addAll(List.of("train acc", "dev acc", "test acc", "train cost", "dev cost", "verdict", "seconds"));
        MarkdownTable t = new MarkdownTable(header.toArray(String[]::new));
        for (TrialResult r : result.trials()) {
            List<Object> row = new ArrayList<>();
            row.add(r.trial().index() + (r == result.best() ? " (best)" : ""));
            names(result).forEach(n -> row.add(r.trial().params().get(n)));
            row.addAll(List.of(cell(r.trainAccuracy()), cell(r.devAccuracy()), cell(r.testAccuracy()), cell(r.trainCost()),
                    cell(r.devCost()), r.verdict(), String.format("%.1f", r.seconds())));
            t.row(row.toArray());
        }
        StringBuilder s = new StringBuilder(t.toString());
        TrialResult b = result.best();
        if (b == null) {
            s.append("\nbest: none (").append(noBest(result)).append(")\n");
        } else {
            s.append(String.format("%nbest: trial %d (%s), %s %s, %s%n", b.trial().index(), b.trial().label(),
                    result.metric().label(), Sweep.format(result.metric().of(b)), b.verdict()));
            b.nextSteps().forEach(step -> s.append("next: ").append(step).append('\n'));
        }
        return s.toString();
    }

    /** Why a sweep has no best trial: every trial diverged, or none has a number for the metric. */
    public static String noBest(Sweep.Result result) {
        return result.trials().stream().allMatch(TrialResult::diverged) ? "every trial diverged"
                : "no trial that did not diverge has a " + result.metric().label();
    }

    /** A number for the table, or "n/a" where there is none (no test set, a diverged cost), as the progress lines write it. */
    private static Object cell(double v) {
        return Double.isNaN(v) ? "n/a" : v;
    }

    public static Map<String, Object> json(Sweep.Result result) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("command", "sweep");
        j.put("metric", result.metric().label());
        j.put("settings", names(result));
        Set<String> numeric = numericSettings(result);
        j.put("trials", result.trials().stream().map(r -> trial(r, numeric)).toList());
        j.put("best", result.best() == null ? null : trial(result.best(), numeric));
        return j;
    }

    /**
     * The settings whose every trial value reads as a number: their params are JSON numbers, the others' strings, so
     * that one setting has one type across the trials ({@code hidden} 8 and 8:4 are both strings).
     */
    private static Set<String> numericSettings(Sweep.Result result) {
        Set<String> numeric = new HashSet<>(names(result));
        for (TrialResult r : result.trials()) r.trial().params().forEach((k, v) -> {
            if (!(typed(v) instanceof Number)) numeric.remove(k);
        });
        return numeric;
    }

    static Map<String, Object> trial(TrialResult r, Set<String> numeric) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", r.trial().index());
        m.put("id", r.trial().id());
        Map<String, Object> params = new LinkedHashMap<>();
        r.trial().params().forEach((k, v) -> params.put(k, numeric.contains(k) ? typed(v) : v));
        m.put("params", params);
        m.put("train_accuracy", finite(r.trainAccuracy()));
        m.put("dev_accuracy", finite(r.devAccuracy()));
        m.put("dev_cost", finite(r.devCost()));
        m.put("test_accuracy", finite(r.testAccuracy()));
        m.put("train_cost", finite(r.trainCost()));
        m.put("verdict", r.verdict());
        m.put("next_steps", r.nextSteps());
        m.put("diverged", r.diverged());
        m.put("seconds", r.seconds());
        m.put("reused", r.reused());
        m.put("args", r.trial().args());
        return m;
    }

    /** The --json text: one object, NaN (no test set, diverged) as null. */
    public static String jsonText(Sweep.Result result) {
        return new com.google.gson.GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(json(result));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A value that reads as a number is written as one ("0.7" → 0.7); layer lists and names stay strings. */
    private static Object typed(String v) {
        try {
            if (v.matches("[+-]?\\d+")) return Long.parseLong(v);
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : v;
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** trials.csv: one row per trial, the swept values, the numbers, the verdict, seconds, id. */
    public static void writeCsv(Path file, Sweep.Result result) {
        StringWriter text = new StringWriter();
        List<String> header = new ArrayList<>(List.of("trial"));
        header.addAll(names(result));
        header.addAll(List.of("train_accuracy", "dev_accuracy", "test_accuracy", "train_cost", "dev_cost", "verdict",
                "diverged", "seconds", "best", "id"));
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (TrialResult r : result.trials()) {
                List<Object> row = new ArrayList<>(List.of(r.trial().index()));
                names(result).forEach(n -> row.add(r.trial().params().get(n)));
                row.addAll(List.of(csvNumber(r.trainAccuracy()), csvNumber(r.devAccuracy()), csvNumber(r.testAccuracy()),
                        csvNumber(r.trainCost()), csvNumber(r.devCost()), r.verdict(), r.diverged(), r.seconds(), r == result.best(),
                        r.trial().id()));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /**
     * Into {@code out}: trials.csv, sweep.json (the --json object), cost.png (every trial's train cost; log y over two decades or more) and
     * {@code <metric>_vs_<setting>.png} per swept setting (log x for a log range, or a positive grid spanning 100× or more);
     * the PNGs only where this runtime has java.desktop.
     */
    public static void writeFiles(Path out, Sweep.Result result) {
        String json = jsonText(result);
        writeCsv(out.resolve("trials.csv"), result);
        AtomicFiles.write(out.resolve("sweep.json"), json.getBytes(StandardCharsets.UTF_8));
        if (!io.densetrain.plot.DesktopModule.present()) return; // no AWT (the GPU bundle's runtime): Sweep.run says so
        Map<String, List<io.densetrain.train.CostPoint>> curves = new LinkedHashMap<>();
        result.trials().forEach(r -> curves.put(r.trial().index() + ": " + r.trial().label(), r.costs()));
        Plots.costCurves(out.resolve("cost.png"), "sweep: train cost J of every trial", curves, true);
        String metric = result.metric().label();
        for (Setting s : result.plan().settings()) {
            List<String> values = result.trials().stream().map(r -> r.trial().params().get(s.name())).toList();
            List<Double> ys = result.trials().stream().map(r -> result.metric().of(r)).toList();
            SweepPlots.metricAgainst(out.resolve(metric.replace('-', '_') + "_vs_" + fileName(s.name()) + ".png"),
                    metric + " against " + s.name(), s.name(), metric, values, ys, s.log() || wideGrid(values));
        }
    }

    private static boolean wideGrid(List<String> values) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (String v : values) {
            double x;
            try {
                x = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return false;
            }
            if (!(x > 0)) return false;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi >= 100 * lo;
    }

    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
