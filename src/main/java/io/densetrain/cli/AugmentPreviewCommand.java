package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.augment.AugmentSpec;
import io.densetrain.augment.Augmenter;
import io.densetrain.data.Dataset;
import io.densetrain.data.ImageShape;
import io.densetrain.data.ImageSplit;
import io.densetrain.data.Images;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
        description = "Write a PNG grid: original training pictures in the first column, augmented versions beside each.")
final class AugmentPreviewCommand implements Callable<Integer> {
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
        int gap = 4, cellW = shape.width() * s, cellH = shape.height() * s;
        int width = gap + (versions + 1) * (cellW + gap) + gap, height = gap + shown * (cellH + gap);
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int j = 0; j < shown; j++) {
            int y = gap + j * (cellH + gap);
            g.drawImage(Images.toImage(train.features(), j * shape.features(), shape), gap, y, cellW, cellH, null);
            for (int k = 0; k < versions; k++) {
                int x = 2 * gap + (k + 1) * (cellW + gap);
                g.drawImage(Images.toImage(augmenter.picture(k, j), 0, shape), x, y, cellW, cellH, null);
            }
        }
        g.dispose();
        io.densetrain.model.AtomicFiles.write(out, file -> {
            if (!javax.imageio.ImageIO.write(grid, "png", file.toFile())) throw new java.io.IOException("no PNG writer");
        });
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s: %d pictures (%s) from %s, original then %d versions with %s%n", out, shown, shape, train.name(), versions, list);
        w.flush();
        return 0;
    }
}
