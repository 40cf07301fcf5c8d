package io.densetrain.bench;

import io.densetrain.nn.Network;
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
 * The MNIST-shaped mini-batch workload ({@link MiniBatchRun}): one invocation is a whole training run,
 * 10 epochs of [784,256,128,10] over 8,000 generated examples from a fresh He initialization, so the
 * time is comparable with the peers' own timers (benchmarks/peers/minibatch_*.py). Data generation and
 * upload are in the trial setup, outside the timer, as the peers load theirs before starting the clock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MiniBatchBenchmark {
    @Param({"adam", "momentum", "gd"})
    public String optimizer;

    @Param({"64", "128", "512"})
    public int batch;

    @Param("2")
    public int threads;

    /** cpu (float64) or cpu-float32. */
    @Param("cpu")
    public String device;

    private MiniBatchRun run;
    private Network last;

    @Setup
    public void setup() {
        run = new MiniBatchRun(Devices.open(device, threads), new MnistShaped(8000, 2000, 1));
    }

    @Benchmark
    public Network train() {
        last = run.train(optimizer, batch);
        return last;
    }

    @TearDown
    public void tearDown() {
        if (last != null) {
            System.out.printf(java.util.Locale.ROOT, "%n{\"suite\": \"minibatch-accuracy\", \"optimizer\": \"%s\", \"batch\": %d,"
                    + " \"test_accuracy\": %.4f}%n", optimizer, batch, run.testAccuracy(last));
        }
        run.close();
    }
}
