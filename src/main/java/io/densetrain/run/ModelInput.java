package io.densetrain.run;

import io.densetrain.BadInputException;
import io.densetrain.SettingException;
import io.densetrain.data.ArrayFiles;
import io.densetrain.data.CsvLoader;
import io.densetrain.data.Dataset;
import io.densetrain.data.FeatureCsv;
import io.densetrain.data.Hdf5Loader;
import io.densetrain.data.ImageShape;
import io.densetrain.data.PictureFiles;
import io.densetrain.model.SavedModel;
import java.nio.file.Path;
import java.util.List;

/**
 * A saved model's inputs read from files, checked against the model (what {@code evaluate --data} and
 * {@code predict --input / --image} read): CSV (the model's feature columns by name), HDF5, IDX / .npy
 * (with a labels file for labelled data) and .npz; pictures resized to the model's (H, W, C). Array and
 * HDF5 inputs must have the model's feature count and, when both have one, its image shape.
 * {@code model.evaluate(ModelInput.labelled(model.saved(), file, null, null, null, null))} evaluates a file.
 */
public final class ModelInput {
    private ModelInput() {
    }

    /**
     * Labelled examples: {@code labels} is the labels file of IDX / .npy images (null otherwise), {@code xKey} and
     * {@code yKey} pick .npz / HDF5 arrays (null: found automatically), {@code labelColumn} names a CSV's label
     * column (null: the last).
     */
    public static Dataset labelled(SavedModel model, Path file, Path labels, String xKey, String yKey, String labelColumn) {
        if (ArrayFiles.handles(file)) {
            ArrayFiles.Part part = ArrayFiles.read(file, labels, "data", xKey, yKey);
            check(file, part, model);
            return part.data();
        }
        if (labels != null) throw new SettingException("dataLabels", "goes with IDX or .npy images; " + file + " is not one");
        if (Hdf5Loader.handles(file)) {
            var read = Hdf5Loader.read(file, "test", xKey, yKey);
            check(file, new ArrayFiles.Part(read.data(), read.shape()), model);
            return read.data();
        }
        Dataset d = CsvLoader.load(file, labelColumn, model.classNames() == null ? List.of() : model.classNames());
        if (!d.featureNames().equals(model.featureNames())) {
            throw new BadInputException(file + ": feature columns " + d.featureNames() + " differ from the model's "
                    + model.featureNames() + "; give a file with the columns the model was trained on");
        }
        return d;
    }

    /** Column-major (n_x, m) raw features of a CSV (the model's columns by name), IDX / .npy images or an .npz ({@code xKey}). */
    public static double[] features(SavedModel model, Path file, String xKey) {
        if (ArrayFiles.handles(file)) {
            ArrayFiles.Part part = ArrayFiles.readFeatures(file, xKey);
            check(file, part, model);
            return part.data().features();
        }
        return FeatureCsv.read(file, model.featureNames());
    }

    /** A picture or a folder of pictures, resized bilinearly to the model's (H, W, C) as training folders are. */
    public static PictureFiles.Pictures pictures(SavedModel model, Path modelDir, Path fileOrFolder) {
        return PictureFiles.read(fileOrFolder, imageShape(model, modelDir));
    }

    /** The model's picture shape; {@code modelDir} names the model in the message when it has none or a damaged one. */
    public static ImageShape imageShape(SavedModel model, Path modelDir) {
        int[] s = model.inputShape();
        if (s == null) {
            throw new BadInputException(modelDir + ": the model was not trained on pictures (model.json has no input_shape);"
                    + " predict from feature rows or files, or train it on pictures (an image folder, an HDF5 file or the shapes generator)");
        }
        int inputs = model.architecture().inputs();
        if (s.length != 3 || (long) s[0] * s[1] * s[2] != inputs) {
            throw new BadInputException(modelDir + ": model.json input_shape " + java.util.Arrays.toString(s) + " does not give the"
                    + " network's " + inputs + " inputs as H·W·C; the model directory is damaged, save the model again");
        }
        return new ImageShape(s[0], s[1], s[2]);
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
