package io.densetrain.cli;

import io.densetrain.device.DeviceSelector;
import io.densetrain.device.Precision;
import io.densetrain.sweep.Setting;
import java.util.ArrayList;
import java.util.List;
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
     * device ({@link DeviceSelector#choosesCuda}: {@code --device cuda}, or {@code auto} in float32 where
     * {@code cudaUsable}), else {@code cores}. Arguments train would refuse give {@code cores}: the sweep's own checks
     * report them before any trial starts.
     */
    static int byDefault(List<String> trainArgs, List<Setting> settings, int cores, BooleanSupplier cudaUsable) {
        try {
            TrainCommand train = new TrainCommand();
            new CommandLine(train).parseArgs(trainArgs.toArray(String[]::new));
            List<String> devices = new ArrayList<>(), precisions = new ArrayList<>();
            devices.add(train.model.device);
            precisions.add(train.model.precision); // null: the device's own
            for (Setting s : settings) {
                if (s.random()) continue;
                if (s.name().equals("device")) devices = s.values();
                if (s.name().equals("precision")) precisions = s.values();
            }
            for (String d : devices) {
                for (String p : precisions) {
                    if (DeviceSelector.choosesCuda(d, p == null ? null : Precision.parse(p), cudaUsable)) return 1;
                }
            }
            return cores;
        } catch (RuntimeException e) {
            return cores;
        }
    }
}
