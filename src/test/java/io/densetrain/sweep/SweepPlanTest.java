package io.densetrain.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Trial lists: the grid's cross product in order, seeded random draws, the colon syntax, and refused plans. */
class SweepPlanTest {
    private static final List<String> BASE = List.of("--data", "moons", "--split", "0.6,0.2,0.2");

    @Test
    void gridIsTheCrossProductFirstSettingSlowest() {
        List<Trial> trials = new SweepPlan(BASE, List.of(Setting.grid("l2=0,0.7"), Setting.grid("keep-prob=1,0.86")), 0, 1).trials();
        assertEquals(4, trials.size());
        assertEquals(List.of("l2=0 keep-prob=1", "l2=0 keep-prob=0.86", "l2=0.7 keep-prob=1", "l2=0.7 keep-prob=0.86"),
                trials.stream().map(Trial::label).toList());
        assertEquals(List.of("--data", "moons", "--split", "0.6,0.2,0.2", "--l2", "0.7", "--keep-prob", "0.86"), trials.get(3).args());
        assertEquals(List.of(1, 2, 3, 4), trials.stream().map(Trial::index).toList());
        assertEquals(4, trials.stream().map(Trial::id).distinct().count(), "ids differ per argument list");
    }

    @Test
    void colonsBecomeTrainsCommas() {
        Trial t = new SweepPlan(BASE, List.of(Setting.grid("hidden=20:3,5")), 0, 1).trials().get(0);
        assertEquals(List.of("--hidden", "20,3"), t.args().subList(4, 6));
        assertEquals("20:3", t.params().get("hidden"));
    }

    @Test
    void idIsTheDigestOfTheArgumentsOnly() {
        Trial a = new SweepPlan(BASE, List.of(Setting.grid("l2=0.7")), 0, 1).trials().get(0);
        Trial b = new SweepPlan(BASE, List.of(Setting.grid("l2=0,0.7")), 0, 1).trials().get(1);
        assertEquals(a.args(), b.args());
        assertEquals(a.id(), b.id(), "same train command, same identity, whatever its position");
        assertEquals(16, a.id().length());
    }

    @Test
    void randomDrawsAreSeededAndInRange() {
        List<Setting> settings = List.of(Setting.range("lr=0.001:0.3:log"), Setting.range("batch-size=16:64"));
        List<Trial> one = new SweepPlan(BASE, settings, 6, 42).trials();
        List<Trial> again = new SweepPlan(BASE, settings, 6, 42).trials();
        List<Trial> other = new SweepPlan(BASE, settings, 6, 43).trials();
        assertEquals(6, one.size());
        assertEquals(one.stream().map(Trial::args).toList(), again.stream().map(Trial::args).toList());
        assertNotEquals(one.stream().map(Trial::args).toList(), other.stream().map(Trial::args).toList());
        // hand-computed from java.util.Random(42): lr first, then batch size, per trial
        Random r = new Random(42);
        double lr = Math.exp(Math.log(0.001) + r.nextDouble() * (Math.log(0.3) - Math.log(0.001)));
        long batch = (long) Math.floor(16 + r.nextDouble() * 49); // the integers 16..64, each [k, k + 1)
        assertEquals(new java.math.BigDecimal(lr).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString(),
                one.get(0).params().get("lr"));
        assertEquals(Long.toString(batch), one.get(0).params().get("batch-size"));
        for (Trial t : one) {
            double v = Double.parseDouble(t.params().get("lr"));
            assertTrue(v >= 0.001 && v <= 0.3, t.label());
            long b = Long.parseLong(t.params().get("batch-size"));
            assertTrue(b >= 16 && b <= 64, t.label());
        }
    }

    @Test
    void aRepeatedDrawIsOneTrial() {
        List<Trial> trials = new SweepPlan(BASE, List.of(Setting.range("batch-size=16:17")), 10, 1).trials();
        assertEquals(2, trials.size(), "only two distinct values exist");
        assertEquals(List.of(1, 2), trials.stream().map(Trial::index).toList());
    }

    @Test
    void randomIsCrossedWithTheGrid() {
        List<Trial> trials = new SweepPlan(BASE, List.of(Setting.grid("optimizer=gd,adam"), Setting.range("l2=0:1")), 3, 1).trials();
        assertEquals(6, trials.size());
        assertEquals(trials.get(0).params().get("l2"), trials.get(1).params().get("l2"), "one draw, both grid points");
        assertTrue(trials.get(0).params().get("l2").contains("."), "l2 is real-valued even with bounds 0:1");
        assertEquals(List.of("gd", "adam"), List.of(trials.get(0).params().get("optimizer"), trials.get(1).params().get("optimizer")));
    }

    @Test
    void refusedPlansSayWhy() {
        assertThrows(BadInputException.class, () -> Setting.grid("l2="));
        assertThrows(BadInputException.class, () -> Setting.grid("l2=0,,1"));
        assertThrows(BadInputException.class, () -> Setting.grid("l2"));
        assertThrows(BadInputException.class, () -> Setting.grid("l2=0,0.7,0"));
        assertThrows(BadInputException.class, () -> Setting.range("lr=0.3:0.1"));
        assertThrows(BadInputException.class, () -> Setting.range("lr=0:1:log"));
        assertThrows(BadInputException.class, () -> Setting.range("lr=a:1"));
        assertThrows(BadInputException.class, () -> Setting.range("batch-size=16.5:64"));
        var twice = assertThrows(BadInputException.class,
                () -> new SweepPlan(BASE, List.of(Setting.grid("l2=0"), Setting.grid("l2=1")), 0, 1));
        assertTrue(twice.getMessage().contains("swept twice"), twice.getMessage());
        var fixed = assertThrows(BadInputException.class,
                () -> new SweepPlan(List.of("--l2", "0.1"), List.of(Setting.grid("l2=0,1")), 0, 1));
        assertTrue(fixed.getMessage().contains("both a fixed flag and swept"), fixed.getMessage());
        assertThrows(BadInputException.class, () -> new SweepPlan(BASE, List.of(), 0, 1));
    }

    @Test
    void aPlanOfMoreThanTenThousandTrialsIsRefusedBeforeItsListIsBuilt() {
        String ten = "0,1,2,3,4,5,6,7,8,9";
        List<Setting> seven = new java.util.ArrayList<>();
        for (String name : List.of("l2", "seed", "shuffle-seed", "epochs", "decay", "beta1", "noise")) seven.add(Setting.grid(name + "=" + ten));
        long start = System.nanoTime();
        var huge = assertThrows(BadInputException.class, () -> new SweepPlan(BASE, seven, 0, 1));
        assertEquals("the sweep would run 10000000 trials (10 × 10 × 10 × 10 × 10 × 10 × 10), more than the 10000 a sweep runs;"
                + " give fewer values or fewer --trials", huge.getMessage());
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused at once, not after building 10^7 trials");
        var drawn = assertThrows(BadInputException.class,
                () -> new SweepPlan(BASE, List.of(Setting.grid("l2=0,1"), Setting.range("lr=0.01:1:log")), 5001, 1));
        assertTrue(drawn.getMessage().startsWith("the sweep would run 10002 trials (2 × 5001 random draws)"), drawn.getMessage());
        assertEquals(10_000, new SweepPlan(BASE, seven.subList(0, 4), 0, 1).trials().size(), "10^4 trials is the most a sweep runs");
    }

    @Test
    void randomDrawsWithoutARandomSettingAreRefused() {
        // they used to be ignored: --trials 5 with only --grid ran the grid once
        var e = assertThrows(BadInputException.class, () -> new SweepPlan(BASE, List.of(Setting.grid("l2=0,1")), 5, 1));
        assertEquals("--trials 5 counts random draws, but no setting is drawn: add --random NAME=LO:HI[:log], or drop --trials",
                e.getMessage());
    }

    @Test
    void aRandomLayerSizeDrawsIntegersThatTrainAccepts() {
        // hidden is a list of integers: a draw is one hidden layer's size (it used to be a decimal, refused by train)
        Setting hidden = Setting.range("hidden=2:10");
        assertTrue(hidden.integer());
        SweepPlan plan = new SweepPlan(BASE, List.of(hidden), 5, 1);
        for (Trial t : plan.trials()) assertTrue(t.params().get("hidden").matches("[2-9]|10"), t.label());
        TrainFlags.installed().check(plan.settings(), plan.baseArgs(), plan.trials()); // each is a --hidden N train takes
        var named = assertThrows(BadInputException.class, () -> {
            SweepPlan init = new SweepPlan(BASE, List.of(Setting.range("init=1:2")), 2, 1);
            TrainFlags.installed().check(init.settings(), init.baseArgs(), init.trials());
        });
        assertEquals("--random init: --init does not take a number to draw; give its values with --grid init=V1,V2,…", named.getMessage());
    }

    @Test
    void integerDrawsGiveEveryIntegerOfTheRangeTheSameChance() {
        // rounding to the nearest gave 1:3 the frequencies 1/4, 1/2, 1/4
        for (String range : List.of("epochs=1:3", "epochs=1:3:log")) {
            Setting s = Setting.range(range);
            Random random = new Random(7);
            int[] count = new int[4];
            for (int i = 0; i < 30_000; i++) count[Integer.parseInt(s.draw(random))]++;
            assertEquals(0, count[0], range);
            if (range.endsWith("log")) {
                // log-uniform over [1, 4): P(k) = ln((k + 1)/k) / ln 4 = 0.5, 0.2925, 0.2075
                assertEquals(0.5, count[1] / 30_000.0, 0.015, range);
                assertEquals(Math.log(1.5) / Math.log(4), count[2] / 30_000.0, 0.015, range);
                assertEquals(Math.log(4.0 / 3) / Math.log(4), count[3] / 30_000.0, 0.015, range);
            } else {
                for (int k = 1; k <= 3; k++) assertEquals(1 / 3.0, count[k] / 30_000.0, 0.015, range + ": " + k);
            }
        }
    }

    /** Bounds with more than 4 significant digits: the rounded draw never leaves [LO, HI] (1.23449 rounded is 1.234 < LO). */
    @Test
    void roundedDrawsStayInsideTheirBounds() {
        Setting s = Setting.range("l2=1.23449:1.23451");
        Random r = new Random(3);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 2000; i++) {
            String v = s.draw(r);
            double d = Double.parseDouble(v);
            assertTrue(d >= 1.23449 && d <= 1.23451, v);
            seen.add(v);
        }
        assertEquals(java.util.Set.of("1.23449", "1.235", "1.23451").containsAll(seen), true, seen.toString());
    }
}
