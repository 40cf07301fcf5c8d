package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.check.GradientCheck;
import io.densetrain.check.GradientCheckReport;
import io.densetrain.check.Verdict;
import io.densetrain.data.Splits;
import io.densetrain.data.TrainTest;
import io.densetrain.nn.Architecture;
import io.densetrain.run.GradientChecks;
import io.densetrain.run.RunSpec;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain gradcheck}: backprop against the two-sided numerical gradient, per block. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check backprop against (J(θ+ε)−J(θ−ε))/2ε in float64, per block (W1, b1, …). "
                + "Bands: < 1e-7 correct, up to 1e-3 look closer, > 1e-3 bug (exit 1).",
        modelTransformer = GradcheckCommand.Defaults.class)
final class GradcheckCommand implements Callable<Integer> {
    /** The help of the shared --device says what gradcheck does with it: the check always runs on the CPU. */
    static final class Defaults implements picocli.CommandLine.IModelTransformer {
        @Override
        public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
            return StatedDefaults.restate(spec, "--device", "auto (default: CUDA when usable, else CPU), cpu or cuda.",
                    "cpu (auto, the default, means cpu here: the check runs in float64 on the CPU device; cuda is refused).");
        }
    }

    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--examples", paramLabel = "M", description = "Check on the first M training examples (default 32).")
    int examples = 32;

    @Option(names = "--epsilon", paramLabel = "EPS", description = "ε of the two-sided difference (default 1e-7).")
    double epsilon = GradientCheck.DEFAULT_EPSILON;

    @Option(names = "--sample", paramLabel = "K", description = "Check K random coordinates per block (default 0 = all).")
    int sample = 0;

    @Option(names = "--at", split = ",", paramLabel = "N",
            description = "Check after these numbers of training iterations, e.g. 0,1000 (default 0: at initialization).")
    long[] at = {0};

    @Option(names = "--lr", paramLabel = "ALPHA", description = "Learning rate for the iterations between checks (default 0.01).")
    double lr = 0.01;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the table.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (examples < 1) {
            throw new BadInputException("--examples must be ≥ 1, got " + examples);
        }
        long[] checkpoints = at.clone();
        Arrays.sort(checkpoints);
        if (checkpoints[0] < 0) {
            throw new BadInputException("--at takes iteration counts ≥ 0");
        }
        if (!"cpu".equalsIgnoreCase(model.device) && !"auto".equalsIgnoreCase(model.device)) {
            throw new BadInputException("gradient checking runs in float64 on the CPU device; use --device cpu");
        }
        if (model.precision() == io.densetrain.device.Precision.FLOAT32) {
            throw new BadInputException("--precision float32: gradient checking needs float64 (float32 rounding, ~1e-7"
                    + " relative, swamps the two-sided difference at ε = 1e-7); drop --precision or use float64");
        }
        TrainTest full = data.load();
        TrainTest split = new TrainTest(full.train().head(examples), full.test().head(0));
        Architecture architecture = model.architecture(split.train());
        RunSpec runSpec = RunSpec.builder().data(Splits.of(split)).normalize(false).architecture(architecture)
                .init(model.initialization()).initScale(model.initScale()).l2(model.l2).keepProb(model.keepProb)
                .device("cpu", model.threads(), false).seed(model.seed)
                .plan(TrainPlan.fullBatch(new TrainConfig(lr, Math.max(1, checkpoints[checkpoints.length - 1]), Long.MAX_VALUE))).build();
        GradientChecks.Result result = GradientChecks.run(runSpec, new GradientCheck.Options(epsilon, sample, model.seed, 5), checkpoints);
        List<GradientCheckReport> reports = result.checks();
        if (json) {
            out.println(Json.write(json(result.device(), architecture, runSpec, reports)));
        } else {
            out.println("network: " + architecture + ", " + runSpec.regularization() + ", "
                    + split.train().size() + " examples, ε = " + epsilon);
            reports.forEach(r -> print(out, r));
        }
        out.flush();
        return result.passed() ? 0 : Main.EXIT_CHECK_FAILED;
    }

    private static void print(PrintWriter out, GradientCheckReport r) {
        out.printf("%ngradient check after %d iterations%n", r.iteration());
        out.printf("  %-6s %10s %12s  %s%n", "block", "checked", "difference", "verdict");
        for (GradientCheckReport.Block b : r.blocks()) {
            out.printf("  d%-5s %5d/%-4d %12.3e  %s%s%n", b.name(), b.checked(), b.size(), b.difference(), b.verdict().label(),
                    (b.belowNoiseFloor() ? " (gradient ≈ 0, below the rounding-noise floor)" : "")
                            + (b.kinks() > 0 ? " (" + b.kinks() + " skipped: a ReLU kink within ±ε)" : ""));
        }
        out.printf("  %-6s %10s %12.3e  %s%n", "all", "", r.difference(), r.verdict().label());
        out.println("  worst coordinates (analytic vs numerical):");
        for (GradientCheckReport.Coordinate c : r.worst()) {
            out.printf("    d%-12s θ[%d]  %+.10e  %+.10e  |Δ| %.3e%n", c.name(), c.index(), c.analytic(), c.numerical(), c.absoluteError());
        }
        out.println("  verdict: " + r.worstVerdict().label() + bands());
    }

    private static String bands() {
        return " (bands: < " + Verdict.CORRECT_BELOW + " correct, up to " + Verdict.BUG_ABOVE + " look closer, above: bug)";
    }

    private Map<String, Object> json(String device, Architecture architecture, RunSpec runSpec, List<GradientCheckReport> reports) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "gradcheck");
        r.put("device", device);
        r.put("layers", architecture.sizes());
        r.put("l2", runSpec.regularization().lambda());
        r.put("epsilon", epsilon);
        r.put("examples", runSpec.data().train().size());
        GradientCheckReport last = reports.get(reports.size() - 1);
        r.put("difference", last.difference());
        r.put("blocks", blocks(last));
        r.put("verdict", last.worstVerdict().label());
        r.put("passed", reports.stream().allMatch(GradientCheckReport::passed));
        List<Object> checks = new ArrayList<>();
        for (GradientCheckReport rep : reports) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("iteration", rep.iteration());
            c.put("difference", rep.difference());
            c.put("blocks", blocks(rep));
            c.put("verdict", rep.worstVerdict().label());
            c.put("kinks_skipped", rep.blocks().stream().mapToInt(GradientCheckReport.Block::kinks).sum());
            c.put("worst", rep.worst().stream().map(w -> (Object) Map.of("coordinate", "d" + w.name(), "index", w.index(),
                    "analytic", w.analytic(), "numerical", w.numerical())).toList());
            checks.add(c);
        }
        r.put("checks", checks);
        return r;
    }

    private static Map<String, Object> blocks(GradientCheckReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        r.blocks().forEach(b -> m.put("d" + b.name(), b.difference()));
        return m;
    }
}
