package io.densetrain.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The library without picocli: a sweep is refused with one clear line, every time, not with class-loading errors. */
class TrainFlagsMissingTest {
    @Test
    void withoutPicocliEveryCallIsTheSameOneLineRefusal() throws Exception {
        // densetrain's own classes and nothing else: the CLI's TrainArguments is listed as the provider, picocli is absent
        URL classes = Setting.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader library = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Method range = library.loadClass(Setting.class.getName()).getMethod("range", String.class);
            for (int call = 1; call <= 2; call++) {
                var e = assertThrows(InvocationTargetException.class, () -> range.invoke(null, "lr=0.01:1:log"));
                Throwable refusal = e.getCause();
                assertEquals("io.densetrain.BadInputException", refusal.getClass().getName(), "call " + call + ": " + refusal);
                assertTrue(refusal.getMessage().startsWith("the sweep reads train's flags through densetrain's command line, which"
                        + " needs picocli on the class path: add info.picocli:picocli"), refusal.getMessage());
                assertTrue(refusal.getMessage().contains("picocli/CommandLine"), "the missing class is named: " + refusal.getMessage());
            }
        }
    }
}
