package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.Hdf5Writer;
import io.densetrain.data.ImageSplit;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densetrain export-h5}: writes pictures (e.g. {@code --data shapes}, an image folder) as HDF5
 * files in the course's layout, {@code train_set_x} uint8 (m, H, W, C), {@code train_set_y},
 * {@code list_classes}, and likewise {@code test_set_*} for the test split.
 */
@Command(name = "export-h5", mixinStandardHelpOptions = true,
        description = "Write the train (and test) pictures as HDF5 files in the course's layout (train_set_x uint8, train_set_y, list_classes).")
final class ExportH5Command implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--out", required = true, paramLabel = "TRAIN.h5", description = "File for the training split.")
    Path out;

    @Option(names = "--test-out", paramLabel = "TEST.h5", description = "File for the test split (not written when absent).")
    Path testOut;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    ExportH5Command() {
        data.data = "shapes";
    }

    @Override
    public Integer call() {
        io.densetrain.model.AtomicFiles.checkWritable(out);
        if (testOut != null) io.densetrain.model.AtomicFiles.checkWritable(testOut);
        data.load();
        ImageSplit images = data.images.loaded;
        if (images == null || images.shape() == null) {
            throw new BadInputException("export-h5 needs pictures: use --data shapes, an HDF5 file of images or an image folder");
        }
        Hdf5Writer.write(out, "train", images.train(), images.shape(), images.classNames());
        if (testOut != null) Hdf5Writer.write(testOut, "test", images.test(), images.shape(), images.classNames());
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (%d pictures %s)%s%n", out, images.train().size(), images.shape(),
                testOut == null ? "" : " and " + testOut + " (" + images.test().size() + ")");
        w.flush();
        return 0;
    }
}
