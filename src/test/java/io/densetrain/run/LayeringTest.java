package io.densetrain.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The library packages below the CLI do not refer to io.densetrain.cli in code (strings and comments may name it). */
class LayeringTest {
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("//[^\n]*|/\\*(?s:.*?)\\*/|\"(?:\\\\.|[^\"\\\\])*\"");

    static List<String> offenders(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/densetrain", pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return COMMENTS_AND_STRINGS.matcher(Files.readString(f)).replaceAll("").contains("io.densetrain.cli");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
    }

    @Test
    void sweepAndRunDoNotDependOnTheCli() throws IOException {
        assertEquals(List.of(), offenders("sweep"));
        assertEquals(List.of(), offenders("run"));
        assertEquals(List.of(), offenders("train"));
    }

    @Test
    void thePatternSeesACodeReference() {
        String code = "class A { void f() { io.densetrain.cli.TrainArguments.check(); } } // io.densetrain.cli\n String s = \"io.densetrain.cli.Main\";";
        String stripped = COMMENTS_AND_STRINGS.matcher(code).replaceAll("");
        assertEquals(true, stripped.contains("io.densetrain.cli.TrainArguments"));
        assertEquals(1, stripped.split("io\\.densetrain\\.cli", -1).length - 1);
    }
}
