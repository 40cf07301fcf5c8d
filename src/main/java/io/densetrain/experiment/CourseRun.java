package io.densetrain.experiment;

import io.densetrain.data.Dataset;
import io.densetrain.data.Synthetic2D;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.plot.Plots;
import io.densetrain.run.TrainedModel;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.Trainer;

/** One course-style run: full-batch gradient descent on a train/test split, then both accuracies. */
public record CourseRun(String name, TrainResult result, double trainAccuracy, double testAccuracy, Plots.Classifier classifier) {

    public static CourseRun train(String name, Device device, Synthetic2D.Split split, Architecture arch, Initialization init,
                                  double scale, Regularization regularization, double lr, long iterations, long seed) {
        Network net = new Network(device, arch, regularization, seed);
        net.initialize(init, scale, seed);
        Dataset tr = split.train(), te = split.test();
        Matrix x = upload(device, tr.features(), arch.inputs(), tr.size());
        Matrix y = upload(device, tr.targets(arch.outputs()), arch.outputs(), tr.size());
        Matrix xt = upload(device, te.features(), arch.inputs(), te.size());
        Matrix yt = upload(device, te.targets(arch.outputs()), arch.outputs(), te.size());
        TrainResult result = Trainer.train(net, x, y, new TrainConfig(lr, iterations, Math.max(1, iterations / 100)), null);
        Plots.Classifier classify = (features, m) -> {
            Matrix g = upload(device, features, arch.inputs(), m);
            return TrainedModel.classes(device.download(net.forward(g, false, 0)), arch.outputs(), m);
        };
        return new CourseRun(name, result, Trainer.accuracy(net, x, y), Trainer.accuracy(net, xt, yt), classify);
    }

    private static Matrix upload(Device device, double[] values, int rows, int cols) {
        Matrix m = device.allocate(rows, cols);
        device.upload(values, m);
        return m;
    }

    public double gap() {
        return trainAccuracy - testAccuracy;
    }
}
