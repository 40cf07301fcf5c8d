package io.densetrain.cli;

/** Test access to {@link Main#commandLine()} from other packages. */
public final class MainAccess {
    private MainAccess() {
    }

    public static picocli.CommandLine commandLine() {
        return Main.commandLine();
    }
}
