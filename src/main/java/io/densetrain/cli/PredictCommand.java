package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.run.ModelInput;
import io.densetrain.run.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain predict}: class and probability for every row of a CSV, or for pictures, with a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model: reads the model's feature columns (by name) from the CSV, normalizes them with"
                + " the saved training statistics, and prints CSV: row, prediction, probability. With --image: pictures resized"
                + " to the model's image shape, printed as file, class, probability.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train --save.")
    Path model;

    @Option(names = "--input", paramLabel = "FILE", description = "CSV with a header naming the model's feature columns, or IDX / .npy"
            + " images, or an .npz (--x-key, default x_test).")
    Path input;

    @Option(names = "--x-key", paramLabel = "NAME", description = "With an .npz --input: the array of examples (default x_test, x, x_train).")
    String xKey;

    @Option(names = "--image", paramLabel = "FILE|FOLDER",
            description = "A picture, or a folder of pictures (PNG, JPEG, GIF, BMP), for a model trained on pictures.")
    Path image;

    @Option(names = "--json", description = "Print one JSON object (predictions: row or file, class, probability) instead of the CSV or table.")
    boolean json;

    @Option(names = "--device", paramLabel = "NAME", description = "auto (default), cpu or cuda.")
    String device = "auto";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if ((input == null) == (image == null)) {
            throw new BadInputException("predict needs exactly one of --input FILE.csv and --image FILE|FOLDER");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (TrainedModel loaded = TrainedModel.load(model, device, note -> { err.println(note); err.flush(); })) {
            if (image != null) {
                ImagePrediction.run(loaded, model, image, json, out, err);
                return 0;
            }
            List<String> names = loaded.saved().featureNames();
            if (names.size() != loaded.architecture().inputs()) {
                throw new BadInputException(model + ": model.json lists " + names.size() + " feature names for "
                        + loaded.architecture().inputs() + " inputs; the model directory is damaged");
            }
            double[] x = ModelInput.features(loaded.saved(), input, xKey);
            int m = x.length / names.size();
            double[] a = loaded.outputs(x, m);
            int outputs = loaded.architecture().outputs();
            int[] classes = TrainedModel.classes(a, outputs, m);
            if (json) {
                List<Object> rows = new java.util.ArrayList<>();
                for (int j = 0; j < m; j++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("row", j + 1);
                    row.put("prediction", loaded.label(classes[j]));
                    row.put("probability", ImagePrediction.probability(a, outputs, classes[j], j));
                    rows.add(row);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("command", "predict");
                r.put("input", input.toString());
                r.put("predictions", rows);
                out.println(Json.write(r));
            } else {
                out.println("row,prediction,probability");
                for (int j = 0; j < m; j++) {
                    out.printf("%d,%s,%.6f%n", j + 1, loaded.label(classes[j]),
                            ImagePrediction.probability(a, outputs, classes[j], j));
                }
            }
            out.flush();
        }
        return 0;
    }
}
