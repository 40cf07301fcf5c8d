package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.Splits;
import io.densetrain.device.Activation;
import io.densetrain.sweep.Setting;
import io.densetrain.sweep.Trial;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * A dry run of {@code train}'s own option parsing and checks over a sweep's trial argument lists, so that a
 * bad grid fails with one line before any trial starts: unknown or unsweepable names, values train's parser
 * refuses, impossible hyperparameters (α, λ, keep_prob, β, decay, batch size, init, optimizer, activation,
 * augmentation), layer lists that do not fit the data, a missing dev set, and {@code --device cuda} where CUDA is not
 * usable. Nothing is trained.
 */
public final class TrainArguments implements io.densetrain.sweep.TrainFlags {
    /** Flags the sweep sets itself or that have no meaning per trial. */
    private static final Set<String> NOT_SWEPT = Set.of("save", "resume", "checkpoint-every", "out", "json", "threads",
            "no-progress", "help", "version");

    /** The provider the sweep finds through {@link java.util.ServiceLoader}. */
    public TrainArguments() {
    }

    /**
     * Throws {@link BadInputException} naming the first problem; loads the data once, for the first trial, and builds
     * each trial's {@link io.densetrain.run.RunSpec} exactly as train does, checked but not run.
     */
    @Override
    public void check(List<Setting> settings, List<String> baseArgs, List<Trial> trials) {
        CommandLine.Model.CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();
        for (Setting s : settings) {
            CommandLine.Model.OptionSpec option = spec.findOption("--" + s.name());
            if (option == null || NOT_SWEPT.contains(s.name())) {
                throw new BadInputException((s.random() ? "--random " : "--grid ") + s.name() + ": not a sweepable train setting;"
                        + " use a train flag that takes a value, such as l2, keep-prob, lr, init, init-scale, hidden, optimizer,"
                        + " batch-size, beta1, decay, epochs, iterations or augment");
            }
            if (option.arity().max() == 0) {
                throw new BadInputException("--grid " + s.name() + ": a switch without a value cannot be swept; give it as a fixed flag");
            }
            if (s.random() && !(isNumber(element(option)))) {
                throw new BadInputException("--random " + s.name() + ": --" + s.name() + " does not take a number to draw; give its values"
                        + " with --grid " + s.name() + "=V1,V2,…");
            }
        }
        for (String a : baseArgs) {
            String name = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : null;
            if (name != null && Set.of("save", "resume", "checkpoint-every").contains(name)) {
                throw new BadInputException("sweep: --" + name + " is not allowed; with --out DIR each trial's model is saved in"
                        + " DIR/trials/<id>/model");
            }
        }
        Splits data = null;
        io.densetrain.data.ImageSplit images = null;
        for (Trial t : trials) {
            TrainCommand train = new TrainCommand();
            try {
                new CommandLine(train).parseArgs(t.args().toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new BadInputException(where(t) + e.getMessage() + " (see 'densetrain train --help')");
            }
            if (train.model.device.trim().equalsIgnoreCase("cuda")) {
                // refused once here, as train would refuse it, rather than by every trial after its directory exists
                try {
                    io.densetrain.device.DeviceSelector.requireCuda();
                } catch (BadInputException e) {
                    throw new BadInputException((settings.stream().anyMatch(s -> s.name().equals("device")) ? where(t) : "") + e.getMessage());
                }
            }
            try {
                dryRun(train);
                if (data == null) {
                    data = train.splitting.load(train.data);
                    images = train.data.images.loaded;
                }
                train.data.images.loaded = images; // the pictures (shape, class names) of the one load, for every trial
            } catch (BadInputException e) {
                throw new BadInputException(where(t) + SettingFlags.message(e));
            }
            if (data.dev().size() == 0) {
                throw new BadInputException("a sweep compares trials on the dev set: add --split TRAIN,DEV,TEST (e.g. 0.6,0.2,0.2)"
                        + " or --dev FILE.csv");
            }
            try {
                var plan = train.training.plan(train.lr, train.iterations, train.costEvery, train.model.seed);
                train.runSpec(data, plan).check();
            } catch (BadInputException e) {
                throw new BadInputException(where(t) + SettingFlags.message(e));
            }
        }
    }

    /**
     * True when train reads {@code --NAME} as an integer or a list of integers (batch-size, epochs, iterations, seed, and
     * hidden, whose drawn value is one hidden layer's size).
     */
    @Override
    public boolean takesIntegers(String name) {
        var option = new CommandLine(new TrainCommand()).getCommandSpec().findOption("--" + name);
        if (option == null) return false;
        Class<?> type = element(option);
        return type == int.class || type == long.class || type == Integer.class || type == Long.class;
    }

    /** The option's value type, or its element type for a list such as {@code --hidden 20,3} ({@code int[]}). */
    private static Class<?> element(CommandLine.Model.OptionSpec option) {
        Class<?> type = option.type();
        if (type.isArray()) return type.getComponentType();
        if (java.util.Collection.class.isAssignableFrom(type) && option.auxiliaryTypes().length > 0) return option.auxiliaryTypes()[0];
        return type;
    }

    private static boolean isNumber(Class<?> type) {
        return (type.isPrimitive() && type != boolean.class && type != char.class) || Number.class.isAssignableFrom(type);
    }

    /** The checks train makes before it loads anything. */
    private static void dryRun(TrainCommand train) {
        train.training.plan(train.lr, train.iterations, train.costEvery, train.model.seed);
        train.model.initialization();
        double scale = train.model.initScale();
        if (!(scale > 0) || Double.isInfinite(scale)) throw new BadInputException("--init-scale must be a positive number, got " + scale);
        Activation.parseHidden(train.model.activation);
        train.augment.spec();
        train.model.precision();
        if (!Set.of("auto", "cpu", "cuda").contains(train.model.device.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new BadInputException("unknown --device '" + train.model.device + "': use auto, cpu or cuda");
        }
    }

    private static String where(Trial t) {
        return "trial " + t.index() + " (" + t.label() + "): ";
    }
}
