package io.densetrain.bench;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
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
 * The elementwise kernels on a 1024 × 4096 float64 matrix (a hidden layer at batch 4096), in GB/s of
 * memory traffic (benchmarks/report.py divides {@link #bytesMoved} by the time): bias_relu reads Z and
 * writes Z and A; dropout reads A and writes A and the mask; sgd reads θ and dθ and writes θ.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ElementwiseBenchmark {
    static final int ROWS = 1024, COLS = 4096;

    @Param({"cpu"})
    public String device;

    @Param({"bias_relu", "dropout", "sgd"})
    public String kernel;

    @Param("2")
    public int threads;

    private Device dev;
    private Matrix z, a, bias;
    private long step;

    /** Bytes each kernel reads and writes: three full float64 matrices. */
    static long bytesMoved() {
        return 3L * ROWS * COLS * 8;
    }

    @Setup
    public void setup() {
        dev = Devices.open(device, threads);
        z = dev.allocate(ROWS, COLS);
        a = dev.allocate(ROWS, COLS);
        bias = dev.allocate(ROWS, 1);
        Random r = new Random(3);
        double[] v = new double[ROWS * COLS];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian() * 1e-3;
        dev.upload(v, z);
        dev.upload(v, a);
    }

    @Benchmark
    public void run() {
        switch (kernel) {
            case "bias_relu" -> dev.biasActivationForward(z, bias, a, Activation.RELU);
            case "dropout" -> dev.dropoutForward(a, z, 0.86, 1, (step++ % 1_000_000) << 40);
            case "sgd" -> dev.sgdUpdate(z, a, 1e-9);
            default -> throw new IllegalArgumentException("kernel " + kernel);
        }
        dev.synchronize();
    }

    @TearDown
    public void tearDown() {
        dev.close();
    }
}
