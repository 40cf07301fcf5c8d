package io.densetrain.sweep;

import io.densetrain.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A swept setting: {@code --grid NAME=V1,V2,…} (the values as written) or {@code --random NAME=LO:HI[:log]}
 * (a range). In a grid value a colon stands for train's comma, so {@code hidden=20:3} becomes
 * {@code --hidden 20,3} and {@code keep-prob=1:0.86} becomes {@code --keep-prob 1,0.86}.
 */
public record Setting(String name, List<String> values, double lo, double hi, boolean log, boolean integer) {
    public boolean random() {
        return values == null;
    }

    /** {@code NAME=V1,V2,…}. */
    public static Setting grid(String text) {
        String[] nv = nameValue(text, "--grid", "NAME=V1,V2,…, e.g. l2=0,0.7");
        List<String> values = new ArrayList<>();
        for (String v : nv[1].split(",", -1)) {
            if (v.isBlank()) {
                throw new BadInputException("--grid " + text + ": empty value; give NAME=V1,V2,… with no empty entries");
            }
            if (values.stream().anyMatch(w -> sameValue(w, v.trim()))) {
                throw new BadInputException("--grid " + text + ": " + v.trim() + " is listed twice; give each value once");
            }
            values.add(v.trim());
        }
        return new Setting(nv[0], List.copyOf(values), Double.NaN, Double.NaN, false, false);
    }

    /** Equal as text, or as numbers ({@code 0.1} and {@code 0.10}, {@code 1} and {@code 1.0}). */
    private static boolean sameValue(String a, String b) {
        if (a.equals(b)) return true;
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code NAME=LO:HI} (uniform) or {@code NAME=LO:HI:log} (log-uniform); a setting train reads as an integer draws integers. */
    public static Setting range(String text) {
        String[] nv = nameValue(text, "--random", "NAME=LO:HI[:log], e.g. lr=0.001:0.3:log");
        String[] parts = nv[1].split(":", -1);
        boolean log = parts.length == 3 && parts[2].trim().equalsIgnoreCase("log");
        if (parts.length != 2 && !log) {
            throw new BadInputException("--random " + text + ": give NAME=LO:HI or NAME=LO:HI:log");
        }
        double lo = number(parts[0], text), hi = number(parts[1], text);
        if (!(lo < hi)) throw new BadInputException("--random " + text + ": LO must be below HI");
        if (log && !(lo > 0)) throw new BadInputException("--random " + text + ": a log range needs LO > 0");
        boolean integer = TrainFlags.installed().takesIntegers(nv[0]);
        if (integer && (Math.rint(lo) != lo || Math.rint(hi) != hi)) {
            throw new BadInputException("--random " + text + ": --" + nv[0] + " takes integers; give integer bounds");
        }
        return new Setting(nv[0], null, lo, hi, log, integer);
    }

    /**
     * One value from the range: lo + u(hi − lo), or exp(ln lo + u(ln hi − ln lo)) for log, u = Random.nextDouble(),
     * rounded to 4 significant digits and kept inside [lo, hi]. An integer setting (batch-size, epochs, hidden, …) draws the integers of
     * [lo, hi] equally often: ⌊lo + u(hi + 1 − lo)⌋, or for log ⌊exp(ln lo + u(ln(hi + 1) − ln lo))⌋, each integer k
     * the interval [k, k + 1) (rounding to the nearest gave lo and hi half the chance of the others).
     */
    String draw(java.util.Random random) {
        double u = random.nextDouble();
        if (integer) {
            double top = hi + 1;
            double v = log ? Math.exp(Math.log(lo) + u * (Math.log(top) - Math.log(lo))) : lo + u * (top - lo);
            return Long.toString(Math.min((long) hi, (long) Math.floor(v))); // min: exp's rounding must not reach hi + 1
        }
        double v = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        // 4 significant digits: readable in the table, and exactly the value the trial's train command is given; a
        // bound with more digits than that is given as it is where the rounding would cross it (lo 1.23449 -> not 1.234)
        java.math.BigDecimal rounded = new java.math.BigDecimal(v).round(new java.math.MathContext(4));
        if (rounded.compareTo(java.math.BigDecimal.valueOf(lo)) < 0) rounded = java.math.BigDecimal.valueOf(lo);
        if (rounded.compareTo(java.math.BigDecimal.valueOf(hi)) > 0) rounded = java.math.BigDecimal.valueOf(hi);
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** The value as train reads it: colons become commas. */
    static String trainValue(String value) {
        return value.replace(':', ',');
    }

    private static String[] nameValue(String text, String flag, String syntax) {
        int eq = text.indexOf('=');
        if (eq <= 0) throw new BadInputException(flag + " " + text + ": give " + syntax);
        String name = text.substring(0, eq).trim();
        if (name.startsWith("--")) name = name.substring(2);
        String value = text.substring(eq + 1).trim();
        if (value.isEmpty()) throw new BadInputException(flag + " " + text + ": no values after '='; give " + syntax);
        return new String[] {name, value};
    }

    private static double number(String s, String text) {
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadInputException("--random " + text + ": '" + s + "' is not a finite number");
    }

}
