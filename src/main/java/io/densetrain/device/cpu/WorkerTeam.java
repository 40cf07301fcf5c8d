package io.densetrain.device.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU device's helper threads for {@link CpuParallel}: one caller at a time hands ranges 1..parts−1
 * of a loop to waiting workers and runs range 0 itself. A mini-batch update hands off a dozen loops a few
 * hundred µs apart, and a parked thread takes tens of µs to wake on a virtual machine (the fork-join
 * pool's cost per product at batch 128), so a worker that has just finished waits for the next range
 * for {@link #SPIN_NANOS}: busy for the first few µs, then yielding the core to any other runnable
 * thread (so a loaded machine loses little), then parked until the next hand-off unparks it.
 */
final class WorkerTeam {
    /** How long a worker, or the caller waiting for its workers, keeps polling before it parks. */
    static final long SPIN_NANOS = Long.getLong("densetrain.cpu.spinMicros", 200) * 1000;
    private static final int BUSY_POLLS = 200;

    static final WorkerTeam SHARED = new WorkerTeam();

    private final AtomicBoolean busy = new AtomicBoolean();
    private Worker[] workers = new Worker[0];
    /** The latest hand-off; a worker runs its range of each new one it sees. */
    private volatile Task task;

    /** One hand-off: the loop, its split, and who is still running. */
    private static final class Task {
        final CpuParallel.Range body;
        final int n, parts;
        final AtomicInteger pending;
        final Thread caller = Thread.currentThread();
        volatile boolean callerParked;
        volatile Throwable failure;

        Task(CpuParallel.Range body, int n, int parts) {
            this.body = body;
            this.n = n;
            this.parts = parts;
            this.pending = new AtomicInteger(parts - 1);
        }
    }

    /**
     * Runs {@code body} over [0, n) in {@code parts} ranges; false (nothing run) when another caller
     * holds the team, so that the caller splits some other way.
     */
    boolean tryRun(int n, int parts, CpuParallel.Range body) {
        if (!busy.compareAndSet(false, true)) return false;
        Task t = new Task(body, n, parts);
        try {
            ensureWorkers(parts - 1);
            task = t;
            for (int w = 0; w < parts - 1; w++) workers[w].wake();
            try {
                body.run(0, CpuParallel.from(n, 1, parts));
            } finally {
                awaitWorkers(t);
            }
        } finally {
            busy.set(false);
        }
        Throwable failure = t.failure;
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        return true;
    }

    private void ensureWorkers(int count) {
        if (workers.length >= count) return;
        Worker[] grown = java.util.Arrays.copyOf(workers, count);
        for (int w = workers.length; w < count; w++) {
            grown[w] = new Worker(w + 1, task);
            grown[w].thread.start();
        }
        workers = grown;
    }

    private static void awaitWorkers(Task t) {
        await(() -> t.pending.get() == 0, () -> {
            t.callerParked = true;
            if (t.pending.get() != 0) LockSupport.park(t);
            t.callerParked = false;
        });
    }

    /**
     * Waits until {@code done}: polls busily for {@link #BUSY_POLLS} rounds, then yields for up to
     * {@link #SPIN_NANOS}, then runs {@code park} (which flags the waiter as parked, checks once more and
     * parks), and starts over when woken.
     */
    private static void await(java.util.function.BooleanSupplier done, Runnable park) {
        long start = 0;
        for (int polls = 0; !done.getAsBoolean(); polls++) {
            if (polls < BUSY_POLLS) {
                Thread.onSpinWait();
            } else if (start == 0) {
                start = System.nanoTime();
            } else if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.yield();
            } else {
                park.run();
                start = 0;
                polls = 0;
            }
        }
    }

    /** A helper thread that runs range {@code part} of every hand-off split into more than {@code part} ranges. */
    private final class Worker implements Runnable {
        final int part;
        final Thread thread;
        private volatile boolean parked;
        private Task last;

        Worker(int part, Task current) {
            this.part = part;
            this.last = current;
            thread = new Thread(this, "densetrain-cpu-" + part);
            thread.setDaemon(true);
        }

        void wake() {
            if (parked) LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            for (;;) {
                Task t = next();
                last = t;
                if (part >= t.parts) continue;
                try {
                    t.body.run(CpuParallel.from(t.n, part, t.parts), CpuParallel.from(t.n, part + 1, t.parts));
                } catch (Throwable e) {
                    t.failure = e;
                }
                if (t.pending.decrementAndGet() == 0 && t.callerParked) LockSupport.unpark(t.caller);
            }
        }

        /** Waits for a hand-off other than the last one seen. */
        private Task next() {
            await(() -> task != last, () -> {
                parked = true;
                if (task == last) LockSupport.park(this);
                parked = false;
            });
            return task;
        }
    }
}
