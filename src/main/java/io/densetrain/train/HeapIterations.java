package io.densetrain.train;

import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.device.cpu.SmallNetwork;
import io.densetrain.nn.Network;
import io.densetrain.nn.ParameterLayout;

/**
 * Chooses the heap path ({@link SmallNetwork}) for full-batch gradient descent of a small network on
 * the CPU device: the iterations between records run on the heap, and every recorded iteration (cost,
 * dev metrics, layer norms, early stopping) runs on the device as before, with θ copied to the device
 * before it and back after it, so records, notes and the final θ come from the same code as on every
 * device. Not used with momentum/RMSprop/Adam (their state lives on the device), fresh inputs per
 * epoch, checkpoints, or a network above {@link SmallNetwork#MAX_MACS} multiply-adds per iteration.
 */
final class HeapIterations {
    /** The size bound in use; tests set it to −1 to run the device path on the same network. */
    static long maxMacs = SmallNetwork.MAX_MACS;

    private HeapIterations() {
    }

    /** The heap network for this run, or null when the device path is used. */
    static SmallNetwork open(Network network, BatchSource data, TrainPlan plan, MiniBatchTrainer.Hooks hooks) {
        if (!(network.device() instanceof CpuDevice) || plan.batchSize() != 0 || !data.resident()
                || plan.optimizer().kind() != Optimizer.Kind.GD || hooks.inputs() != null || hooks.checkpoints() != null) {
            return null;
        }
        int[] sizes = network.architecture().sizes();
        int m = data.examples();
        if (m == 0 || !SmallNetwork.use(sizes, m, maxMacs)) {
            return null;
        }
        ParameterLayout layout = network.layout();
        int depth = sizes.length - 1;
        long[] w = new long[depth + 1], b = new long[depth + 1];
        for (int l = 1; l <= depth; l++) {
            w[l] = layout.weightOffset(l);
            b[l] = layout.biasOffset(l);
        }
        var device = network.device();
        return new SmallNetwork(sizes, network.architecture().hidden(), network.architecture().output(),
                network.regularization().lambda(), network.regularization().keepProb(), network.dropoutSeed(), w, b,
                network.parameters(), device.download(data.wholeX()), device.download(data.wholeY()), m, ((CpuDevice) device).threads());
    }
}
