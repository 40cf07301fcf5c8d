package io.densetrain.bench;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import java.util.Random;
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
 * One training step of [784, 1024, 1024, 10] (ReLU, softmax): forward with dropout masks, backward,
 * θ −= α·dθ, on a batch of random inputs with random labels. reg: none, l2 (λ = 0.7) or dropout
 * (keep_prob 0.86 on both hidden layers). Examples/s = batch / time (benchmarks/report.py).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainStepBenchmark {
    static final int[] LAYERS = {784, 1024, 1024, 10};

    @Param({"cpu"})
    public String device;

    @Param({"256", "1024", "4096"})
    public int batch;

    @Param({"none", "l2", "dropout"})
    public String reg;

    @Param("2")
    public int threads;

    private Device dev;
    private Network network;
    private Matrix x, y;
    private long step;

    static Regularization regularization(String name, int depth) {
        return switch (name) {
            case "none" -> Regularization.none(depth);
            case "l2" -> Regularization.of(0.7, null, depth);
            case "dropout" -> Regularization.of(0, new double[] {0.86}, depth);
            default -> throw new IllegalArgumentException("reg must be none, l2 or dropout: " + name);
        };
    }

    @Setup
    public void setup() {
        dev = Devices.open(device, threads);
        Architecture architecture = new Architecture(LAYERS);
        network = new Network(dev, architecture, regularization(reg, architecture.depth()), 1);
        network.initialize(Initialization.HE, 1, 1);
        Random r = new Random(7);
        double[] features = new double[LAYERS[0] * batch];
        for (int i = 0; i < features.length; i++) features[i] = r.nextDouble();
        double[] oneHot = new double[LAYERS[3] * batch];
        for (int j = 0; j < batch; j++) oneHot[r.nextInt(LAYERS[3]) + j * LAYERS[3]] = 1;
        x = dev.allocate(LAYERS[0], batch);
        y = dev.allocate(LAYERS[3], batch);
        dev.upload(features, x);
        dev.upload(oneHot, y);
    }

    @Benchmark
    public void step() {
        network.forward(x, true, step++ % 1_000_000);
        network.backward(y);
        dev.sgdUpdate(network.theta(), network.gradient(), 0.01);
        dev.synchronize();
    }

    @TearDown
    public void tearDown() {
        dev.close();
    }
}
