package io.densetrain.augment;

import io.densetrain.SettingException;
import io.densetrain.BadInputException;
import io.densetrain.data.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A parsed augmentation list (the {@code augment} setting), applied in the order written, each step drawing its parameter
 * afresh for every picture:
 * <ul>
 * <li>{@code flip} (or {@code hflip}): horizontal flip with probability ½;</li>
 * <li>{@code vflip}: vertical flip with probability ½;</li>
 * <li>{@code shift=K} (or {@code crop=K}): translation by dy, dx drawn uniformly from the integers −K..K;</li>
 * <li>{@code rotate=D}: rotation by θ ~ U(−D°, D°), bilinear;</li>
 * <li>{@code brightness=B}: adds δ ~ U(−B, B), clipped to [0, 1];</li>
 * <li>{@code contrast=C}: scales about the mean by f ~ U(1−C, 1+C), clipped;</li>
 * <li>{@code noise=S}: adds N(0, S²) per value, clipped;</li>
 * <li>{@code pad=zero|reflect}: padding of shift and rotate (zero).</li>
 * </ul>
 * Pixels are assumed in [0, 1] (uint8 HDF5, image folders, shapes).
 */
public final class AugmentSpec {
    private interface Step {
        double[] apply(double[] image, ImageShape shape, RandomGenerator random);
    }

    private final String text;
    private final List<Step> steps;
    private final int maxShift;

    private AugmentSpec(String text, List<Step> steps, int maxShift) {
        this.text = text;
        this.steps = List.copyOf(steps);
        this.maxShift = maxShift;
    }

    public static final String HELP = "flip, vflip, shift=K, crop=K, rotate=DEGREES, brightness=B, contrast=C, noise=SD, pad=zero|reflect";

    /** Parses e.g. {@code flip,shift=4,rotate=10,brightness=0.1}; "none" or blank is no augmentation. */
    public static AugmentSpec parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        List<Step> steps = new ArrayList<>();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return new AugmentSpec("none", steps, 0);
        }
        Padding[] padding = {Padding.ZERO};
        for (String token : trimmed.split(",")) {
            if (token.trim().toLowerCase(Locale.ROOT).startsWith("pad=")) {
                String mode = token.trim().substring(4).trim().toLowerCase(Locale.ROOT);
                padding[0] = switch (mode) {
                    case "zero", "zeros", "constant" -> Padding.ZERO;
                    case "reflect", "reflection" -> Padding.REFLECT;
                    default -> throw new SettingException("augment", "has pad=" + mode + ", which is not a padding; use pad=zero or pad=reflect");
                };
            }
        }
        Padding pad = padding[0];
        int maxShift = 0;
        for (String raw : trimmed.split(",")) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            String name = token.contains("=") ? token.substring(0, token.indexOf('=')).trim() : token;
            String value = token.contains("=") ? token.substring(token.indexOf('=') + 1).trim() : null;
            switch (name) {
                case "flip", "hflip" -> {
                    noValue(name, value);
                    steps.add((img, s, rng) -> rng.nextBoolean() ? Transforms.flipHorizontal(img, s) : img);
                }
                case "vflip" -> {
                    noValue(name, value);
                    steps.add((img, s, rng) -> rng.nextBoolean() ? Transforms.flipVertical(img, s) : img);
                }
                case "shift", "crop" -> {
                    int k = (int) number(name, value, 0, 1000, true);
                    maxShift = Math.max(maxShift, k);
                    steps.add((img, s, rng) -> Transforms.shift(img, s, rng.nextInt(2 * k + 1) - k, rng.nextInt(2 * k + 1) - k, pad));
                }
                case "rotate" -> {
                    double d = number(name, value, 0, 180, false);
                    steps.add((img, s, rng) -> Transforms.rotate(img, s, d == 0 ? 0 : rng.nextDouble(-d, d), pad));
                }
                case "brightness" -> {
                    double b = number(name, value, 0, 1, false);
                    steps.add((img, s, rng) -> Transforms.brightness(img, b == 0 ? 0 : rng.nextDouble(-b, b)));
                }
                case "contrast" -> {
                    double c = number(name, value, 0, 1, false);
                    steps.add((img, s, rng) -> Transforms.contrast(img, c == 0 ? 1 : rng.nextDouble(1 - c, 1 + c)));
                }
                case "noise" -> {
                    double sd = number(name, value, 0, 1, false);
                    steps.add((img, s, rng) -> Transforms.noise(img, sd, rng));
                }
                case "pad" -> {
                    // handled above
                }
                default -> throw new SettingException("augment", "has an unknown transform '" + raw.trim() + "'; use a comma list of " + HELP);
            }
        }
        return new AugmentSpec(trimmed, steps, maxShift);
    }

    private static void noValue(String name, String value) {
        if (value != null) {
            throw new SettingException("augment", "step " + name + " takes no value (flips happen with probability 1/2); write just '" + name + "'");
        }
    }

    private static double number(String name, String value, double min, double max, boolean integer) {
        String form = integer ? "an integer" : "a number";
        if (value == null || value.isEmpty()) {
            throw new SettingException("augment", "step " + name + " needs a value, e.g. " + name + "=" + (integer ? "4" : "0.1"));
        }
        double v;
        try {
            v = integer ? Integer.parseInt(value) : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new SettingException("augment", "step " + name + "=" + value + " is not " + form + "; write e.g. " + name + "=" + (integer ? "4" : "0.1"));
        }
        if (!(v >= min && v <= max)) {
            throw new SettingException("augment", "step " + name + "=" + value + " is outside " + (integer ? (int) min : min) + ".." + (integer ? (int) max : max));
        }
        return v;
    }

    /** Whether any transform is active. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Checks the list against the pictures it will see (a shift must be smaller than the picture). */
    public void checkFits(ImageShape shape) {
        if (maxShift >= Math.min(shape.height(), shape.width())) {
            throw new SettingException("augment", "has shift=" + maxShift + ", which is not smaller than the " + shape.height() + "x" + shape.width()
                    + " pictures; use a shift below " + Math.min(shape.height(), shape.width()));
        }
    }

    /** One picture through every step, with the parameters drawn from {@code random}. */
    public double[] apply(double[] image, ImageShape shape, RandomGenerator random) {
        double[] out = image;
        for (Step step : steps) out = step.apply(out, shape, random);
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
