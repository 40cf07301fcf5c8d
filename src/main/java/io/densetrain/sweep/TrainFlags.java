package io.densetrain.sweep;

import java.util.List;
import java.util.ServiceLoader;

/**
 * What the sweep needs to know about {@code train}'s flags, provided by the command line that owns them (found
 * with {@link ServiceLoader}, so this package does not depend on the CLI): which flags take integers, and a dry run
 * of train's parsing and checks over every trial before anything trains.
 */
public interface TrainFlags {
    /** Throws {@link io.densetrain.BadInputException} naming the first trial (and setting) train would refuse. */
    void check(List<Setting> settings, List<String> baseArgs, List<Trial> trials);

    /** True when train reads {@code --NAME} as an integer (batch-size, epochs, iterations, seed, …). */
    boolean takesIntegers(String name);

    /** The provider on the class path (densetrain's CLI registers one). */
    static TrainFlags installed() {
        return InstalledTrainFlags.get();
    }
}
