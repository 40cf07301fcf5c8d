package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.data.CsvLoader;
import io.densetrain.data.Dataset;
import io.densetrain.device.Matrix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain evaluate}: accuracy and cost of a saved model on a labelled CSV. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on a labelled CSV (same feature columns): accuracy and cross-entropy cost.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train --save.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Labelled CSV: feature columns and a label column.")
    Path data;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Name of the label column (default: the last column).")
    String label;

    @Option(names = "--device", paramLabel = "NAME", description = "auto (default), cpu or cuda.")
    String device = "auto";

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LoadedModel loaded = new LoadedModel(model, device, 0, spec.commandLine().getErr())) {
            Dataset d = CsvLoader.load(data, label);
            if (!d.featureNames().equals(loaded.saved.featureNames())) {
                throw new BadInputException(data + ": feature columns " + d.featureNames() + " differ from the model's "
                        + loaded.saved.featureNames() + "; give a file with the columns the model was trained on");
            }
            int outputs = loaded.saved.architecture().outputs();
            var dev = loaded.network.device();
            Matrix x = dev.allocate(d.featureCount(), d.size()), y = dev.allocate(outputs, d.size());
            dev.upload(loaded.saved.normalization().apply(d.features()), x);
            dev.upload(d.targets(outputs), y);
            loaded.network.forward(x, false, 0);
            double accuracy = (double) loaded.network.countCorrect(y) / d.size();
            double cost = loaded.network.cost(y);
            if (json) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("command", "evaluate");
                r.put("examples", d.size());
                r.put("accuracy", accuracy);
                r.put("cost", cost);
                out.println(Json.write(r));
            } else {
                out.printf("examples: %d%naccuracy: %.4f%ncost:     %.6f%n", d.size(), accuracy, cost);
            }
            out.flush();
        }
        return 0;
    }
}
