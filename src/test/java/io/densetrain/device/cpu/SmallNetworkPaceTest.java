package io.densetrain.device.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SmallNetwork's choice between running its two halves side by side and one after the other. */
class SmallNetworkPaceTest {

    /** Counts the parallel choices among 64 consecutive iterations, recording each at the given cost. */
    private static int parallelOf64(SmallNetwork.Pace pace, long parallelNs, long sequentialNs) {
        int parallel = 0;
        for (int k = 0; k < 64; k++) {
            boolean p = pace.parallelNext();
            if (p) parallel++;
            pace.record(p, p ? parallelNs : sequentialNs);
        }
        return parallel;
    }

    @Test
    void followsTheFasterModeAndProbesTheOtherOnceIn64() {
        SmallNetwork.Pace pace = new SmallNetwork.Pace();
        parallelOf64(pace, 10_000, 18_000); // both averages start
        assertEquals(63, parallelOf64(pace, 10_000, 18_000)); // a quiet machine: parallel, one sequential probe
        parallelOf64(pace, 60_000, 18_000); // the second thread now descheduled: parallel turns slow
        assertEquals(1, parallelOf64(pace, 60_000, 18_000)); // sequential, one parallel probe
        int blocks = 1;
        while (parallelOf64(pace, 9_000, 18_000) != 63 && blocks < 20) blocks++; // quiet again
        assertTrue(blocks <= 8, "back to parallel after " + blocks + " blocks of 64 iterations");
    }
}
