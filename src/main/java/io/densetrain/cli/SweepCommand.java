package io.densetrain.cli;

import io.densetrain.sweep.Metric;
import io.densetrain.sweep.ProcessTrialRunner;
import io.densetrain.sweep.Setting;
import io.densetrain.sweep.Sweep;
import io.densetrain.sweep.SweepPlan;
import io.densetrain.sweep.SweepReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code densetrain sweep}: train flags plus the settings to sweep; trials in parallel, a table, the best trial. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Grid or random search over train settings: every other flag is a train flag (see 'densetrain train --help')"
                + " shared by all trials; each trial equals 'densetrain train' with those flags plus its values.",
                "In a --grid value a colon stands for train's comma: hidden=20:3,40:5 sweeps --hidden 20,3 and --hidden 40,5."})
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--grid", paramLabel = "NAME=V1,V2,…",
            description = "A swept setting and its values (repeatable: the trials are the cross product), e.g. l2=0,0.7.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--random", paramLabel = "NAME=LO:HI[:log]",
            description = "A setting drawn uniformly (or log-uniformly) per trial; integer settings draw integers (repeatable).")
    List<String> random = new ArrayList<>();

    @Option(names = "--trials", paramLabel = "N", description = "Random draws with --random (default 10), each crossed with any --grid.")
    Integer trials; // null: 10 with --random

    @Option(names = "--sweep-seed", paramLabel = "S", description = "Seed of the --random draws (default 1).")
    Long sweepSeed; // null: 1

    @Option(names = "--metric", paramLabel = "NAME", description = "What picks the best trial: dev-accuracy (default) or dev-cost.")
    String metric = "dev-accuracy";

    @Option(names = "--parallel", paramLabel = "N",
            description = "Trials at once (default: the number of cores, or 1 when the trials run on a CUDA GPU); each gets --threads"
                    + " cores/N unless --threads is given.")
    Integer parallel;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write trials/<id>/ (trial.json, model), trials.csv, sweep.json, cost.png and the metric plots; a rerun of the same command skips finished trials, another sweep there is refused.")
    Path out;

    @Option(names = "--in-process", description = "Run trials on threads of this JVM instead of child JVMs (no JVM start per trial;"
            + " one heap and one OpenBLAS thread setting shared).")
    boolean inProcess;

    @Option(names = "--json", description = "Print one JSON object (trials, best) on stdout instead of the table.")
    boolean json;

    @Unmatched
    List<String> trainArgs = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<Setting> settings = new ArrayList<>();
        grid.forEach(g -> settings.add(Setting.grid(g)));
        random.forEach(r -> settings.add(Setting.range(r)));
        if (trials != null && random.isEmpty()) throw SweepPlan.trialsWithoutRandom(trials); // even --trials 0: it was asked for
        if (sweepSeed != null && random.isEmpty()) {
            throw new io.densetrain.BadInputException("--sweep-seed seeds the --random draws, but no setting is drawn: add --random"
                    + " NAME=LO:HI[:log], or drop --sweep-seed");
        }
        SweepPlan plan = new SweepPlan(trainArgs, settings, trials != null ? trials : random.isEmpty() ? 0 : 10,
                sweepSeed != null ? sweepSeed : 1);
        Metric m = Metric.parse(metric);
        int n = parallel != null ? parallel : TrialsAtOnce.byDefault(trainArgs, settings, Runtime.getRuntime().availableProcessors(),
                () -> io.densetrain.device.cuda.CudaDevice.unavailableReason() == null);
        Sweep.Result result = Sweep.run(plan, new Sweep.Options(m, this.out, n, line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }), inProcess ? new InProcessTrialRunner() : new ProcessTrialRunner());
        if (json) {
            out.println(SweepReport.jsonText(result));
        } else {
            out.print(SweepReport.table(result));
            if (this.out != null) out.println("files:   " + this.out);
        }
        out.flush();
        if (result.best() == null) { // as train exits 1 when its run diverged: no trial of this sweep is usable
            err.println("densetrain: no best trial: " + SweepReport.noBest(result) + "; lower --lr, or sweep smaller values");
            err.flush();
            return Main.EXIT_CHECK_FAILED;
        }
        return 0;
    }
}
