package io.densetrain.cli;

import io.densetrain.data.Dataset;
import io.densetrain.data.Splits;
import io.densetrain.data.TrainTest;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceSelector;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Network;
import io.densetrain.run.Workspace;

/** A {@link Workspace} set up from the model options, for the commands that train or check a network directly. */
final class RunContext implements AutoCloseable {
    final TrainTest split;
    final Architecture architecture;
    final DeviceSelector.Selection selection;
    final Device device;
    final Network network;
    final Matrix xTrain, yTrain, xTest, yTest;
    /** The dev set (0 columns when there is none). */
    final Splits splits;
    final Matrix xDev, yDev;
    private final Workspace workspace;

    RunContext(DataOptions data, ModelOptions model) {
        this(data.load(), model);
    }

    RunContext(TrainTest split, ModelOptions model) {
        this(Splits.of(split), model);
    }

    /** Train, dev and test sets (already normalized when normalization is on). */
    RunContext(Splits splits, ModelOptions model) {
        Architecture a = model.architecture(splits.train());
        var regularization = model.regularization(a);
        var init = model.initialization();
        workspace = new Workspace(splits, a, regularization, init, model.initScale(), model.seed, model.device, model.threads(),
                model.tf32, model.precision(), null, Long.MAX_VALUE);
        split = workspace.split;
        architecture = workspace.architecture;
        selection = workspace.selection;
        device = workspace.device;
        network = workspace.network;
        xTrain = workspace.xTrain;
        yTrain = workspace.yTrain;
        xTest = workspace.xTest;
        yTest = workspace.yTest;
        this.splits = workspace.splits;
        xDev = workspace.xDev;
        yDev = workspace.yDev;
    }

    /** The workspace these fields come from. */
    Workspace workspace() {
        return workspace;
    }

    Dataset train() {
        return split.train();
    }

    @Override
    public void close() {
        workspace.close();
    }
}
