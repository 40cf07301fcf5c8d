package io.densetrain.bench;

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
 * The products of one iteration of the course's [2,20,3,1] network on 211 examples, through the CPU
 * device with every product sent to OpenBLAS ({@code impl=openblas}) or to the Java small-matrix
 * path ({@code impl=java}): the measurement behind OpenBlasBackend.SMALL_FLOPS. JMH forks one JVM
 * per parameter combination, so the threshold property set here is read fresh by each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmallGemmBenchmark {
    @Param({"20x211x2:NN", "3x211x20:NN", "1x211x3:NN", "20x2x211:NT", "3x20x211:NT", "1x3x211:NT", "20x211x3:TN", "3x211x1:TN"})
    public String shape;

    @Param({"openblas", "java"})
    public String impl;

    @Param("1")
    public int threads;

    private Device device;
    private Matrix a, b, c;
    private boolean transA, transB;

    @Setup
    public void setup() {
        System.setProperty("densetrain.cpu.smallGemmFlops", impl.equals("java") ? Long.toString(Long.MAX_VALUE) : "0");
        String[] parts = shape.split("[x:]");
        int m = Integer.parseInt(parts[0]), n = Integer.parseInt(parts[1]), k = Integer.parseInt(parts[2]);
        transA = parts[3].charAt(0) == 'T';
        transB = parts[3].charAt(1) == 'T';
        device = Devices.open("cpu", threads);
        a = device.allocate(transA ? k : m, transA ? m : k);
        b = device.allocate(transB ? n : k, transB ? k : n);
        c = device.allocate(m, n);
        Random r = new Random(5);
        device.upload(r.doubles((long) m * k).toArray(), a);
        device.upload(r.doubles((long) k * n).toArray(), b);
    }

    @Benchmark
    public void gemm() {
        device.gemm(transA, transB, 1.0, a, b, 0.0, c);
    }

    @TearDown
    public void tearDown() {
        device.close();
    }
}
