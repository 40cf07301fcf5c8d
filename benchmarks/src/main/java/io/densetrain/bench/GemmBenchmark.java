package io.densetrain.bench;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
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
 * C = A·B in float64, through the CPU device ({@code impl=device}) and through {@code cblas_dgemm}
 * called directly ({@code impl=openblas}, the library's own speed). The shape is
 * {@code m x n x k : op(A) op(B)}: the squares, and the products of one [784,1024,1024,10] training
 * step (forward W1·X, backward dZ·Aᵀ and Wᵀ·dZ). GFLOP/s = 2·m·n·k / time (benchmarks/report.py).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBenchmark {
    @Param({"256x256x256:NN", "512x512x512:NN", "1024x1024x1024:NN", "2048x2048x2048:NN",
            "1024x1024x784:NN", "1024x4096x784:NN", "1024x784x1024:NT", "1024x1024x1024:TN"})
    public String shape;

    @Param({"device", "openblas"})
    public String impl;

    @Param("2")
    public int threads;

    private Device device;
    private Matrix a, b, c;
    private DoublePointer pa, pb, pc;
    private int m, n, k;
    private boolean transA, transB;

    @Setup
    public void setup() {
        String[] parts = shape.split("[x:]");
        m = Integer.parseInt(parts[0]);
        n = Integer.parseInt(parts[1]);
        k = Integer.parseInt(parts[2]);
        transA = parts[3].charAt(0) == 'T';
        transB = parts[3].charAt(1) == 'T';
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        double[] av = random(aRows * aCols, 1), bv = random(bRows * bCols, 2);
        if (impl.equals("device")) {
            device = Devices.open("cpu", threads);
            a = device.allocate(aRows, aCols);
            b = device.allocate(bRows, bCols);
            c = device.allocate(m, n);
            device.upload(av, a);
            device.upload(bv, b);
        } else {
            Loader.load(openblas_nolapack.class);
            openblas_nolapack.blas_set_num_threads(threads);
            pa = new DoublePointer(av);
            pb = new DoublePointer(bv);
            pc = new DoublePointer((long) m * n);
        }
    }

    private static double[] random(int size, long seed) {
        Random r = new Random(seed);
        double[] v = new double[size];
        for (int i = 0; i < size; i++) v[i] = r.nextDouble() - 0.5;
        return v;
    }

    @Benchmark
    public void gemm() {
        if (device != null) {
            device.gemm(transA, transB, 1.0, a, b, 0.0, c);
        } else {
            openblas_nolapack.cblas_dgemm(102, transA ? 112 : 111, transB ? 112 : 111, m, n, k, 1.0,
                    pa, transA ? k : m, pb, transB ? n : k, 0.0, pc, m);
        }
    }

    @TearDown
    public void tearDown() {
        if (device != null) device.close();
        if (pa != null) {
            pa.close();
            pb.close();
            pc.close();
        }
    }
}
