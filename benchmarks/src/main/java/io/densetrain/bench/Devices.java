package io.densetrain.bench;

import io.densetrain.BadInputException;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceSelector;

/** Opens the device a benchmark names; a device that is not usable here ends the trial with the reason. */
final class Devices {
    private Devices() {
    }

    /** {@code cpu} with {@code threads} OpenBLAS threads, {@code cpu-float32} (the float32 CPU device), or {@code cuda} (GPU 0). */
    static Device open(String kind, int threads) {
        try {
            if ("cpu-float32".equals(kind)) {
                return DeviceSelector.open("cpu", threads, false, "float32", n -> { }).device();
            }
            return DeviceSelector.open(kind, "cuda".equals(kind) ? 0 : threads).device();
        } catch (BadInputException e) {
            throw new IllegalStateException("device " + kind + " skipped: " + e.getMessage(), e);
        }
    }
}
