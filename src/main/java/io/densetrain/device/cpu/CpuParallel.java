package io.densetrain.device.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits an elementwise loop over {@code [0, n)} into one contiguous range per thread, on the common
 * fork-join pool plus the caller, when the loop touches at least {@link #MIN_PARALLEL_ELEMENTS}
 * elements; below that a fork costs more than it saves and the loop runs on the caller alone. Every
 * index is computed by exactly one thread with the same formula, so results do not depend on the split.
 */
final class CpuParallel {
    /** Elements below which a loop stays on one thread (about 50 µs of work: far above the fork cost). */
    static final long MIN_PARALLEL_ELEMENTS = 1L << 17;

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
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts), to = (int) ((long) n * (p + 1) / parts);
            forked[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) n / parts));
        for (ForkJoinTask<?> task : forked) task.join();
    }
}
