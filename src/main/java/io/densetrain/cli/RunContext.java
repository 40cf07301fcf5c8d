package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.Dataset;
import io.densetrain.data.Splits;
import io.densetrain.data.Synthetic2D;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceOutOfMemoryException;
import io.densetrain.device.DeviceSelector;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Network;
import io.densetrain.train.DataPlacement;
import io.densetrain.train.StreamedBatches;
import io.densetrain.train.TrainPlan;

/**
 * What every command sets up the same way: the data, the architecture checked against it, the device,
 * a freshly initialized network, and the train/test matrices uploaded once.
 */
final class RunContext implements AutoCloseable {
    final Synthetic2D.Split split;
    final Architecture architecture;
    final DeviceSelector.Selection selection;
    final Device device;
    final Network network;
    final Matrix xTrain, yTrain, xTest, yTest;
    /** The dev set (0 columns when there is none). */
    final Splits splits;
    final Matrix xDev, yDev;
    /** Resident or streamed training set (null: resident, not estimated); {@link #streamed} holds it when streamed. */
    final DataPlacement placement;
    final StreamedBatches streamed;

    RunContext(DataOptions data, ModelOptions model) {
        this(data.load(), model);
    }

    RunContext(Synthetic2D.Split split, ModelOptions model) {
        this(Splits.of(split), model);
    }

    /** Train, dev and test sets (already normalized when normalization is on). */
    RunContext(Splits splits, ModelOptions model) {
        this(splits, model, null, Long.MAX_VALUE);
    }

    /**
     * As above; with a plan, the training set is uploaded only when it fits beside the network's workspace
     * within {@code budgetBytes} and the device's free memory ({@link DataPlacement}), otherwise it stays on
     * the host and {@link #streamed} streams it (xTrain and yTrain are then null).
     */
    RunContext(Splits splits, ModelOptions model, TrainPlan plan, long budgetBytes) {
        this.splits = splits;
        this.split = new Synthetic2D.Split(splits.train(), splits.test());
        this.architecture = model.architecture(split.train());
        // Validate labels against the output before touching a device.
        double[] yTr = split.train().targets(architecture.outputs());
        double[] yTe = split.test().targets(architecture.outputs());
        double[] yDe = splits.dev().targets(architecture.outputs());
        var regularization = model.regularization(architecture);
        var init = model.initialization();
        double scale = model.initScale();
        this.selection = DeviceSelector.open(model.device, model.threads(), model.tf32, model.precision(), System.err::println);
        this.device = selection.device();
        if (device instanceof io.densetrain.device.cpu.CpuDevice) {
            try {
                HostMemory.checkNetwork(architecture, plan == null ? split.train().size() : plan.effectiveBatch(split.train().size()),
                        Math.max(splits.dev().size(), split.test().size()));
            } catch (RuntimeException e) {
                device.close();
                throw e;
            }
        }
        try {
            this.network = new Network(device, architecture, regularization, model.seed);
        } catch (DeviceOutOfMemoryException e) {
            device.close();
            throw new BadInputException(e.getMessage() + " for the parameters of " + architecture + ": use a smaller network");
        }
        network.initialize(init, scale, model.seed);
        xTest = upload(split.test().features(), architecture.inputs(), split.test().size());
        yTest = upload(yTe, architecture.outputs(), split.test().size());
        xDev = upload(splits.dev().features(), architecture.inputs(), splits.dev().size());
        yDev = upload(yDe, architecture.outputs(), splits.dev().size());
        try {
            placement = plan == null ? null : DataPlacement.decide(network, plan, architecture.inputs(), architecture.outputs(),
                    split.train().size(), Math.max(splits.dev().size(), split.test().size()), Math.min(budgetBytes, device.freeBytes()));
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
        if (placement != null && placement.streamed()) {
            streamed = new StreamedBatches(device, split.train().features(), yTr, architecture.inputs(), architecture.outputs());
            xTrain = null;
            yTrain = null;
        } else {
            streamed = null;
            xTrain = upload(split.train().features(), architecture.inputs(), split.train().size());
            yTrain = upload(yTr, architecture.outputs(), split.train().size());
        }
    }

    private Matrix upload(double[] values, int rows, int cols) {
        try {
            Matrix m = device.allocate(rows, cols);
            device.upload(values, m);
            return m;
        } catch (DeviceOutOfMemoryException e) {
            device.close();
            throw new BadInputException(e.getMessage() + " while uploading a " + rows + "x" + cols
                    + " data matrix: use fewer examples or --device cpu");
        }
    }

    Dataset train() {
        return split.train();
    }

    @Override
    public void close() {
        if (streamed != null) streamed.close();
        device.close();
    }
}
