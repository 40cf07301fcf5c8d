package io.densetrain.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.densetrain.data.Synthetic2D;
import io.densetrain.device.Activation;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.experiment.CourseRun;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import io.densetrain.train.MiniBatchTrainer;
import org.junit.jupiter.api.Test;

/** The experiments' runs go through the run layer and give what the hand-wired network and trainer give, bit for bit. */
class CourseRunTest {
    @Test
    void aCourseRunEqualsTheDirectTrainer() {
        var split = Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 200, 0.3, 2, 2, 3));
        Architecture arch = new Architecture(new int[] {2, 20, 3, 1}, Activation.RELU);
        for (Regularization r : new Regularization[] {Regularization.none(3), Regularization.of(0.7, null, 3),
                Regularization.of(0, new double[] {0.86}, 3)}) {
            try (CpuDevice device = CpuDevice.create(1)) {
                CourseRun run = CourseRun.train("x", device, split, arch, Initialization.XAVIER, 1, r, 0.3, 1500, 1);
                Network net = new Network(device, arch, r, 1);
                net.initialize(Initialization.XAVIER, 1, 1);
                Matrix x = device.allocate(2, 211), y = device.allocate(1, 211), xt = device.allocate(2, 200), yt = device.allocate(1, 200);
                device.upload(split.train().features(), x);
                device.upload(split.train().targets(1), y);
                device.upload(split.test().features(), xt);
                device.upload(split.test().targets(1), yt);
                TrainResult direct = MiniBatchTrainer.fullBatch(net, x, y, new TrainConfig(0.3, 1500, 15));
                assertEquals(direct.costs(), run.result().costs(), r.toString());
                assertEquals(MiniBatchTrainer.accuracy(net, x, y), run.trainAccuracy(), 0.0);
                assertEquals(MiniBatchTrainer.accuracy(net, xt, yt), run.testAccuracy(), 0.0);
                assertEquals(101, run.result().costs().size());
            }
        }
    }
}
