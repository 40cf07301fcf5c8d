package io.densetrain.cli;

import io.densetrain.sweep.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * How many trials {@code sweep} runs at once when {@code --parallel} is not given: one per core when the trials run on
 * the CPU, one at a time when any runs on a CUDA GPU. Trials in separate processes do not share one GPU's cores: without
 * NVIDIA's MPS the GPU switches between their contexts in time slices, and each context holds its own memory (the CUDA
 * context, the resident training set, the workspace), so running them together can only fill the gaps a launch-bound
 * trial leaves, at the risk of running the device out of memory. Whether it does fill them on a given GPU is what
 * {@code native-check/gpu-run.sh} measures (sequential against concurrent trials); until a measurement says otherwise,
 * a GPU runs its trials one after another.
 */
final class TrialsAtOnce {
    private TrialsAtOnce() {
    }

    /**
     * The default for trials built from {@code trainArgs} and {@code settings}: 1 when one of them resolves to the CUDA
     * device ({@code --device cuda}, or {@code auto} in float32 where {@code cudaUsable}), else {@code cores}. Arguments
     * train would refuse give {@code cores}: the sweep's own checks report them before any trial starts.
     */
    static int byDefault(List<String> trainArgs, List<Setting> settings, int cores, BooleanSupplier cudaUsable) {
        List<String> devices = new ArrayList<>();
        String precision;
        try {
            TrainCommand train = new TrainCommand();
            new CommandLine(train).parseArgs(trainArgs.toArray(String[]::new));
            devices.add(train.model.device);
            precision = train.model.precision;
        } catch (RuntimeException e) {
            return cores;
        }
        for (Setting s : settings) {
            if (s.name().equals("device") && !s.random()) devices = s.values();
            if (s.name().equals("precision") && !s.random() && s.values().stream().anyMatch(v -> !v.trim().equalsIgnoreCase("float64"))) precision = null;
        }
        boolean float64 = precision != null && precision.trim().equalsIgnoreCase("float64"); // auto is then the CPU
        for (String d : devices) {
            String device = d.trim().toLowerCase(Locale.ROOT);
            if (device.equals("cuda") || device.equals("auto") && !float64 && cudaUsable.getAsBoolean()) return 1;
        }
        return cores;
    }
}
