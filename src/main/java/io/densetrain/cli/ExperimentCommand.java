package io.densetrain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code densetrain experiment <name>}: the course's experiments, each one command printing a markdown table and writing PNG plots. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Reproduce the course's experiments: a markdown table on stdout, PNG plots into --out DIR.",
        subcommands = {ExperimentInitCommand.class, ExperimentRegularizationCommand.class, ExperimentVanishingCommand.class,
                ExperimentAugmentationCommand.class})
final class ExperimentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
