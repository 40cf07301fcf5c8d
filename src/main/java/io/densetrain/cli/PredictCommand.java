package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.FeatureCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain predict}: class and probability for every row of a CSV, with a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model: reads the model's feature columns (by name) from the CSV, normalizes them with"
                + " the saved training statistics, and prints CSV: row, prediction, probability.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train --save.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "CSV with a header naming the model's feature columns.")
    Path input;

    @Option(names = "--device", paramLabel = "NAME", description = "auto (default), cpu or cuda.")
    String device = "auto";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedModel loaded = new LoadedModel(model, device, 0)) {
            List<String> names = loaded.saved.featureNames();
            if (names.size() != loaded.saved.architecture().inputs()) {
                throw new BadInputException(model + ": model.json lists " + names.size() + " feature names for "
                        + loaded.saved.architecture().inputs() + " inputs; the model directory is damaged");
            }
            double[] x = FeatureCsv.read(input, names);
            int m = x.length / names.size();
            double[] a = loaded.predictor.probabilities(x, m);
            int outputs = loaded.saved.architecture().outputs();
            int[] classes = Predictor.classesOf(a, outputs, m);
            List<String> classNames = loaded.saved.classNames();
            out.println("row,prediction,probability");
            for (int j = 0; j < m; j++) {
                double p = outputs == 1 ? (classes[j] == 1 ? a[j] : 1 - a[j]) : a[classes[j] + j * outputs];
                String label = classNames != null && classes[j] < classNames.size() ? classNames.get(classes[j]) : String.valueOf(classes[j]);
                out.printf("%d,%s,%.6f%n", j + 1, label, p);
            }
            out.flush();
        }
        return 0;
    }
}
