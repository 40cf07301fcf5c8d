package io.densetrain.cli;

import io.densetrain.data.Dataset;
import io.densetrain.run.Evaluation;
import io.densetrain.run.ModelInput;
import io.densetrain.run.TrainedModel;
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
        description = "Evaluate a saved model on labelled data (CSV with the same feature columns, HDF5, IDX, .npy, .npz):"
                + " accuracy and cross-entropy cost.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train --save.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Labelled examples: CSV (feature columns and a label column), HDF5, IDX / .npy images (with --data-labels) or .npz.")
    Path data;

    @Option(names = "--data-labels", paramLabel = "FILE", description = "Labels of IDX / .npy images given to --data.")
    Path dataLabels;

    @Option(names = "--x-key", paramLabel = "NAME", description = ".npz / HDF5: the array of examples (default x_test, test_set_x, …).")
    String xKey;

    @Option(names = "--y-key", paramLabel = "NAME", description = ".npz / HDF5: the label vector.")
    String yKey;

    @Option(names = "--label", paramLabel = "COLUMN", description = "Name of the label column (default: the last column, or the first when it is named label, target, class or y).")
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
        PrintWriter err = spec.commandLine().getErr();
        try (TrainedModel loaded = TrainedModel.load(model, device, note -> { err.println(note); err.flush(); })) {
            Dataset d = ModelInput.labelled(loaded.saved(), data, dataLabels, xKey, yKey, label);
            Evaluation e = loaded.evaluate(d);
            double accuracy = e.accuracy(), cost = e.cost();
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
