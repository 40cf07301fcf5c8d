package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitterTest {
    /** 1000 examples whose single feature is the example's index, label 1 for every 10th. */
    private static Dataset indexed() {
        double[] x = new double[1000];
        int[] y = new int[1000];
        for (int j = 0; j < 1000; j++) {
            x[j] = j;
            y[j] = j % 10 == 0 ? 1 : 0;
        }
        return new Dataset("indexed", 1, x, y, List.of("i"));
    }

    private static Set<Double> values(Dataset d) {
        Set<Double> s = new HashSet<>();
        for (double v : d.features()) s.add(v);
        return s;
    }

    @Test
    void ratiosGiveSizesAndTheSplitIsADisjointCover() {
        Splits s = Splitter.split(indexed(), new double[] {0.98, 0.01, 0.01}, 5, false);
        assertEquals(980, s.train().size());
        assertEquals(10, s.dev().size());
        assertEquals(10, s.test().size());
        Set<Double> all = new HashSet<>(values(s.train()));
        all.addAll(values(s.dev()));
        all.addAll(values(s.test()));
        assertEquals(1000, all.size());
    }

    @Test
    void theSeedFixesTheSplitAndAnotherSeedChangesIt() {
        Splits a = Splitter.split(indexed(), new double[] {0.8, 0.1, 0.1}, 5, false);
        Splits b = Splitter.split(indexed(), new double[] {0.8, 0.1, 0.1}, 5, false);
        Splits c = Splitter.split(indexed(), new double[] {0.8, 0.1, 0.1}, 6, false);
        assertArrayEquals(a.dev().features(), b.dev().features());
        assertTrue(!values(a.dev()).equals(values(c.dev())));
    }

    @Test
    void stratifyKeepsTheLabelProportionInEveryPart() {
        Splits s = Splitter.split(indexed(), new double[] {0.6, 0.2, 0.2}, 3, true);
        for (Dataset d : List.of(s.train(), s.dev(), s.test())) {
            long positives = java.util.Arrays.stream(d.labels()).filter(v -> v == 1).count();
            assertEquals(0.1, (double) positives / d.size(), 1e-12, d.name());
        }
    }

    @Test
    void badRatiosAreOneClearError() {
        assertThrows(BadInputException.class, () -> Splitter.parseRatios("0.9,0.2,0.1"));
        assertThrows(BadInputException.class, () -> Splitter.parseRatios("0.9,0.1"));
        assertThrows(BadInputException.class, () -> Splitter.parseRatios("a,b,c"));
        assertArrayEquals(new double[] {0.98, 0.01, 0.01}, Splitter.parseRatios("0.98,0.01,0.01"));
    }
}
