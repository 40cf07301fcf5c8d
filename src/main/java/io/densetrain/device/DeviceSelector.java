package io.densetrain.device;

import io.densetrain.BadInputException;
import io.densetrain.SettingException;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.device.cpu.Float32Device;
import io.densetrain.device.cuda.CudaDevice;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Picks the device for a run, in the manner of Lucene's VectorizationProvider: {@code cpu} is the
 * float64 reference; {@code cuda} is the GPU device or a clear error (exit 2); {@code auto} tries CUDA
 * and falls back to the CPU with exactly one line that says what was missing and how to fix it
 * (no driver, no GPU, a driver too old for the PTX, no cuBLAS). The native bindings are probed once
 * per process and their first error is kept (native-check/STACK.md §3.2). A {@link Precision} picks the
 * arithmetic: the CPU device runs in float64 (its default) or float32 ({@link Float32Device}); the CUDA
 * device in float32 only, so float64 on {@code cuda} is refused and {@code auto} with float64 is the CPU.
 */
public final class DeviceSelector {
    private DeviceSelector() {
    }

    /** The device and, when {@code auto} fell back or a setting does not apply, one line saying why. */
    public record Selection(Device device, String note) {
        /** Prints the note, when there is one, as one line on {@code err}; returns this selection. */
        public Selection reportNote(java.io.PrintWriter err) {
            if (note != null) {
                err.println(note);
                err.flush();
            }
            return this;
        }
    }

    public static Selection open(String name, int cpuThreads) {
        return open(name, cpuThreads, false, System.err::println);
    }

    /**
     * @param tf32  TF32 tensor-core math for the CUDA device's matrix products
     * @param notes where the CUDA device says, once, that a library was replaced during the run (the
     *              in-kernel Philox taking over from a missing cuRAND)
     */
    public static Selection open(String name, int cpuThreads, boolean tf32, Consumer<String> notes) {
        return open(name, cpuThreads, tf32, (Precision) null, notes);
    }

    /** As {@link #open(String, int, boolean, Precision, Consumer)}, the precision by name (null: the device's native one). */
    public static Selection open(String name, int cpuThreads, boolean tf32, String precision, Consumer<String> notes) {
        return open(name, cpuThreads, tf32, Precision.parse(precision), notes);
    }

    /**
     * @param precision null for the device's native precision (cpu: float64, cuda: float32); float32 on
     *                  {@code cpu} opens the {@link Float32Device}; float64 on {@code cuda} is refused
     *                  ({@link SettingException} on {@code precision}) before any GPU is touched
     */
    public static Selection open(String name, int cpuThreads, boolean tf32, Precision precision, Consumer<String> notes) {
        String choice = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        CudaDevice.Options options = new CudaDevice.Options(tf32, CudaDevice.Rng.AUTO);
        if (precision == Precision.FLOAT64 && choice.equals("cuda")) {
            throw new SettingException("precision", "float64 cannot run on the CUDA device, which computes in float32 only:"
                    + " use the cpu device for float64, or float32 on cuda");
        }
        if (precision == Precision.FLOAT64 && choice.equals("auto")) {
            return cpu(cpuThreads, precision, "device auto: using the CPU because float64 runs only there (the CUDA device is float32)");
        }
        switch (choice) {
            case "cpu":
                return cpu(cpuThreads, precision, tf32 ? "--tf32 has no effect on the CPU device" : null);
            case "cuda":
                try {
                    return new Selection(CudaDevice.open(options, notes), null);
                } catch (RuntimeException | LinkageError e) {
                    throw cudaRefused(reason(e), e);
                }
            case "auto":
                try {
                    return new Selection(CudaDevice.open(options, notes), null);
                } catch (RuntimeException | LinkageError e) {
                    return cpu(cpuThreads, precision, "device auto: using the CPU because " + reason(e));
                }
            default:
                throw new io.densetrain.SettingException("device", "'" + name + "' is not known: use auto, cpu or cuda");
        }
    }

    /**
     * Whether {@link #open} would choose the CUDA device for {@code name} and {@code precision}, decided without opening
     * one: {@code cuda}, or {@code auto} when the precision is not float64 and {@code cudaUsable} says CUDA can open.
     */
    public static boolean choosesCuda(String name, Precision precision, BooleanSupplier cudaUsable) {
        String choice = name == null ? "auto" : name.trim().toLowerCase(Locale.ROOT);
        return choice.equals("cuda") || choice.equals("auto") && precision != Precision.FLOAT64 && cudaUsable.getAsBoolean();
    }

    /**
     * Throws the error {@code open("cuda", …)} would give when the driver, a GPU or the kernels are missing, without
     * opening a device: for checks made before any work starts (a sweep's trials).
     */
    public static void requireCuda() {
        String reason = CudaDevice.unavailableReason();
        if (reason != null) throw cudaRefused(reason.lines().findFirst().orElse(reason), null);
    }

    private static BadInputException cudaRefused(String reason, Throwable cause) {
        return new BadInputException("--device cuda: " + reason + (reason.contains("--device cpu") ? "" : " (or use --device cpu)"), cause);
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.toString() : m.lines().findFirst().orElse(e.toString());
    }

    private static Selection cpu(int threads, Precision precision, String note) {
        Device device;
        String fallback;
        if (precision == Precision.FLOAT32) {
            Float32Device f = Float32Device.create(threads);
            device = f;
            fallback = f.fallbackReason();
        } else {
            CpuDevice c = CpuDevice.create(threads);
            device = c;
            fallback = c.fallbackReason();
        }
        String combined = note == null ? fallback : fallback == null ? note : note + "; " + fallback;
        return new Selection(device, combined);
    }
}
