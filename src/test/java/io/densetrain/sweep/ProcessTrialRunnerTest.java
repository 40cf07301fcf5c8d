package io.densetrain.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a failed child JVM's stderr is reduced to: the line naming the failure, not the trace's last line. */
class ProcessTrialRunnerTest {
    @Test
    void aJavaFailureIsNamedByItsInnermostCause() {
        String stderr = """
                Exception in thread "main" java.lang.NoClassDefFoundError: me/tongfei/progressbar/ProgressBarConsumer
                \tat java.base/java.lang.Class.forName0(Native Method)
                Caused by: java.lang.ClassNotFoundException: me.tongfei.progressbar.ProgressBarConsumer
                \tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)
                \t... 12 more
                """;
        assertEquals("java.lang.ClassNotFoundException: me.tongfei.progressbar.ProgressBarConsumer",
                ProcessTrialRunner.javaFailure(stderr));
        assertEquals("java.lang.OutOfMemoryError: Java heap space",
                ProcessTrialRunner.javaFailure("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n"));
        assertEquals("Killed", ProcessTrialRunner.javaFailure("Killed\n"));
    }
}
