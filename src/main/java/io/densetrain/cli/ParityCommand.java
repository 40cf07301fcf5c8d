package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.check.Parity;
import io.densetrain.device.Device;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.device.cuda.CudaDevice;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densetrain parity}: the same networks on the CPU (float64) and the GPU (float32), tensor by tensor. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Run every kernel and five networks (same initial θ, same seed, same dropout masks) on the CPU in float64"
                + " and on the GPU in float32, and print the worst relative error of every tensor against its float32 tolerance."
                + " Exit 0 when all are within tolerance, 1 otherwise, 2 without a usable GPU.")
final class ParityCommand implements Callable<Integer> {
    @Option(names = "--tf32", description = "Use TF32 tensor-core math on the GPU (and the looser TF32 tolerances).")
    boolean tf32;

    @Option(names = "--rng", paramLabel = "SOURCE", description = "Dropout uniforms on the GPU: auto (default), curand or philox.")
    String rng = "auto";

    @Option(names = "--threads", paramLabel = "T", description = "CPU device threads (default: all cores).")
    int threads = 0;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the table.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static CudaDevice.Rng parseRng(String rng) {
        try {
            return CudaDevice.Rng.valueOf(rng.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown --rng '" + rng + "': use auto, curand or philox");
        }
    }

    /** Opens the GPU or fails with the one-line reason (exit 2). */
    static CudaDevice openGpu(boolean tf32, CudaDevice.Rng rng, PrintWriter err) {
        try {
            return CudaDevice.open(new CudaDevice.Options(tf32, rng), note -> {
                err.println(note);
                err.flush();
            });
        } catch (RuntimeException | LinkageError e) {
            throw new BadInputException("no usable GPU: " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CudaDevice.Rng source = parseRng(rng);
        Parity.Tolerances tolerances = tf32 ? Parity.Tolerances.tf32() : Parity.Tolerances.float32();
        try (CudaDevice gpu = openGpu(tf32, source, spec.commandLine().getErr()); Device cpu = CpuDevice.create(threads)) {
            long start = System.nanoTime();
            Parity.Report report = Parity.run(cpu, gpu, tolerances);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (json) {
                out.println(Json.write(json(cpu, gpu, report, seconds)));
            } else {
                print(out, cpu, gpu, report, seconds);
            }
            out.flush();
            return report.passed() ? 0 : Main.EXIT_CHECK_FAILED;
        }
    }

    static void print(PrintWriter out, Device cpu, CudaDevice gpu, Parity.Report report, double seconds) {
        out.println("reference: " + cpu.describe());
        out.println("candidate: " + gpu.describe());
        out.println("dropout:   " + gpu.dropoutSource());
        out.println("error = max|gpu − cpu| / max|cpu| per tensor (normwise relative); mask, gather and counts must be exact");
        String group = null;
        for (Parity.Comparison c : report.comparisons()) {
            if (!c.group().equals(group)) {
                group = c.group();
                out.println(group);
            }
            out.printf(Locale.ROOT, "  %-34s %10.3e  tol %8.1e  %s%n", c.tensor(), c.error(), c.tolerance(), c.passed() ? "ok" : "FAIL");
        }
        Parity.Comparison worst = report.worst();
        out.printf(Locale.ROOT, "parity: %s (%d tensors, %.1f s); closest to its tolerance: %s / %s %.3e (tol %.1e)%n",
                report.passed() ? "PASSED" : "FAILED", report.comparisons().size(), seconds, worst.group(), worst.tensor(), worst.error(),
                worst.tolerance());
    }

    static Map<String, Object> json(Device cpu, CudaDevice gpu, Parity.Report report, double seconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", "parity");
        r.put("reference", cpu.describe());
        r.put("candidate", gpu.describe());
        r.put("dropout", gpu.dropoutSource());
        r.put("passed", report.passed());
        r.put("seconds", seconds);
        List<Object> rows = new ArrayList<>();
        for (Parity.Comparison c : report.comparisons()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", c.group());
            row.put("tensor", c.tensor());
            row.put("error", c.error());
            row.put("tolerance", c.tolerance());
            row.put("passed", c.passed());
            rows.add(row);
        }
        r.put("comparisons", rows);
        return r;
    }
}
