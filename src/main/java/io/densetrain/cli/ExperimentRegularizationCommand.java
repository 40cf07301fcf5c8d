package io.densetrain.cli;

import io.densetrain.device.DeviceSelector;
import io.densetrain.experiment.RegularizationExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain experiment regularization}: none vs L2 vs dropout, train and test accuracy. */
@Command(name = "regularization", mixinStandardHelpOptions = true,
        description = "No regularization / L2 λ=0.7 / dropout keep 0.86 on [n_x,20,3,1], Xavier, α 0.3, full batch"
                + " (noisy moons by default).")
final class ExperimentRegularizationCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = moons();
    @Mixin
    ExperimentOutput output = new ExperimentOutput();

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations per run (default 30000).")
    long iterations = 30000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static DataOptions moons() {
        DataOptions d = new DataOptions();
        d.data = "moons";
        return d;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var split = data.load();
        Path dir = output.directory("regularization");
        var selection = DeviceSelector.open(output.device, 0).reportNote(spec.commandLine().getErr());
        try (var device = selection.device()) {
            var runs = RegularizationExperiment.run(device, split, iterations, dir);
            out.println("## regularization (" + DataOptions.describe(split) + ", " + iterations + " iterations)\n");
            out.print(RegularizationExperiment.table(runs));
            out.println("\nplots: " + dir);
        }
        out.flush();
        return 0;
    }
}
