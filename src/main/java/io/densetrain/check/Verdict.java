package io.densetrain.check;

/**
 * The course's bands for a gradient-check difference d (with ε = 1e-7 in float64): d &lt; 1e-7 the
 * backward pass is correct; 1e-7 ≤ d ≤ 1e-3 look closer (often fine, e.g. a ReLU kink crossed by ±ε,
 * but a small bug in one block can hide here); d &gt; 1e-3 almost certainly a bug.
 */
public enum Verdict {
    CORRECT("correct"),
    LOOK_CLOSER("look closer"),
    BUG("bug");

    public static final double CORRECT_BELOW = 1e-7;
    public static final double BUG_ABOVE = 1e-3;

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Verdict of(double difference) {
        if (Double.isNaN(difference) || difference > BUG_ABOVE) return BUG;
        return difference < CORRECT_BELOW ? CORRECT : LOOK_CLOSER;
    }
}
