package io.densetrain.sweep;

import io.densetrain.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each trial as a child JVM executing the real {@code densetrain train}: this JVM's java executable,
 * class path and JVM options (minus agents and debuggers), main class {@link TrialProcess} (which runs
 * {@code io.densetrain.cli.Main}). A trial therefore equals its {@code train} command by construction, and each trial
 * has its own OpenBLAS thread count (a process-wide setting). Children still running when this JVM exits are ended:
 * by a shutdown hook on Ctrl-C or SIGTERM, and on SIGKILL by their own watch of the stdin pipe this JVM holds open.
 */
public final class ProcessTrialRunner implements TrialRunner {
    private static final String MAIN = TrialProcess.class.getName();
    /** The child JVMs of every runner in this JVM: one shutdown hook ends them all, however many sweeps a program runs. */
    private static final Set<Process> ALL_LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL_LIVE.forEach(Process::destroyForcibly), "trial-jvms-cleanup"));
    }

    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    public ProcessTrialRunner() {
    }

    /** Ends the child JVMs running now; their {@link #run} calls then fail. */
    @Override
    public void cancel() {
        live.forEach(Process::destroyForcibly);
    }

    @Override
    public String run(List<String> trainArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-Xrunjdwp")
                    && !option.startsWith("-Xdebug")) command.add(option);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.add("train");
        command.addAll(trainArgs);
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new BadInputException("cannot start a trial JVM (" + e.getMessage() + "); check that java is runnable");
        }
        live.add(p);
        ALL_LIVE.add(p);
        try {
            // stdin stays open until the child ends: its TrialProcess halts when the pipe closes (this JVM gone)
            // stderr on a thread of its own: a child blocked on a full stderr pipe would never finish its stdout
            var err = new java.util.concurrent.FutureTask<>(() -> read(p.getErrorStream()));
            Thread reader = new Thread(err, "trial-stderr");
            reader.setDaemon(true);
            reader.start();
            String out = read(p.getInputStream());
            int code = p.waitFor();
            String stderr = join(err);
            return TrialRunner.result(code, out, stderr, () -> stderr.isBlank() ? "exit status " + code : javaFailure(stderr));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BadInputException("trial interrupted");
        } finally {
            live.remove(p);
            ALL_LIVE.remove(p);
            closeQuietly(p.getOutputStream());
        }
    }

    private static void closeQuietly(java.io.OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the child has ended; its end of the pipe is gone
        }
    }

    private static String join(java.util.concurrent.FutureTask<String> task) throws InterruptedException {
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return "";
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The line that names a child's Java failure ({@code Exception in thread "main" java.lang.NoClassDefFoundError: …},
     * the innermost {@code Caused by:}), not the stack trace's last {@code ... 12 more}.
     */
    static String javaFailure(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String named = null;
        for (String l : lines) {
            if (l.startsWith("Caused by: ") || l.startsWith("Exception in thread ")) named = l;
        }
        if (named == null) named = lines.stream().filter(l -> !l.startsWith("at ") && !l.startsWith("..."))
                .reduce((a, b) -> b).orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        return named.replaceFirst("^Caused by: ", "").replaceFirst("^Exception in thread \"[^\"]*\" ", "");
    }
}
