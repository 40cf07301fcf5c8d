package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The CPU device's hand-off of loop ranges to its helper threads (WorkerTeam, via CpuParallel). */
class WorkerTeamTest {

    /** Each index is visited exactly once, by contiguous ranges, for every split and after workers have parked. */
    @Test
    void everyIndexRunsExactlyOnce() throws InterruptedException {
        WorkerTeam team = new WorkerTeam();
        for (int parts = 2; parts <= 5; parts++) {
            for (int n : new int[] {parts, 7, 1000, 65_537}) {
                int[] visits = new int[n];
                assertTrue(team.tryRun(n, parts, (from, to) -> {
                    for (int i = from; i < to; i++) visits[i]++;
                }));
                int[] once = new int[n];
                java.util.Arrays.fill(once, 1);
                assertArrayEquals(once, visits, "n = " + n + ", parts = " + parts);
            }
        }
        Thread.sleep(WorkerTeam.SPIN_NANOS / 1_000_000 + 50); // the workers park; the next hand-off must wake them
        AtomicInteger sum = new AtomicInteger();
        assertTrue(team.tryRun(100, 3, (from, to) -> sum.addAndGet(to - from)));
        assertEquals(100, sum.get());
    }

    /** Ranges run on different threads: the caller takes range 0. */
    @Test
    void callerRunsTheFirstRangeAndWorkersTheRest() {
        WorkerTeam team = new WorkerTeam();
        Thread[] ranThe = new Thread[3];
        team.tryRun(3, 3, (from, to) -> ranThe[from] = Thread.currentThread());
        assertSame(Thread.currentThread(), ranThe[0]);
        assertFalse(ranThe[1] == ranThe[0] || ranThe[2] == ranThe[0] || ranThe[1] == ranThe[2]);
    }

    /** A failure in a worker's range reaches the caller, after every range has finished, and the team stays usable. */
    @Test
    void aWorkersFailureIsRethrownToTheCaller() {
        WorkerTeam team = new WorkerTeam();
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.tryRun(2, 2, (from, to) -> {
            if (from == 1) throw new IllegalStateException("range 1");
            finished.incrementAndGet();
        }));
        assertEquals("range 1", e.getMessage());
        assertEquals(1, finished.get());
        assertTrue(team.tryRun(2, 2, (from, to) -> finished.incrementAndGet()));
        assertEquals(3, finished.get());
    }

    /** While one caller holds the team, a second is refused (CpuParallel then splits another way) and nested loops still finish. */
    @Test
    void aSecondCallerIsRefusedWhileTheTeamIsBusy() throws InterruptedException {
        WorkerTeam team = new WorkerTeam();
        CountDownLatch inside = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread holder = new Thread(() -> team.tryRun(2, 2, (from, to) -> {
            if (from == 0) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        holder.start();
        inside.await();
        assertFalse(team.tryRun(2, 2, (from, to) -> { }));
        release.countDown();
        holder.join();
        assertTrue(team.tryRun(2, 2, (from, to) -> { }));

        long[] sums = new long[4];
        CpuParallel.forRange(4, 2, 1 << 20, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                CpuParallel.forRange(1 << 16, 2, 1, (a, b) -> {
                    long s = 0;
                    for (int k = a; k < b; k++) s += k;
                    synchronized (sums) {
                        sums[row] += s;
                    }
                });
            }
        });
        long expected = (1L << 16) * ((1L << 16) - 1) / 2;
        assertArrayEquals(new long[] {expected, expected, expected, expected}, sums);
    }
}
