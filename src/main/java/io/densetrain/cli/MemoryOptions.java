package io.densetrain.cli;

import io.densetrain.BadInputException;
import picocli.CommandLine.Option;

/** {@code --device-memory}: how much device memory the training set, batches and workspace may take. */
final class MemoryOptions {
    @Option(names = "--device-memory", paramLabel = "MIB",
            description = "Device memory (MiB) the training data and the network's workspace may use; a training set that does"
                    + " not fit is streamed from the host in mini-batches (default: the device's free memory).")
    Double deviceMemoryMiB;

    /** The budget in bytes, {@link Long#MAX_VALUE} when not given. */
    long budgetBytes() {
        if (deviceMemoryMiB == null) return Long.MAX_VALUE;
        if (!(deviceMemoryMiB > 0) || Double.isInfinite(deviceMemoryMiB)) {
            throw new BadInputException("--device-memory must be a positive number of MiB, got " + deviceMemoryMiB);
        }
        return (long) (deviceMemoryMiB * 1048576.0);
    }
}
