package io.densetrain.cli;

import io.densetrain.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code densetrain <command>}: exit 0 on success, 1 when a gradient check fails, 2 on bad input (one
 * line on stderr naming the problem and the fix), 3 on an internal error.
 */
@Command(name = "densetrain", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train dense deep networks on NVIDIA GPUs or the CPU, with the practice around them.",
        subcommands = {TrainCommand.class, GradcheckCommand.class, DiagnoseCommand.class, PredictCommand.class,
                EvaluateCommand.class, ExperimentCommand.class, AugmentCommand.class, ExportH5Command.class,
                ParityCommand.class, NativeCheckCommand.class, SweepCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return run.execute(parseResult);
            } catch (OutOfMemoryError e) {
                // what was allocated is unreachable once the stack unwinds; the line is bad input (too large a run), exit 2
                throw new CommandLine.ExecutionException(parseResult.commandSpec().commandLine(), "out of memory",
                        new BadInputException(io.densetrain.run.HostMemory.outOfMemory()));
            }
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadInputException) {
                err.println("densetrain: error: " + SettingFlags.message(e));
                err.flush();
                return EXIT_BAD_INPUT;
            }
            err.println("densetrain: internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("densetrain: error: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"densetrain " + (v == null ? "dev" : v)};
        }
    }
}
