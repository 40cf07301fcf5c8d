package io.densetrain.sweep;

import io.densetrain.BadInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The trial list: the cross product of the grid settings (the first {@code --grid} varies slowest), and with
 * random settings {@code trials} seeded draws (java.util.Random(sweepSeed), settings drawn in the order given),
 * each crossed with the grid; a draw that repeats an earlier trial is dropped. Trial k's arguments are the base
 * flags followed by {@code --NAME value} per setting. A plan of more than {@link #MAX_TRIALS} trials is refused
 * before its list is built (a grid of seven 10-value settings would be 10^7 trials).
 */
public record SweepPlan(List<String> baseArgs, List<Setting> settings, int randomTrials, long sweepSeed) {
    /** The most trials a sweep runs: far more than a machine trains in a day, few enough that the list and its checks are quick. */
    public static final int MAX_TRIALS = 10_000;

    public SweepPlan {
        baseArgs = List.copyOf(baseArgs);
        settings = List.copyOf(settings);
        Set<String> seen = new HashSet<>();
        for (Setting s : settings) {
            if (!seen.add(s.name())) throw new BadInputException(s.name() + " is swept twice; give each setting once");
            for (String a : baseArgs) {
                if (a.equals("--" + s.name()) || a.startsWith("--" + s.name() + "=")) {
                    throw new BadInputException("--" + s.name() + " is both a fixed flag and swept; drop one of them");
                }
            }
        }
        boolean anyRandom = settings.stream().anyMatch(Setting::random);
        if (!anyRandom && randomTrials != 0) throw trialsWithoutRandom(randomTrials);
        if (anyRandom && randomTrials < 1) throw new BadInputException("--trials must be at least 1 with --random, got " + randomTrials);
        if (settings.isEmpty()) throw new BadInputException("nothing to sweep: give --grid NAME=V1,V2,… or --random NAME=LO:HI");
        checkSize(settings, anyRandom ? randomTrials : 0);
    }

    /** The refusal of random draws without a random setting (they would be silently ignored). */
    public static BadInputException trialsWithoutRandom(int trials) {
        return new BadInputException("--trials " + trials + " counts random draws, but no setting is drawn: add --random NAME=LO:HI[:log],"
                + " or drop --trials");
    }

    /**
     * Refuses a plan whose trial count, the grid sizes' product times the random draws ({@code draws}, 0 without
     * --random), is above {@link #MAX_TRIALS}; a product past {@code Long.MAX_VALUE} stays there instead of overflowing.
     */
    private static void checkSize(List<Setting> settings, int draws) {
        long count = Math.max(1, draws);
        List<String> factors = new ArrayList<>();
        for (Setting s : settings) {
            if (s.random()) continue;
            try {
                count = Math.multiplyExact(count, s.values().size());
            } catch (ArithmeticException e) {
                count = Long.MAX_VALUE;
            }
            factors.add(Integer.toString(s.values().size()));
        }
        if (draws > 0) factors.add(draws + " random draws");
        if (count > MAX_TRIALS) {
            throw new BadInputException("the sweep would run " + (count == Long.MAX_VALUE ? "over 9×10^18" : Long.toString(count)) + " trials ("
                    + String.join(" × ", factors) + "), more than the " + MAX_TRIALS + " a sweep runs; give fewer values or fewer --trials");
        }
    }

    public List<Trial> trials() {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Setting s : settings) {
            if (s.random()) continue;
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : s.values()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(s.name(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        if (settings.stream().anyMatch(Setting::random)) {
            Random random = new Random(sweepSeed);
            List<Map<String, String>> next = new ArrayList<>();
            for (int t = 0; t < randomTrials; t++) {
                Map<String, String> draw = new LinkedHashMap<>();
                for (Setting s : settings) if (s.random()) draw.put(s.name(), s.draw(random));
                for (Map<String, String> p : points) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.putAll(draw);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Trial> trials = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (Map<String, String> p : points) {
            List<String> args = new ArrayList<>(baseArgs);
            p.forEach((name, value) -> {
                args.add("--" + name);
                args.add(Setting.trainValue(value));
            });
            if (seen.add(args)) trials.add(new Trial(trials.size() + 1, p, args)); // a repeated random draw is the same trial
        }
        return trials;
    }
}
