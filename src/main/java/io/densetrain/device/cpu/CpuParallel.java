package io.densetrain.device.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits an elementwise loop over {@code [0, n)} into one contiguous range per thread when the loop
 * touches at least {@link #MIN_PARALLEL_ELEMENTS} elements; below that a split costs more than it
 * saves and the loop runs on the caller alone. The caller runs the first range and {@link WorkerTeam}'s
 * waiting workers the others (the common fork-join pool when the team is busy with another caller).
 * Every index is computed by exactly one thread with the same formula, so results do not depend on the split.
 */
final class CpuParallel {
    /**
     * Elements below which a loop stays on one thread: 2¹⁵ is 10–25 µs of work, several times the team's
     * hand-off (a batch-128 update's 256 × 128 activations and its gather of 128 columns of 784 split;
     * measured on 2 cores: gather 0.058 → 0.035 ms, bias + ReLU 0.025 → 0.019 ms per call).
     */
    static final long MIN_PARALLEL_ELEMENTS = 1L << 15;
    /** Elements below which a loop stays on one thread when it would go to the fork-join pool (a fork costs ≈ 5–20 µs). */
    static final long MIN_FORK_JOIN_ELEMENTS = 1L << 17;

    /** The loop body over a half-open range. */
    interface Range {
        void run(int from, int to);
    }

    private CpuParallel() {
    }

    /** Runs {@code body} over {@code [0, n)}; {@code elementsPerIndex} is the work of one index. */
    static void forRange(int n, int threads, long elementsPerIndex, Range body) {
        int parts = (int) Math.min(threads, n);
        if (parts <= 1 || (long) n * elementsPerIndex < MIN_PARALLEL_ELEMENTS) {
            body.run(0, n);
            return;
        }
        if (WorkerTeam.SHARED.tryRun(n, parts, body)) return;
        if ((long) n * elementsPerIndex < MIN_FORK_JOIN_ELEMENTS) body.run(0, n);
        else forkJoin(n, parts, body);
    }

    /** The range of part {@code p} of {@code parts}: [from(n, p, parts), from(n, p + 1, parts)). */
    static int from(int n, int p, int parts) {
        return (int) ((long) n * p / parts);
    }

    private static void forkJoin(int n, int parts, Range body) {
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = from(n, p, parts), to = from(n, p + 1, parts);
            forked[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(0, from(n, 1, parts));
        for (ForkJoinTask<?> task : forked) task.join();
    }
}
