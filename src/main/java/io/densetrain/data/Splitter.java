package io.densetrain.data;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded train/dev/test split by ratios (e.g. 0.98, 0.01, 0.01): a random permutation, then the first
 * ⌊r_train·m⌉ examples train, the next dev, the rest test. With {@code stratify} the split is done per
 * class, so every part keeps the label proportions.
 */
public final class Splitter {
    private Splitter() {
    }

    /** Parses and checks "a,b,c": three non-negative ratios summing to 1 (±1e-6), train > 0. */
    public static double[] parseRatios(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new SettingException("split", "needs three ratios train,dev,test, e.g. 0.98,0.01,0.01; got '" + text + "'");
        }
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                r[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new SettingException("split", "'" + parts[i] + "' is not a number; use e.g. 0.98,0.01,0.01");
            }
            if (!(r[i] >= 0 && r[i] <= 1)) {
                throw new SettingException("split", "ratios must lie in [0, 1], got '" + text + "'");
            }
        }
        if (Math.abs(r[0] + r[1] + r[2] - 1) > 1e-6 || r[0] == 0) {
            throw new SettingException("split", "ratios must sum to 1 with a positive train share, got '" + text + "'");
        }
        return r;
    }

    public static Splits split(Dataset all, double[] ratios, long seed, boolean stratify) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>(), dev = new ArrayList<>(), test = new ArrayList<>();
        if (stratify) {
            for (int c = 0; c < all.classes(); c++) {
                final int label = c;
                int[] members = java.util.stream.IntStream.range(0, all.size()).filter(j -> all.labels()[j] == label).toArray();
                assign(members, ratios, random, train, dev, test);
            }
        } else {
            int[] everyone = java.util.stream.IntStream.range(0, all.size()).toArray();
            assign(everyone, ratios, random, train, dev, test);
        }
        if (train.isEmpty()) {
            throw new SettingException("split", "leaves no training examples out of " + all.size() + "; raise the train ratio");
        }
        return new Splits(all.subset(all.name() + " train", sorted(train)), all.subset(all.name() + " dev", sorted(dev)),
                all.subset(all.name() + " test", sorted(test)));
    }

    private static void assign(int[] members, double[] ratios, Random random, List<Integer> train, List<Integer> dev,
                               List<Integer> test) {
        int[] order = Synthetic2D.permutation(members.length, random);
        int n = members.length;
        int nTrain = (int) Math.round(ratios[0] * n);
        int nDev = Math.min(n - nTrain, (int) Math.round(ratios[1] * n));
        for (int k = 0; k < n; k++) {
            int j = members[order[k]];
            (k < nTrain ? train : k < nTrain + nDev ? dev : test).add(j);
        }
    }

    /** The indices in permutation order (kept shuffled; the list order is the split's example order). */
    private static int[] sorted(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Concatenation of two sets with the same columns (a generator's train and test, before re-splitting). */
    public static Dataset concat(Dataset a, Dataset b, String name) {
        double[] x = Arrays.copyOf(a.features(), a.features().length + b.features().length);
        System.arraycopy(b.features(), 0, x, a.features().length, b.features().length);
        int[] y = Arrays.copyOf(a.labels(), a.size() + b.size());
        System.arraycopy(b.labels(), 0, y, a.size(), b.size());
        return new Dataset(name, a.featureCount(), x, y, a.featureNames(), a.classNames());
    }
}
