package io.densetrain.sweep;

import io.densetrain.BadInputException;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link TrainFlags} provider on the class path, loaded on first use and kept. Without it (the library jar without
 * picocli, which densetrain's command line needs) every call is the same one-line {@link BadInputException}, not a
 * {@code ServiceConfigurationError} followed by {@code NoClassDefFoundError}s.
 */
final class InstalledTrainFlags {
    private static volatile TrainFlags instance;

    private InstalledTrainFlags() {
    }

    static TrainFlags get() {
        TrainFlags flags = instance;
        if (flags == null) instance = flags = load();
        return flags;
    }

    private static TrainFlags load() {
        try {
            return ServiceLoader.load(TrainFlags.class, TrainFlags.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> missing("no io.densetrain.sweep.TrainFlags provider"));
        } catch (ServiceConfigurationError | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw missing(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    private static BadInputException missing(String why) {
        return new BadInputException("the sweep reads train's flags through densetrain's command line, which needs picocli on the class"
                + " path: add info.picocli:picocli (an optional dependency of io.densetrain:densetrain) or use the cli jar (" + why + ")");
    }
}
