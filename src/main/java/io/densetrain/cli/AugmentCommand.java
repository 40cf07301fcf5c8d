package io.densetrain.cli;

import picocli.CommandLine.Command;

/** {@code densetrain augment}: tools around data augmentation. */
@Command(name = "augment", mixinStandardHelpOptions = true, description = "Data augmentation tools.",
        subcommands = {AugmentPreviewCommand.class})
final class AugmentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
