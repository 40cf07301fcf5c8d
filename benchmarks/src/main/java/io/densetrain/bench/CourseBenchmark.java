package io.densetrain.bench;

import io.densetrain.data.Dataset;
import io.densetrain.data.Synthetic2D;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.MiniBatchTrainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The course's two experiments end to end (new network, initialization, every iteration, cost every
 * 1000): circles, 300 examples, [2,10,5,1], He, lr 0.01, 15000 iterations; and a noisy 2-D set
 * (moons, 211 examples), [2,20,3,1], Xavier, lr 0.3, 30000 iterations with no regularization,
 * L2 λ = 0.7 or dropout keep_prob 0.86. benchmarks/peers/course_numpy.py runs the same four.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CourseBenchmark {
    @Param({"circles", "2d-none", "2d-l2", "2d-dropout"})
    public String experiment;

    @Param("2")
    public int threads;

    private Device device;
    private Matrix x, y;
    private Architecture architecture;
    private Regularization regularization;
    private Initialization init;
    private TrainConfig config;

    @Setup
    public void setup() {
        device = Devices.open("cpu", threads);
        boolean circles = experiment.equals("circles");
        Dataset train = circles
                ? Synthetic2D.generate(new Synthetic2D.Spec("circles", 300, 0, 0.05, 2, 2, 1)).train()
                : Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 0, 0.2, 2, 2, 1)).train();
        architecture = new Architecture(circles ? new int[] {2, 10, 5, 1} : new int[] {2, 20, 3, 1});
        regularization = TrainStepBenchmark.regularization(circles ? "none" : experiment.substring(3), architecture.depth());
        init = circles ? Initialization.HE : Initialization.XAVIER;
        config = circles ? new TrainConfig(0.01, 15000, 1000) : new TrainConfig(0.3, 30000, 1000);
        x = device.allocate(2, train.size());
        y = device.allocate(1, train.size());
        device.upload(train.features(), x);
        device.upload(train.targets(1), y);
    }

    @Benchmark
    public double train() {
        Network network = new Network(device, architecture, regularization, 1);
        network.initialize(init, 1, 1);
        return MiniBatchTrainer.fullBatch(network, x, y, config).finalCost();
    }

    @TearDown
    public void tearDown() {
        device.close();
    }
}
