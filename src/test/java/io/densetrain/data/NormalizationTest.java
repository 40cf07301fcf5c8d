package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    @Test
    void meanAndPopulationStdByHand() {
        // feature 1: 1, 2, 3 → μ 2, σ √(2/3); feature 2: constant 5 → μ 5, σ replaced by 1
        Dataset d = new Dataset("t", 2, new double[] {1, 5, 2, 5, 3, 5}, new int[] {0, 1, 0}, List.of("a", "b"));
        Normalization n = Normalization.fit(d);
        assertArrayEquals(new double[] {2, 5}, n.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), 1}, n.std(), 1e-15);
        assertArrayEquals(new double[] {-1 / Math.sqrt(2.0 / 3), 0, 0, 0, 1 / Math.sqrt(2.0 / 3), 0}, n.apply(d.features()), 1e-15);
    }

    @Test
    void devAndTestNeverInfluenceTheStatisticsAndAreTransformedWithTrainsOnes() {
        Dataset train = new Dataset("train", 1, new double[] {0, 2, 4}, new int[] {0, 1, 0}, List.of("x"));
        Dataset devA = new Dataset("dev", 1, new double[] {1, 1}, new int[] {0, 1}, List.of("x"));
        Dataset devB = new Dataset("dev", 1, new double[] {1000, -7000}, new int[] {0, 1}, List.of("x"));
        Normalization fromA = Normalization.fit(new Splits(train, devA, devA).train());
        Normalization fromB = Normalization.fit(new Splits(train, devB, devB).train());
        assertArrayEquals(fromA.mean(), fromB.mean(), 0);
        assertArrayEquals(fromA.std(), fromB.std(), 0);
        Splits applied = fromB.apply(new Splits(train, devB, devB));
        double sd = Math.sqrt(8.0 / 3);
        assertArrayEquals(new double[] {(1000 - 2) / sd, (-7000 - 2) / sd}, applied.dev().features(), 1e-12);
    }

    @Test
    void distributionCheckWarnsOnlyWhenDevAndTestDiffer() {
        java.util.Random r = new java.util.Random(1);
        double[] a = new double[200], b = new double[200], c = new double[200];
        for (int i = 0; i < 200; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
            c[i] = 10 + r.nextGaussian();
        }
        int[] y = new int[200];
        Dataset dev = new Dataset("dev", 1, a, y, List.of("x")), same = new Dataset("test", 1, b, y, List.of("x"));
        Dataset shifted = new Dataset("test", 1, c, y, List.of("x"));
        assertTrue(DistributionCheck.compare(dev, same).isEmpty());
        String warning = DistributionCheck.compare(dev, shifted).orElseThrow();
        assertTrue(warning.contains("'x'") && warning.contains("same distribution"), warning);
    }
}
