package io.densetrain.run;

import io.densetrain.BadInputException;
import io.densetrain.data.Dataset;
import io.densetrain.data.Splits;
import io.densetrain.data.TrainTest;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceOutOfMemoryException;
import io.densetrain.device.DeviceSelector;
import io.densetrain.device.Matrix;
import io.densetrain.device.Precision;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.train.DataPlacement;
import io.densetrain.train.StreamedBatches;
import io.densetrain.train.TrainPlan;

/**
 * What every run sets up the same way: the labels checked against the architecture, the device, a freshly
 * initialized network, and the train/dev/test matrices uploaded once (the training set streamed from the host
 * when it does not fit, {@link DataPlacement}). Closing it closes the device.
 */
public final class Workspace implements AutoCloseable {
    /** The training and test sets. */
    public final TrainTest split;
    /** Train, dev (0 examples when there is none) and test sets, as uploaded. */
    public final Splits splits;
    /** The network's layer sizes and activations. */
    public final Architecture architecture;
    /** The device chosen and its note. */
    public final DeviceSelector.Selection selection;
    /** {@code selection.device()}. */
    public final Device device;
    /** The initialized network. */
    public final Network network;
    /** Uploaded data; xTrain and yTrain are null when the training set is streamed. */
    public final Matrix xTrain, yTrain, xTest, yTest, xDev, yDev;
    /** Resident or streamed training set (null without a plan). */
    public final DataPlacement placement;
    /** The streamed training set, or null when resident. */
    public final StreamedBatches streamed;
    /** Whether {@link #close} closes the device (false for a device the caller lent). */
    private final boolean ownsDevice;

    /**
     * Opens {@code device} ({@link DeviceSelector}) and builds the network; with a plan, the training set is uploaded
     * only when it fits beside the network's workspace within {@code budgetBytes} and the device's free memory.
     */
    public Workspace(Splits splits, Architecture architecture, Regularization regularization, Initialization init, double scale,
                     long seed, String deviceName, int threads, boolean tf32, Precision precision, TrainPlan plan,
                     long budgetBytes) {
        this(splits, architecture, regularization, init, scale, seed, null, deviceName, threads, tf32, precision, plan, budgetBytes);
    }

    /**
     * As above on {@code lent}, a device the caller keeps open and closes (null: open {@code deviceName}); the network
     * and matrices stay usable on a lent device after {@link #close}.
     */
    public Workspace(Splits splits, Architecture architecture, Regularization regularization, Initialization init, double scale,
                     long seed, Device lent, String deviceName, int threads, boolean tf32, Precision precision, TrainPlan plan,
                     long budgetBytes) {
        this.splits = splits;
        this.split = new TrainTest(splits.train(), splits.test());
        this.architecture = architecture;
        // Validate labels against the output before touching a device.
        double[] yTr = split.train().targets(architecture.outputs());
        double[] yTe = split.test().targets(architecture.outputs());
        double[] yDe = splits.dev().targets(architecture.outputs());
        this.ownsDevice = lent == null;
        this.selection = lent != null ? new DeviceSelector.Selection(lent, null)
                : DeviceSelector.open(deviceName, threads, tf32, precision, System.err::println);
        this.device = selection.device();
        if (device instanceof io.densetrain.device.cpu.CpuDevice || device instanceof io.densetrain.device.cpu.Float32Device) {
            try {
                HostMemory.checkNetwork(architecture, plan == null ? split.train().size() : plan.effectiveBatch(split.train().size()),
                        Math.max(splits.dev().size(), split.test().size()));
            } catch (RuntimeException e) {
                closeDevice();
                throw e;
            }
        }
        try {
            this.network = new Network(device, architecture, regularization, seed);
        } catch (DeviceOutOfMemoryException e) {
            closeDevice();
            throw new BadInputException(e.getMessage() + " for the parameters of " + architecture + ": use a smaller network");
        }
        network.initialize(init, scale, seed);
        xTest = upload(split.test().features(), architecture.inputs(), split.test().size());
        yTest = upload(yTe, architecture.outputs(), split.test().size());
        xDev = upload(splits.dev().features(), architecture.inputs(), splits.dev().size());
        yDev = upload(yDe, architecture.outputs(), splits.dev().size());
        try {
            placement = plan == null ? null : DataPlacement.decide(network, plan, architecture.inputs(), architecture.outputs(),
                    split.train().size(), Math.max(splits.dev().size(), split.test().size()), Math.min(budgetBytes, device.freeBytes()));
        } catch (RuntimeException e) {
            closeDevice();
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
            closeDevice();
            throw new BadInputException(e.getMessage() + " while uploading a " + rows + "x" + cols
                    + " data matrix: use fewer examples or device (--device) cpu");
        }
    }

    /** The training set. */
    public Dataset train() {
        return split.train();
    }

    private void closeDevice() {
        if (ownsDevice) device.close();
    }

    @Override
    public void close() {
        if (streamed != null) streamed.close();
        closeDevice();
    }
}
