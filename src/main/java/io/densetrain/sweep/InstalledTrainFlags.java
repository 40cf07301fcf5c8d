package io.densetrain.sweep;

import java.util.ServiceLoader;

/** The {@link TrainFlags} provider on the class path, loaded once. */
final class InstalledTrainFlags {
    static final TrainFlags INSTANCE = ServiceLoader.load(TrainFlags.class, TrainFlags.class.getClassLoader())
            .findFirst().orElseThrow(() -> new IllegalStateException("no io.densetrain.sweep.TrainFlags provider on the"
                    + " class path: the sweep needs densetrain's command line (io.densetrain.cli) to read train's flags"));

    private InstalledTrainFlags() {
    }
}
