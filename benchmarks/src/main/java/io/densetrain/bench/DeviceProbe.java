package io.densetrain.bench;

import io.densetrain.device.Device;
import io.densetrain.device.DeviceSelector;

/**
 * Tells benchmarks/run which devices this machine can benchmark: prints {@code usable <kind> <description>}
 * or {@code unusable <kind> <reason>} for each kind named on the command line (the CPU with all cores);
 * always exits 0.
 */
public final class DeviceProbe {
    private DeviceProbe() {
    }

    public static void main(String[] args) {
        for (String kind : args) {
            try (Device device = DeviceSelector.open(kind, 0).device()) {
                System.out.println("usable " + kind + " " + device.describe());
            } catch (LinkageError | RuntimeException e) {
                System.out.println("unusable " + kind + " " + e.getMessage());
            }
        }
    }
}
