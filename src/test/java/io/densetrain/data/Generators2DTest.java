package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Generators2DTest {
    @ParameterizedTest
    @ValueSource(strings = {"spirals", "xor", "flower", "gaussian-quantiles"})
    void seededBalancedAndTwoDimensional(String kind) {
        TrainTest a = Synthetic2D.generate(new Synthetic2D.Spec(kind, 300, 100, 0.2, 2, 2, 4));
        TrainTest b = Synthetic2D.generate(new Synthetic2D.Spec(kind, 300, 100, 0.2, 2, 2, 4));
        assertArrayEquals(a.train().features(), b.train().features());
        assertEquals(2, a.train().featureCount());
        assertEquals(300, a.train().size());
        int ones = java.util.Arrays.stream(a.train().labels()).sum() + java.util.Arrays.stream(a.test().labels()).sum();
        assertEquals(200, ones, 30, kind + " should be about balanced");
    }

    @Test
    void xorWithoutNoiseLabelsTheQuadrants() {
        Dataset d = Generators2D.xor(500, 0, new Random(1));
        for (int j = 0; j < d.size(); j++) {
            assertEquals(d.feature(j, 0) * d.feature(j, 1) > 0 ? 1 : 0, d.labels()[j]);
        }
    }

    @Test
    void gaussianQuantileShellsAreOrderedByRadius() {
        Dataset d = Generators2D.gaussianQuantiles(900, 3, new Random(2));
        double[] maxR = new double[3], minR = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int j = 0; j < d.size(); j++) {
            double r = Math.hypot(d.feature(j, 0), d.feature(j, 1));
            maxR[d.labels()[j]] = Math.max(maxR[d.labels()[j]], r);
            minR[d.labels()[j]] = Math.min(minR[d.labels()[j]], r);
        }
        assertTrue(maxR[0] <= minR[1] && maxR[1] <= minR[2]);
        assertEquals(300, java.util.Arrays.stream(d.labels()).filter(v -> v == 1).count());
    }

    @Test
    void flowerPetalsStayWithinRadiusFourWithoutNoise() {
        Dataset d = Generators2D.flower(400, 0, new Random(3));
        for (int j = 0; j < d.size(); j++) {
            assertTrue(Math.hypot(d.feature(j, 0), d.feature(j, 1)) <= 4 + 1e-12);
        }
    }

    @Test
    void spiralsHaveOneArmPerClass() {
        Dataset d = Generators2D.spirals(300, 3, 0, new Random(1));
        assertEquals(3, d.classes());
        // without noise, the first point of every arm sits at the origin (radius 0)
        for (int c = 0; c < 3; c++) assertEquals(0, Math.hypot(d.feature(c, 0), d.feature(c, 1)), 1e-12);
    }
}
