package io.densetrain.experiment;

import io.densetrain.data.Splits;
import io.densetrain.data.TrainTest;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.plot.Plots;
import io.densetrain.run.RunReport;
import io.densetrain.run.RunSpec;
import io.densetrain.run.Runs;
import io.densetrain.run.TrainedModel;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainPlan;
import io.densetrain.train.TrainResult;
import java.util.List;

/** One course-style run: full-batch gradient descent on a train/test split, then both accuracies. */
public record CourseRun(String name, TrainResult result, double trainAccuracy, double testAccuracy, Plots.Classifier classifier) {

    /**
     * Full-batch gradient descent through the run layer ({@link Runs}) on {@code device}: no normalization, no dev set,
     * a cost record every {@code iterations / 100} updates; the classifier draws decision boundaries with the trained
     * network, which stays on the device.
     */
    public static CourseRun train(String name, Device device, TrainTest split, Architecture arch, Initialization init,
                                  double scale, Regularization regularization, double lr, long iterations, long seed) {
        RunSpec spec = RunSpec.builder().data(Splits.of(split)).normalize(false).architecture(arch).init(init).initScale(scale)
                .l2(regularization.lambda()).keepProb(regularization.keepProb()).seed(seed)
                .plan(TrainPlan.fullBatch(new TrainConfig(lr, iterations, Math.max(1, iterations / 100)))).build();
        Network[] trained = new Network[1];
        RunReport report = Runs.execute(spec, device, new Runs.Observer() {
            @Override
            public void finished(RunReport r, Network network) {
                trained[0] = network;
            }
        }, List.of());
        Network net = trained[0];
        Plots.Classifier classify = (features, m) -> {
            Matrix g = device.allocate(arch.inputs(), m);
            device.upload(features, g);
            return TrainedModel.classes(device.download(net.forward(g, false, 0)), arch.outputs(), m);
        };
        return new CourseRun(name, report.result().base(), report.trainAccuracy(), report.testAccuracy(), classify);
    }

    public double gap() {
        return trainAccuracy - testAccuracy;
    }
}
