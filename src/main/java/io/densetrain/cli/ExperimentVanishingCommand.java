package io.densetrain.cli;

import io.densetrain.device.DeviceSelector;
import io.densetrain.experiment.VanishingExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code densetrain experiment vanishing}: activations and gradients against depth. */
@Command(name = "vanishing", mixinStandardHelpOptions = true,
        description = "Activations and back-propagated gradients against depth: deep linear W = 1.5·I and 0.5·I, and 20-layer"
                + " ReLU networks under He, large random and Xavier initialization.")
final class ExperimentVanishingCommand implements Callable<Integer> {
    @Mixin
    ExperimentOutput output = new ExperimentOutput();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = output.directory("vanishing");
        var selection = DeviceSelector.open(output.device, 0).reportNote(spec.commandLine().getErr());
        try (var device = selection.device()) {
            var cases = VanishingExperiment.run(device, dir);
            out.println("## vanishing and exploding gradients (one pass at initialization, 256 examples)\n");
            out.print(VanishingExperiment.table(cases));
            out.println("\nplots: " + dir);
        }
        out.flush();
        return 0;
    }
}
