package io.densetrain.cli;

import io.densetrain.plot.AugmentationGrid;
import io.densetrain.plot.DesktopModule;
import io.densetrain.BadInputException;
import io.densetrain.augment.AugmentSpec;
import io.densetrain.augment.Augmenter;
import io.densetrain.data.Dataset;
import io.densetrain.data.ImageShape;
import io.densetrain.data.ImageSplit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densetrain augment preview}: a PNG grid with the first training pictures in the first column
 * and augmented versions of each beside it (version k is what epoch k would train on).
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Write a PNG grid: original training pictures in the first column, augmented versions beside each.",
        modelTransformer = AugmentPreviewCommand.Defaults.class)
final class AugmentPreviewCommand implements Callable<Integer> {
    /** The help of the shared --augment states this command's default. */
    static final class Defaults implements picocli.CommandLine.IModelTransformer {
        @Override
        public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
            return StatedDefaults.restate(spec, "--augment", "default none", "default " + DEFAULT_AUGMENT);
        }
    }

    static final String DEFAULT_AUGMENT = "flip,shift=4,rotate=10,brightness=0.1";

    @Mixin
    DataOptions data = new DataOptions();
    @Mixin
    AugmentOptions augment = new AugmentOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
    Path out;

    @Option(names = "--rows", paramLabel = "N", description = "Pictures, one per row (default 6).")
    int rows = 6;

    @Option(names = "--versions", paramLabel = "K", description = "Augmented versions beside each picture (default 7).")
    int versions = 7;

    @Option(names = "--scale", paramLabel = "S", description = "Magnification of each pixel (default: enough for 64 px cells).")
    Integer scale;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    AugmentPreviewCommand() {
        data.data = "shapes";
    }

    @Override
    public Integer call() {
        if (rows < 1 || versions < 1) {
            throw new BadInputException("--rows and --versions must be ≥ 1");
        }
        DesktopModule.require("augment preview");
        io.densetrain.model.AtomicFiles.checkWritable(out);
        if (augment.augment == null) augment.augment = DEFAULT_AUGMENT;
        data.load();
        ImageSplit images = data.images.loaded;
        if (images == null || images.shape() == null) {
            throw new BadInputException("augment preview needs pictures: use --data shapes, an HDF5 file of images (m, H, W, C) or an image folder");
        }
        ImageShape shape = images.shape();
        AugmentSpec list = augment.specFor(shape);
        Dataset train = images.train();
        int shown = Math.min(rows, train.size());
        Augmenter augmenter = new Augmenter(list, shape, train.features(), augment.augmentSeed);
        int s = scale != null ? scale : Math.max(1, (int) Math.ceil(64.0 / Math.max(shape.height(), shape.width())));
        if (s < 1 || s > 64) throw new BadInputException("--scale must be 1..64, got " + s);
        AugmentationGrid.write(train, augmenter, shape, shown, versions, s, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %d pictures (%s) from %s, original then %d versions with %s%n", out, shown, shape, train.name(), versions, list);
        w.flush();
        return 0;
    }
}
