package io.densetrain.sweep;

import java.util.List;

/**
 * Executes one {@code train} argument list and returns what {@code train --json} printed on stdout. The sweep
 * adds {@code --json}, {@code --no-progress}, {@code --threads T} and, with an output folder, {@code --save DIR}
 * before calling; anything that can run a {@code train} command (a child JVM, a thread, a remote worker)
 * can implement it. A run that {@code train} refuses throws {@link io.densetrain.BadInputException} with
 * train's one-line message; a diverged run still returns its JSON.
 */
@FunctionalInterface
public interface TrialRunner {
    String run(List<String> trainArgs);

    /** Asks the trials running now to stop (the sweep calls it when another trial failed); by default they run to their end. */
    default void cancel() {
    }

    /**
     * What a finished {@code train} run gives the sweep: its JSON on exit 0, or on exit 1 (diverged, the JSON still
     * printed); otherwise the one-line error, from the {@code densetrain: } line of its stderr, or {@code fallback}.
     */
    static String result(int code, String stdout, String stderr, java.util.function.Supplier<String> fallback) {
        if (code == 0 || (code == 1 && stdout.trim().startsWith("{"))) return stdout;
        String line = stderr.lines().filter(l -> l.startsWith("densetrain: ")).findFirst().orElseGet(fallback);
        throw new io.densetrain.BadInputException("trial failed: " + line.replaceFirst("^densetrain: (error: )?", ""));
    }
}
