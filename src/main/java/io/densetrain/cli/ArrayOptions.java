package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.ArrayFiles;
import io.densetrain.data.CsvLoader;
import io.densetrain.data.Dataset;
import io.densetrain.data.Hdf5Loader;
import io.densetrain.data.ImageFolderLoader;
import io.densetrain.data.ImageShape;
import io.densetrain.data.ImageSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Array files, a part of {@link DataOptions}: IDX and {@code .npy} images with their labels files
 * ({@code --train-labels}, {@code --test-labels}, {@code --dev-labels}) and {@code .npz} archives; and
 * the one place that reads a {@code --dev} set in the training data's format (CSV, HDF5, image folder,
 * IDX/NPY/NPZ) with the checks {@code --test} gets.
 */
final class ArrayOptions {
    @Option(names = "--train-labels", paramLabel = "FILE", description = "Labels of IDX / .npy training images (e.g. train-labels-idx1-ubyte.gz, y_train.npy).")
    Path trainLabels;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "Labels of IDX / .npy test images.")
    Path testLabels;

    @Option(names = "--dev-labels", paramLabel = "FILE", description = "Labels of IDX / .npy dev images.")
    Path devLabels;

    /** The parts of an IDX/NPY/NPZ train (and test) source; labels flags without array files are refused. */
    ImageSplit load(Path train, Path test, String xKey, String yKey) {
        if (test != null && !ArrayFiles.handles(test)) {
            throw new BadInputException(test + ": --train is an array file (IDX, .npy or .npz), so --test must be one too");
        }
        return ArrayFiles.load(train, trainLabels, test, testLabels, xKey, yKey);
    }

    /** Refuses labels flags when the data are not array files (they would be silently ignored). */
    void checkUnused(Path train) {
        for (Object[] f : new Object[][] {{trainLabels, "--train-labels"}, {testLabels, "--test-labels"}, {devLabels, "--dev-labels"}}) {
            if (f[0] != null && train != null && io.densetrain.InputFiles.namedLikeAFile(train)) throw io.densetrain.InputFiles.folderNotFile(train);
            if (f[0] != null && (train == null || !ArrayFiles.handles(train))) {
                throw new BadInputException(f[1] + " goes with IDX or .npy images given to --train; "
                        + (train == null ? "add --train IMAGES" : train + " is not one"));
            }
        }
    }

    /**
     * The dev set in the format of {@code --train}, checked like the test set: the same feature columns (CSV),
     * the same image shape or feature count (HDF5, arrays), the same class sub-folders (folders). Labels are
     * checked against the output later, with the other sets.
     */
    Dataset dev(DataOptions data, Dataset train, Path dev) {
        Path trainFile = data.train;
        ImageSplit loaded = data.images.loaded;
        if (ArrayFiles.handles(trainFile)) {
            if (!ArrayFiles.handles(dev)) {
                throw new BadInputException(dev + ": --train is an array file (IDX, .npy or .npz), so --dev must be one too");
            }
            var part = ArrayFiles.read(dev, devLabels, "dev", data.images.xKey, data.images.yKey);
            ArrayFiles.checkSame(new ArrayFiles.Part(train, loaded.shape()), trainFile, part, dev);
            return part.data();
        }
        if (Hdf5Loader.handles(trainFile)) {
            if (!Hdf5Loader.handles(dev)) throw new BadInputException(dev + ": --train is an HDF5 file, so --dev must be one too (.h5)");
            var read = Hdf5Loader.read(dev, "dev", data.images.xKey, data.images.yKey);
            ArrayFiles.checkSame(new ArrayFiles.Part(train, loaded.shape()), trainFile, new ArrayFiles.Part(read.data(), read.shape()), dev);
            return read.data();
        }
        if (Files.isDirectory(trainFile)) {
            if (!Files.isDirectory(dev)) {
                throw new BadInputException(dev + ": --train is an image folder, so --dev must be a folder with the same class sub-folders");
            }
            ImageShape shape = loaded.shape();
            ImageSplit read = ImageFolderLoader.load(dev, null, shape.channels(), shape.height(), shape.width());
            if (!read.classNames().equals(loaded.classNames())) {
                throw new BadInputException(dev + ": classes " + read.classNames() + " differ from " + trainFile + "'s "
                        + loaded.classNames() + "; give both folders the same class sub-folders");
            }
            return read.train();
        }
        if (ArrayFiles.handles(dev) || Hdf5Loader.handles(dev) || Files.isDirectory(dev)) {
            throw new BadInputException(dev + ": --train is a CSV file, so --dev must be a CSV with the same columns");
        }
        Dataset devSet = CsvLoader.load(dev, data.label, train.classNames());
        if (!devSet.featureNames().equals(train.featureNames())) {
            throw new BadInputException(dev + ": feature columns " + devSet.featureNames() + " differ from the training file's "
                    + train.featureNames());
        }
        return devSet;
    }
}
