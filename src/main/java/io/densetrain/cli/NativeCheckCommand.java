package io.densetrain.cli;

import io.densetrain.BadInputException;
import io.densetrain.check.Parity;
import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.device.cuda.CudaDevice;
import io.densetrain.device.cuda.LibrarySearch;
import io.densetrain.device.cuda.NativeLibraries;
import io.densetrain.device.cuda.SearchPath;
import io.densetrain.device.cuda.StackProbe;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densetrain native-check}: what a GPU host's native stack is (driver, GPU, which libraries
 * loaded from where, the PTX modules), then the parity suite and a short throughput run; exit 1 on
 * any failure. {@code native-check/native-check.sh} is a thin wrapper around it.
 */
@Command(name = "native-check", mixinStandardHelpOptions = true,
        description = "Diagnose the CUDA stack of this machine (the library search path; for libcuda, libcublas .12 and .13 and"
                + " libcurand every candidate found and which one loaded; driver and CUDA versions, GPU, every PTX module), then run"
                + " the parity suite (float32 and TF32 with cuRAND, float32 with the in-kernel Philox) and a short throughput run."
                + " Exit 0 when everything passed, 1 otherwise.")
final class NativeCheckCommand implements Callable<Integer> {
    @Option(names = "--layers", split = ",", paramLabel = "N",
            description = "Throughput network (default 784,1024,1024,10).")
    int[] layers = {784, 1024, 1024, 10};

    @Option(names = "--batch", paramLabel = "M", description = "Throughput batch size (default 4096).")
    int batch = 4096;

    @Option(names = "--iterations", paramLabel = "N", description = "Timed training iterations (default 50, after 5 warm-up).")
    int iterations = 50;

    @Option(names = "--keep-prob", paramLabel = "P",
            description = "Dropout keep probability on the hidden layers of the throughput network (default 1: no dropout).")
    double keepProb = 1.0;

    @Option(names = "--skip-parity", description = "Only report the stack and the throughput.")
    boolean skipParity;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private boolean failed;

    private void line(String status, String what, String detail) {
        out.printf(Locale.ROOT, "[%-4s] %-22s %s%n", status, what, detail);
        out.flush();
        if (status.equals("FAIL")) failed = true;
    }

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        if (!(keepProb > 0 && keepProb <= 1)) throw new BadInputException("--keep-prob must be in (0, 1], got " + keepProb);
        if (batch < 1 || iterations < 1) throw new BadInputException("--batch and --iterations must be ≥ 1");
        line("info", "java", System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        line("info", "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        Path extraction = NativeLibraries.extractionDirectory();
        line("info", "native extraction dir", extraction + (extraction.equals(NativeLibraries.privateDirectory()) ? ""
                : " (" + NativeLibraries.privateDirectory() + " is not writable: java.io.tmpdir instead)"));
        libraries();
        String reason = CudaDevice.unavailableReason();
        if (reason != null) {
            line("FAIL", "cuda", reason);
            return verdict();
        }
        line("ok", "JCuda driver binding", NativeLibraries.loadedFrom("libJCudaDriver").orElse("?"));
        for (boolean tf32 : new boolean[] {false, true}) {
            try (CudaDevice gpu = CudaDevice.open(new CudaDevice.Options(tf32, CudaDevice.Rng.AUTO), n -> { })) {
                if (!tf32) {
                    line("ok", "gpu", gpu.gpu());
                    long[] mem = gpu.memoryInfo();
                    line("ok", "memory", String.format(Locale.ROOT, "%.1f GiB free of %.1f GiB", mem[0] / 1073741824.0, mem[1] / 1073741824.0));
                    line("ok", "cublas", gpu.blasBinding() + "; loaded: " + NativeLibraries.loadedFrom("libcublas.so").orElse("?"));
                    boolean curand = gpu.dropoutSource().startsWith("cuRAND");
                    // cuRAND on the search path but the Philox fallback in use is a broken install, not a choice
                    line(curand ? "ok" : StackProbe.curandPresent() ? "FAIL" : "warn", "dropout uniforms", gpu.dropoutSource());
                    line("ok", "ptx modules", "loaded " + String.join(", ", gpu.kernelModules()) + " (.version 7.8, sm_75 JIT)");
                    if (!skipParity) {
                        parity(gpu, Parity.Tolerances.float32(), "parity float32");
                    }
                } else if (!skipParity) {
                    parity(gpu, Parity.Tolerances.tf32(), "parity tf32");
                }
                throughput(gpu, tf32);
            } catch (RuntimeException | LinkageError e) {
                line("FAIL", tf32 ? "cuda (tf32)" : "cuda", String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
            }
        }
        if (!skipParity) {
            try (CudaDevice philox = CudaDevice.open(new CudaDevice.Options(false, CudaDevice.Rng.PHILOX), n -> { })) {
                parity(philox, Parity.Tolerances.float32(), "parity (in-kernel Philox)");
            } catch (RuntimeException e) {
                line("FAIL", "parity (Philox)", String.valueOf(e.getMessage()));
            }
        }
        return verdict();
    }

    private int verdict() {
        out.println(failed ? "native-check: FAILED" : "native-check: all checks passed");
        out.flush();
        return failed ? Main.EXIT_CHECK_FAILED : 0;
    }

    /**
     * The search path, then for each library every candidate found, which one loaded and the binding's
     * verdict: all four are probed independently, so a missing driver does not hide the cuBLAS listing.
     */
    private void libraries() {
        List<SearchPath.Entry> path = NativeLibraries.searchPath();
        line("info", "search path", path.size() + " directories, searched in this order for each library, then the system loader:");
        for (int i = 0; i < path.size(); i++) {
            out.printf(Locale.ROOT, "%31s%2d. %s  [%s]%n", "", i + 1, path.get(i).directory(), path.get(i).origin());
        }
        for (StackProbe.Library lib : StackProbe.libraries()) {
            LibrarySearch s = lib.search();
            String where = s.loaded() != null ? "loaded " + s.loaded()
                    : lib.mapped() != null ? "loaded by the system loader from " + lib.mapped()
                    : s.candidates().isEmpty() ? "not found in the search path nor by the system loader" : "no candidate loaded";
            String status = switch (lib.status()) {
                case OK -> "ok";
                case UNUSED -> "info";
                case MISSING -> "warn";
                case FAIL -> "FAIL";
            };
            String verdict = switch (lib.status()) {
                case OK -> "usable";
                case UNUSED -> "not used (the other cuBLAS binding is)";
                case MISSING -> "optional";
                case FAIL -> "not usable";
            };
            line(status, lib.soname(), lib.role() + ": " + verdict + "; " + where);
            out.printf(Locale.ROOT, "%31s  candidates (%d): %s%n", "", s.candidates().size(),
                    s.candidates().isEmpty() ? "none" : s.candidates().stream().map(Path::toString).collect(Collectors.joining(", ")));
            s.failures().forEach((file, why) -> out.printf(Locale.ROOT, "%31s  did not load %s: %s%n", "", file, why));
            if (lib.detail() != null && lib.status() != StackProbe.Status.OK) {
                out.printf(Locale.ROOT, "%31s  reason: %s%n", "", lib.detail());
            }
        }
        out.flush();
    }

    private void parity(CudaDevice gpu, Parity.Tolerances tolerances, String label) {
        try (Device cpu = CpuDevice.create(0)) {
            long start = System.nanoTime();
            Parity.Report report = Parity.run(cpu, gpu, tolerances);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Parity.Comparison c : report.comparisons()) {
                if (!c.passed()) {
                    line("FAIL", label, c.group() + " / " + c.tensor() + ": " + String.format(Locale.ROOT, "%.3e > %.1e", c.error(), c.tolerance()));
                }
            }
            java.util.Map<String, Double> worstPerGroup = new java.util.LinkedHashMap<>();
            for (Parity.Comparison c : report.comparisons()) {
                worstPerGroup.merge(c.group(), c.error(), Math::max);
            }
            StringBuilder groups = new StringBuilder();
            worstPerGroup.forEach((g, e) -> groups.append(String.format(Locale.ROOT, "%s%s %.1e", groups.length() == 0 ? "" : "; ", g, e)));
            Parity.Comparison worst = report.worst();
            line(report.passed() ? "ok" : "FAIL", label, String.format(Locale.ROOT,
                    "%d tensors in %.1f s, worst error per group: %s; closest to tolerance: %s %.2e (tol %.0e)",
                    report.comparisons().size(), seconds, groups, worst.tensor(), worst.error(), worst.tolerance()));
        }
    }

    private void throughput(CudaDevice gpu, boolean tf32) {
        Architecture arch = new Architecture(layers, Activation.RELU);
        Network net = new Network(gpu, arch, Regularization.of(0, new double[] {keepProb}, arch.depth()), 1);
        net.initialize(Initialization.HE, 1.0, 1);
        Random r = new Random(1);
        double[] x = new double[arch.inputs() * batch];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        double[] y = new double[arch.outputs() * batch];
        for (int j = 0; j < batch; j++) {
            if (arch.outputs() == 1) y[j] = r.nextInt(2);
            else y[j * arch.outputs() + r.nextInt(arch.outputs())] = 1;
        }
        Matrix xm = gpu.allocate(arch.inputs(), batch), ym = gpu.allocate(arch.outputs(), batch);
        gpu.upload(x, xm);
        gpu.upload(y, ym);
        for (int it = 0; it < 5; it++) step(net, xm, ym, it);
        double cost0 = net.cost(ym);
        long start = System.nanoTime();
        for (int it = 0; it < iterations; it++) step(net, xm, ym, it);
        gpu.synchronize();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cost = net.cost(ym);
        double flops = 0;
        for (int l = 1; l <= arch.depth(); l++) flops += 6.0 * arch.size(l) * arch.size(l - 1) * batch;
        boolean ok = Double.isFinite(cost) && cost < cost0;
        line(ok ? "ok" : "FAIL", tf32 ? "throughput (tf32)" : "throughput", String.format(Locale.ROOT,
                "%s batch %d%s: %.0f examples/s, %.2f ms/iteration, %.1f TFLOP/s (GEMMs), cost %.4f → %.4f",
                arch, batch, keepProb < 1 ? String.format(Locale.ROOT, " dropout keep %.2f", keepProb) : "", iterations * (double) batch / seconds, 1000 * seconds / iterations, flops * iterations / seconds / 1e12,
                cost0, cost));
    }

    private static void step(Network net, Matrix x, Matrix y, long it) {
        net.forward(x, true, it);
        net.backward(y);
        net.device().sgdUpdate(net.theta(), net.gradient(), 0.01);
    }
}
