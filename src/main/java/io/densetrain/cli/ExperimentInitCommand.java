package io.densetrain.cli;

import io.densetrain.device.DeviceSelector;
import io.densetrain.experiment.InitExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain experiment init}: zeros vs large random vs He initialization. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Zeros / random ×10 / He initialization of [n_x,10,5,1], α 0.01, full batch (circles by default).")
final class ExperimentInitCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    ExperimentOutput output = new ExperimentOutput();

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations per run (default 15000).")
    long iterations = 15000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var split = data.load();
        Path dir = output.directory("init");
        var selection = DeviceSelector.open(output.device, 0).reportNote(spec.commandLine().getErr());
        try (var device = selection.device()) {
            var runs = InitExperiment.run(device, split, iterations, dir);
            out.println("## initialization (" + DataOptions.describe(split) + ", " + iterations + " iterations)\n");
            out.print(InitExperiment.table(runs));
            out.println("\nplots: " + dir);
        }
        out.flush();
        return 0;
    }
}
