package io.densetrain.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.data.ImageShape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each transform on tiny hand-made pictures, and the random list's bounds and seeding. */
class TransformsTest {
    // 3 rows x 4 columns, 1 channel:   row 0: 1 2 3 4 / row 1: 5 6 7 8 / row 2: 9 10 11 12  (tenths below)
    static final ImageShape S = new ImageShape(3, 4, 1);
    static final double[] IMG = {.1, .2, .3, .4, .5, .6, .7, .8, .9, .95, .85, .75};

    @Test
    void flipsMirrorExactly() {
        assertArrayEquals(new double[] {.4, .3, .2, .1, .8, .7, .6, .5, .75, .85, .95, .9}, Transforms.flipHorizontal(IMG, S));
        assertArrayEquals(new double[] {.9, .95, .85, .75, .5, .6, .7, .8, .1, .2, .3, .4}, Transforms.flipVertical(IMG, S));
        // Channels stay together: a 1x2 RGB picture.
        ImageShape rgb = new ImageShape(1, 2, 3);
        assertArrayEquals(new double[] {4, 5, 6, 1, 2, 3}, Transforms.flipHorizontal(new double[] {1, 2, 3, 4, 5, 6}, rgb));
    }

    @Test
    void shiftMovesByKAndPads() {
        // One row down, two columns right, zeros where nothing moves in.
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, .1, .2, 0, 0, .5, .6}, Transforms.shift(IMG, S, 1, 2, Padding.ZERO));
        // One column left with reflection: column 3 shows old column 2 mirrored back from the edge (index 4 ↦ 2).
        assertArrayEquals(new double[] {.2, .3, .4, .3, .6, .7, .8, .7, .95, .85, .75, .85}, Transforms.shift(IMG, S, 0, -1, Padding.REFLECT));
        // Two rows up with reflection: rows 1, 2 come from old rows 3 ↦ 1 and 4 ↦ 0.
        assertArrayEquals(new double[] {.9, .95, .85, .75, .5, .6, .7, .8, .1, .2, .3, .4}, Transforms.shift(IMG, S, -2, 0, Padding.REFLECT));
        assertArrayEquals(IMG, Transforms.shift(IMG, S, 0, 0, Padding.ZERO));
        assertArrayEquals(IMG, Transforms.shift(IMG, S, 0, 0, Padding.REFLECT));
    }

    @Test
    void rotationByZeroIsTheIdentityAnd90DegreesPermutes() {
        assertArrayEquals(IMG, Transforms.rotate(IMG, S, 0, Padding.ZERO));
        // 3x3, centre (1, 1): out(r, c) = in(1 + (r−1)cos θ − (c−1) sin θ, 1 + (r−1) sin θ + (c−1) cos θ); θ = 90°:
        // out(r, c) = in(2 − c, r), i.e. out row 0 = in column 0 read bottom-up.
        ImageShape sq = new ImageShape(3, 3, 1);
        double[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(new double[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, Transforms.rotate(in, sq, 90, Padding.ZERO), 1e-12);
        // 180° equals both flips.
        double[] both = Transforms.flipVertical(Transforms.flipHorizontal(IMG, S), S);
        assertArrayEquals(both, Transforms.rotate(IMG, S, 180, Padding.ZERO), 1e-12);
        // 45° on 3x3: the corner out(0, 0) samples in(1 − 0·… , …) = in(1, 1 − √2) outside → 0 with zero padding; the centre stays.
        double[] r45 = Transforms.rotate(in, sq, 45, Padding.ZERO);
        assertEquals(0, r45[0], 0);
        assertEquals(5, r45[4], 1e-12);
    }

    @Test
    void brightnessAddsAndClips() {
        assertArrayEquals(new double[] {.3, .4, .5, .6, .7, .8, .9, 1, 1, 1, 1, .95}, Transforms.brightness(IMG, .2), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0, .1, .2, .3, .4, .5, .6, .65, .55, .45}, Transforms.brightness(IMG, -.3), 1e-15);
    }

    @Test
    void contrastScalesAboutTheMean() {
        double[] in = {0.2, 0.4, 0.6, 0.8}; // mean 0.5
        assertArrayEquals(new double[] {0.05, 0.35, 0.65, 0.95}, Transforms.contrast(in, 1.5), 1e-15);
        assertArrayEquals(new double[] {0, 0.2, 0.8, 1}, Transforms.contrast(in, 3), 1e-15); // clipped
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, Transforms.contrast(in, 0), 1e-15);
        assertArrayEquals(in, Transforms.contrast(in, 1), 1e-15);
    }

    @Test
    void noiseHasTheStatedSpreadAndZeroIsTheIdentity() {
        double[] flat = new double[20000];
        Arrays.fill(flat, 0.5);
        double[] noisy = Transforms.noise(flat, 0.05, new SplittableRandom(3));
        double mean = Arrays.stream(noisy).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(noisy).map(v -> (v - mean) * (v - mean)).sum() / noisy.length);
        assertEquals(0.5, mean, 0.002);
        assertEquals(0.05, sd, 0.002);
        assertArrayEquals(flat, Transforms.noise(flat, 0, new SplittableRandom(3)));
    }

    @Test
    void randomDrawsStayWithinTheirBounds() {
        AugmentSpec shift = AugmentSpec.parse("shift=1");
        AugmentSpec bright = AugmentSpec.parse("brightness=0.05");
        for (int seed = 0; seed < 40; seed++) {
            double[] out = shift.apply(IMG, S, new SplittableRandom(seed));
            boolean matched = false;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) matched |= Arrays.equals(out, Transforms.shift(IMG, S, dy, dx, Padding.ZERO));
            assertTrue(matched, "seed " + seed + " drew a shift outside ±1");
            double[] b = bright.apply(IMG, S, new SplittableRandom(seed));
            double delta = b[0] - IMG[0];
            assertTrue(Math.abs(delta) <= 0.05);
            for (int i = 0; i < IMG.length; i++) assertEquals(IMG[i] + delta, b[i], 1e-15, "one δ for the whole picture");
        }
        assertArrayEquals(IMG, AugmentSpec.parse("rotate=0,shift=0,brightness=0").apply(IMG, S, new SplittableRandom(1)));
    }

    @Test
    void theSameSeedGivesTheSameBatch() {
        double[] x = new double[5 * 12];
        for (int i = 0; i < x.length; i++) x[i] = (i % 13) / 13.0;
        AugmentSpec spec = AugmentSpec.parse("flip,vflip,shift=1,rotate=30,brightness=0.1,contrast=0.2,noise=0.05,pad=reflect");
        Augmenter a = new Augmenter(spec, S, x, 42), b = new Augmenter(spec, S, x, 42), c = new Augmenter(spec, S, x, 43);
        assertArrayEquals(a.epoch(3), b.epoch(3));
        assertFalse(Arrays.equals(a.epoch(3), a.epoch(4)), "each epoch draws afresh");
        assertFalse(Arrays.equals(a.epoch(3), c.epoch(3)), "another seed, another batch");
        assertArrayEquals(Arrays.copyOfRange(a.epoch(2), 24, 36), a.picture(2, 2));
        assertArrayEquals(Arrays.copyOf(x, 12), Arrays.copyOf(x, 12), "the original is untouched");
    }

    @Test
    void theProducerThreadGivesExactlyTheSequentialResult() {
        double[] x = new double[7 * 12];
        for (int i = 0; i < x.length; i++) x[i] = (i % 11) / 11.0;
        double[] before = x.clone();
        AugmentSpec spec = AugmentSpec.parse("flip,shift=2,rotate=15,noise=0.02");
        Augmenter reference = new Augmenter(spec, S, x, 5);
        try (AugmentedEpochs epochs = new AugmentedEpochs(new Augmenter(spec, S, x, 5))) {
            for (long e = 0; e < 6; e++) assertArrayEquals(reference.epoch(e), epochs.featuresFor(e), "epoch " + e);
            assertArrayEquals(reference.epoch(11), epochs.featuresFor(11), "out of order");
        }
        assertArrayEquals(before, x);
    }

    @Test
    void badListsGetOneClearLine() {
        assertTrue(assertThrows(BadInputException.class, () -> AugmentSpec.parse("flip,zoom=2")).getMessage().contains("unknown transform 'zoom=2'"));
        assertTrue(assertThrows(BadInputException.class, () -> AugmentSpec.parse("shift=x")).getMessage().contains("shift=x is not an integer"));
        assertTrue(assertThrows(BadInputException.class, () -> AugmentSpec.parse("rotate=200")).getMessage().contains("outside"));
        assertTrue(assertThrows(BadInputException.class, () -> AugmentSpec.parse("pad=wrap")).getMessage().contains("pad=zero or pad=reflect"));
        assertThrows(BadInputException.class, () -> AugmentSpec.parse("shift=3").checkFits(S));
        assertTrue(AugmentSpec.parse("none").isEmpty());
    }
}
