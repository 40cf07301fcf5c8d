package io.densetrain.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Makes a shared option's help state the default one command actually uses: the shared mixin's text names the
 * usual default ({@code --hidden}: "default 10,5"); a command that fills in another replaces that phrase.
 */
final class StatedDefaults {
    private StatedDefaults() {
    }

    /** {@code option}'s description with {@code shared} replaced by {@code own} (which must occur: the help test guards it). */
    static CommandSpec restate(CommandSpec spec, String option, String shared, String own) {
        OptionSpec o = spec.findOption(option);
        String[] lines = o.description().clone();
        boolean found = false;
        for (int i = 0; i < lines.length; i++) {
            found |= lines[i].contains(shared);
            lines[i] = lines[i].replace(shared, own);
        }
        if (!found) throw new IllegalStateException(option + "'s help no longer says \"" + shared + "\"");
        spec.remove(o);
        spec.addOption(o.toBuilder().description(lines).build());
        return spec;
    }
}
