package io.densetrain.train;

import io.densetrain.SettingException;
import java.util.Locale;

/**
 * Early stopping on the dev set (Keras' EarlyStopping): the metric is evaluated at every cost record;
 * when it has not improved for {@code patience} evaluations in a row, training stops, and with
 * {@code restoreBest} θ goes back to the best evaluation's weights.
 */
public record EarlyStopping(Metric metric, int patience, boolean restoreBest) {
    public enum Metric { DEV_COST, DEV_ACCURACY;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether {@code candidate} beats {@code best}: lower cost, higher accuracy. */
        boolean better(double candidate, double best) {
            return this == DEV_COST ? candidate < best : candidate > best;
        }

        double worst() {
            return this == DEV_COST ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }

        public static Metric parse(String name) {
            for (Metric m : values()) {
                if (m.label().equals(name.trim().toLowerCase(Locale.ROOT))) return m;
            }
            throw new SettingException("earlyStopping", "metric '" + name + "' is not known: use dev-cost or dev-accuracy");
        }
    }

    public EarlyStopping {
        if (patience < 1) {
            throw new SettingException("patience", "must be ≥ 1 evaluation, got " + patience);
        }
    }
}
