package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.ArrayFiles;
import io.densetrain.data.CsvLoader;
import io.densetrain.data.Dataset;
import io.densetrain.data.FeatureCsv;
import io.densetrain.data.Hdf5Loader;
import io.densetrain.data.ImageShape;
import io.densetrain.model.SavedModel;
import java.nio.file.Path;

/**
 * The inputs of {@code predict --input} and {@code evaluate --data} in any file format: CSV (the
 * model's feature columns by name), HDF5, IDX / .npy (with a labels file for evaluate) and .npz.
 * Array and HDF5 inputs must have the model's feature count and, when both have one, its image shape.
 */
final class ModelInput {
    private ModelInput() {
    }

    /** Labelled examples for {@code evaluate}. */
    static Dataset labelled(Path file, Path labels, String xKey, String yKey, String labelColumn, SavedModel model) {
        if (ArrayFiles.handles(file)) {
            ArrayFiles.Part part = ArrayFiles.read(file, labels, "data", xKey, yKey);
            check(file, part, model);
            return part.data();
        }
        if (labels != null) throw new BadInputException("--data-labels goes with IDX or .npy images; " + file + " is not one");
        if (ImageOptions.isHdf5(file)) {
            var read = Hdf5Loader.read(file, "test", xKey, yKey);
            check(file, new ArrayFiles.Part(read.data(), read.shape()), model);
            return read.data();
        }
        Dataset d = CsvLoader.load(file, labelColumn);
        if (!d.featureNames().equals(model.featureNames())) {
            throw new BadInputException(file + ": feature columns " + d.featureNames() + " differ from the model's "
                    + model.featureNames() + "; give a file with the columns the model was trained on");
        }
        return d;
    }

    /** Column-major (n_x, m) features for {@code predict --input}. */
    static double[] features(Path file, String xKey, SavedModel model) {
        if (ArrayFiles.handles(file)) {
            ArrayFiles.Part part = ArrayFiles.readFeatures(file, xKey);
            check(file, part, model);
            return part.data().features();
        }
        return FeatureCsv.read(file, model.featureNames());
    }

    private static void check(Path file, ArrayFiles.Part part, SavedModel model) {
        int[] s = model.inputShape();
        ImageShape modelShape = s == null || s.length != 3 ? null : new ImageShape(s[0], s[1], s[2]);
        int n = model.architecture().inputs();
        if (part.data().featureCount() != n || (modelShape != null && part.shape() != null && !modelShape.equals(part.shape()))) {
            String has = part.shape() != null ? part.shape() + " images (" + part.data().featureCount() + " features)"
                    : part.data().featureCount() + " features";
            throw new BadInputException(file + ": examples of " + has + " but the model takes " + (modelShape != null
                    ? modelShape + " images (" + n + " features)" : n + " features") + "; give data shaped like the training data");
        }
    }
}
