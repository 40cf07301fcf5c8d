package io.densetrain.device;

import io.densetrain.BadInputException;
import io.densetrain.device.cpu.CpuDevice;
import java.util.Locale;

/**
 * Picks the device for a run, in the manner of Lucene's VectorizationProvider: {@code cpu} is the
 * float64 reference; {@code cuda} is the GPU device or a clear error; {@code auto} tries CUDA and falls
 * back to the CPU with one line that says what was missing.
 */
public final class DeviceSelector {
    private DeviceSelector() {
    }

    /** The device and, when {@code auto} fell back or a library was replaced, one line saying why. */
    public record Selection(Device device, String note) {
    }

    public static Selection open(String name, int cpuThreads) {
        String choice = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "cpu":
                return cpu(cpuThreads, null);
            case "cuda":
                throw new BadInputException("--device cuda: " + cudaUnavailableReason() + "; use --device cpu or auto");
            case "auto":
                return cpu(cpuThreads, "device auto: using the CPU because " + cudaUnavailableReason());
            default:
                throw new BadInputException("unknown --device '" + name + "': use auto, cpu or cuda");
        }
    }

    private static Selection cpu(int threads, String note) {
        CpuDevice device = CpuDevice.create(threads);
        String fallback = device.fallbackReason();
        String combined = note == null ? fallback : fallback == null ? note : note + "; " + fallback;
        return new Selection(device, combined);
    }

    private static String cudaUnavailableReason() {
        return "this build has no CUDA device";
    }
}
