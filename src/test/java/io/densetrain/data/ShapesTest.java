package io.densetrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import org.junit.jupiter.api.Test;

/** The built-in shapes pictures: seeded, in range, all classes, and the shape drawn where it should be. */
class ShapesTest {
    @Test
    void theSameSeedGivesTheSamePictures() {
        var spec = new Shapes.Spec(50, 20, 16, 16, 1, 3, 0.1, 7);
        ImageSplit a = Shapes.generate(spec), b = Shapes.generate(spec);
        assertArrayEquals(a.train().features(), b.train().features());
        assertArrayEquals(a.test().labels(), b.test().labels());
        ImageSplit c = Shapes.generate(new Shapes.Spec(50, 20, 16, 16, 1, 3, 0.1, 8));
        assertFalse(java.util.Arrays.equals(a.train().features(), c.train().features()));
        assertEquals(new ImageShape(16, 16, 1), a.shape());
        assertEquals(3, a.classNames().size());
        int[] counts = new int[3];
        for (int y : a.train().labels()) counts[y]++;
        for (int k = 0; k < 3; k++) assertTrue(counts[k] > 5, "class " + k + " drawn " + counts[k] + " times");
        for (double v : a.train().features()) assertTrue(v >= 0 && v <= 1);
    }

    @Test
    void withoutNoiseEachPictureHasAFullyCoveredShapeAndABackgroundCorner() {
        ImageSplit s = Shapes.generate(new Shapes.Spec(30, 0, 32, 32, 3, 2, 0, 3));
        ImageShape shape = s.shape();
        for (int j = 0; j < 30; j++) {
            // Foreground channels are drawn from [0.55, 1], background from [0, 0.4]: a shape of inradius ≥ 4 px
            // covers some pixel fully, and corner (0, 0) lies outside every shape (centre ≥ 9.6 px in, circumradius ≤ 10.3).
            double brightest = 0;
            for (int r = 0; r < 32; r++)
                for (int c = 0; c < 32; c++) brightest = Math.max(brightest, s.train().feature(j, shape.index(r, c, 0)));
            double corner = s.train().feature(j, shape.index(0, 0, 0));
            assertTrue(brightest >= 0.55 && corner <= 0.4, "picture " + j + ": brightest " + brightest + ", corner " + corner);
        }
        assertThrows(BadInputException.class, () -> new Shapes.Spec(10, 10, 16, 16, 2, 3, 0.1, 1));
    }
}
