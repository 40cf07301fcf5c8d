package io.densetrain.cli;

import io.densetrain.plot.DesktopModule;
import io.densetrain.BadInputException;
import io.densetrain.augment.AugmentSpec;
import io.densetrain.experiment.AugmentationExperiment;
import io.densetrain.experiment.AugmentationExperiment.Row;
import io.densetrain.data.ImageSplit;
import io.densetrain.data.TrainTest;
import io.densetrain.train.TrainConfig;
import io.densetrain.train.TrainResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densetrain experiment augmentation}: the same network, initialization and updates trained
 * on the same small set of pictures without and with augmentation; a markdown table of train and test
 * accuracy, the train − test gap and a diagnosis for each run, and both cost curves in one PNG.
 */
@Command(name = "augmentation", mixinStandardHelpOptions = true,
        description = "Train the same network with and without data augmentation and compare the train-test gap.",
        modelTransformer = ExperimentAugmentationCommand.Defaults.class)
final class ExperimentAugmentationCommand implements Callable<Integer> {
    /** Hidden sizes when neither --layers nor --hidden is given. */
    static final int[] DEFAULT_HIDDEN = {64, 32};

    /** The help of the shared --augment, --hidden and --threads states this command's defaults. */
    static final class Defaults implements picocli.CommandLine.IModelTransformer {
        @Override
        public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
            StatedDefaults.restate(spec, "--augment", "default none", "default " + AugmentationExperiment.DEFAULT_AUGMENT);
            StatedDefaults.restate(spec, "--hidden", "default 10,5", "default 64,32");
            return StatedDefaults.restate(spec, "--threads", "default: all cores", "default: all cores but one, which the augmentation producer gets");
        }
    }

    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    ModelOptions model = new ModelOptions();
    @Mixin
    AugmentOptions augment = new AugmentOptions();

    @Option(names = "--lr", paramLabel = "ALPHA", description = "Learning rate (default 0.1).")
    double lr = 0.1;

    @Option(names = "--iterations", paramLabel = "N", description = "Gradient-descent updates per run (default 5000).")
    long iterations = 5000;

    @Option(names = "--cost-every", paramLabel = "K", description = "Record the cost every K iterations (default 25).")
    long costEvery = 25;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for results.md and costs.png (default augmentation-experiment).")
    Path out = Path.of("augmentation-experiment");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    ExperimentAugmentationCommand() {
        data.data = "shapes";
        augment.augment = AugmentationExperiment.DEFAULT_AUGMENT;
    }

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        DesktopModule.require("experiment augmentation");
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": exists and is not a folder; give --out a folder");
        }
        if (model.layers == null && model.hidden == null) model.hidden = DEFAULT_HIDDEN.clone();
        // One core fewer for OpenBLAS than the machine has, so the augmentation producer thread gets its own:
        // measured on 2 cores, 2 BLAS threads plus the producer ran the augmented run 3x slower than 1 plus it.
        if (model.threads == 0) model.threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        TrainConfig config = new TrainConfig(lr, iterations, costEvery);
        TrainTest split = data.load();
        ImageSplit images = data.images.loaded;
        AugmentSpec list = augment.specFor(images == null ? null : images.shape());
        if (list.isEmpty()) {
            throw new BadInputException("--augment none leaves nothing to compare; give a list such as " + AugmentationExperiment.DEFAULT_AUGMENT);
        }
        if (split.test().size() == 0) {
            throw new BadInputException("the experiment compares test accuracy; give --test or --test-samples ≥ 1");
        }
        w.println("data:    " + DataOptions.describe(split));
        w.flush();
        List<Row> rows = new ArrayList<>();
        for (AugmentSpec run : List.of(AugmentSpec.parse("none"), list)) {
            try (RunContext ctx = new RunContext(split, model)) {
                if (rows.isEmpty()) {
                    ctx.selection.reportNote(spec.commandLine().getErr());
                    w.println("device:  " + ctx.device.describe());
                    w.println("network: " + ctx.architecture + ", init " + model.initialization().label() + ", " + ctx.network.regularization()
                            + ", lr " + lr + ", " + iterations + " iterations (full batch)");
                    w.flush();
                }
                Row row = AugmentationExperiment.run(run.isEmpty() ? "no augmentation" : "augment " + run, ctx.workspace(), config, run,
                        images == null ? null : images.shape(), augment.augmentSeed);
                TrainResult result = row.result();
                rows.add(row);
                w.printf("%-40s train %.4f  test %.4f  (%.1f s)  %s%n", row.name(), row.trainAccuracy(), row.testAccuracy(), result.seconds(),
                        AugmentationExperiment.diagnosis(row.trainAccuracy(), row.testAccuracy()).verdict());
                w.flush();
            }
        }
        String table = AugmentationExperiment.table(rows);
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new BadInputException(out + ": cannot create the folder (" + e.getMessage() + ")", e);
        }
        AugmentationExperiment.write(out, DataOptions.describe(split), rows);
        w.println();
        w.print(table);
        w.println();
        w.println("wrote " + out.resolve("results.md") + " and " + out.resolve("costs.png"));
        w.flush();
        return rows.stream().anyMatch(r -> r.result().diverged()) ? Main.EXIT_CHECK_FAILED : 0;
    }
}
