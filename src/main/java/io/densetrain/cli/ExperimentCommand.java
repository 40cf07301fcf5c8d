package io.densetrain.cli;

import picocli.CommandLine.Command;

/** {@code densetrain experiment}: the course's experiments, one subcommand each. */
@Command(name = "experiment", mixinStandardHelpOptions = true, description = "Run one of the course's experiments.",
        subcommands = {AugmentationExperiment.class})
final class ExperimentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
