package io.densetrain.cli;

import io.densetrain.train.Diagnosis;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain diagnose}: the course's basic recipe for bias and variance, from two or three error rates. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Bias/variance diagnosis: avoidable bias = train − Bayes error, variance = dev − train error; "
                + "the verdict in the course's words and the recipe's next steps.")
final class DiagnoseCommand implements Callable<Integer> {
    @Option(names = "--train-error", required = true, paramLabel = "E", description = "Training-set error, a fraction (0.15 = 15%%).")
    double trainError;

    @Option(names = "--dev-error", required = true, paramLabel = "E", description = "Dev-set error, a fraction.")
    double devError;

    @Option(names = "--bayes-error", paramLabel = "E", description = "Bayes (human-level or optimal) error, a fraction (default 0).")
    double bayesError = 0;

    @Option(names = "--bias-threshold", paramLabel = "T", description = "Avoidable bias above T is high (default 0.05).")
    double biasThreshold = Diagnosis.DEFAULT_THRESHOLD;

    @Option(names = "--variance-threshold", paramLabel = "T", description = "Variance above T is high (default 0.05).")
    double varianceThreshold = Diagnosis.DEFAULT_THRESHOLD;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Diagnosis d = new Diagnosis(trainError, devError, bayesError, biasThreshold, varianceThreshold);
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("command", "diagnose");
            r.putAll(TrainCommand.diagnosisJson(d));
            out.println(Json.write(r));
        } else {
            out.print(d.report());
        }
        out.flush();
        return 0;
    }
}
