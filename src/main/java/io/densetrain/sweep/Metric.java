package io.densetrain.sweep;

import io.densetrain.BadInputException;

/** What picks the best trial: the highest dev accuracy, or the lowest dev cost. */
public enum Metric {
    DEV_ACCURACY("dev-accuracy"), DEV_COST("dev-cost");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Metric parse(String name) {
        for (Metric m : values()) if (m.label.equalsIgnoreCase(name.trim())) return m;
        throw new BadInputException("--metric " + name + " is not known; use dev-accuracy or dev-cost");
    }

    /** The trial's value of this metric (NaN when it has none). */
    public double of(TrialResult r) {
        return this == DEV_ACCURACY ? r.devAccuracy() : r.devCost();
    }

    /** True when {@code a} beats {@code b}; NaN never wins. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) return false;
        if (Double.isNaN(b)) return true;
        return this == DEV_ACCURACY ? a > b : a < b;
    }
}
