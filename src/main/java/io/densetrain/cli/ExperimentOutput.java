package io.densetrain.cli;

import io.densetrain.plot.DesktopModule;
import io.densetrain.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where an experiment writes its plots. */
final class ExperimentOutput {
    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the PNG plots (default runs/experiment-<name>).")
    Path out;

    @Option(names = "--device", paramLabel = "NAME", description = "auto (default), cpu or cuda.")
    String device = "auto";

    Path directory(String name) {
        DesktopModule.require("experiment " + name + " (plots)");
        Path dir = out != null ? out : Path.of("runs", "experiment-" + name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the output directory (" + e.getMessage() + ")");
        }
        return dir;
    }
}
