package io.densetrain.cli;

import io.densetrain.sweep.TrialRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a trial's {@code train} command on a thread of this JVM: no JVM start per trial, but every trial shares
 * this JVM's heap and its one OpenBLAS thread setting (the sweep gives all trials the same {@code --threads}),
 * and a native crash would end the whole sweep. {@link io.densetrain.sweep.ProcessTrialRunner} is the default.
 */
public final class InProcessTrialRunner implements TrialRunner {
    @Override
    public String run(List<String> trainArgs) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(trainArgs);
        var cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args.toArray(String[]::new));
        return TrialRunner.result(code, out.toString(), err.toString(), () -> "exit status " + code);
    }
}
