package io.densetrain.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java API listing is the example project's source, and it compiles against the library's classes. */
class ReadmeExampleTest {
    static final Path EXAMPLE = Path.of("examples/src/main/java/io/densetrain/examples/RegularizationComparison.java");

    @TempDir
    Path dir;

    /** The README's ```java blocks, each without its fences. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void readmeShowsTheExampleSourceVerbatim() throws IOException {
        String source = Files.readString(EXAMPLE);
        List<String> listings = javaBlocks(Files.readString(Path.of("README.md"))).stream()
                .filter(b -> b.contains("class RegularizationComparison")).toList();
        assertEquals(1, listings.size(), "README.md must show RegularizationComparison once in a ```java block");
        assertEquals(source, listings.get(0), "README.md's listing differs from " + EXAMPLE + ": copy the file into the README");
    }

    /** Compiles the files against the library's classes; returns javac's messages when it fails. */
    private String compile(Path... files) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = "target/classes" + File.pathSeparator + System.getProperty("java.class.path");
        StringWriter errors = new StringWriter();
        boolean ok = javac.getTask(errors, null, null, List.of("-d", dir.resolve("classes").toString(), "-classpath", classpath,
                "-Xlint:all", "-Werror"), null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(files)).call();
        return ok ? null : errors.toString();
    }

    /** What {@code body} prints on System.out (it must return 0). */
    private static String stdoutOf(java.util.concurrent.Callable<Integer> body) throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(0, body.call());
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The markdown table (its lines) right after the block that contains {@code marker}. */
    static List<String> tableAfter(String markdown, String marker) {
        String rest = markdown.substring(markdown.indexOf(marker));
        rest = rest.substring(rest.indexOf("\n| "));
        List<String> rows = new ArrayList<>();
        for (String line : rest.substring(1).split("\n")) {
            if (!line.startsWith("|")) break;
            rows.add(line);
        }
        return rows;
    }

    /**
     * The tables the README prints for the example and for {@code experiment regularization} are what they print
     * now (the runs are sensitive to rounding, so a change anywhere in the arithmetic shows here first).
     */
    @Test
    void theReadmeTablesAreWhatTheExampleAndTheExperimentPrint() throws Exception {
        assertEquals(null, compile(EXAMPLE));
        String readme = Files.readString(Path.of("README.md"));
        String example = stdoutOf(() -> {
            try (var loader = new java.net.URLClassLoader(new java.net.URL[] {dir.resolve("classes").toUri().toURL()},
                    getClass().getClassLoader())) {
                loader.loadClass("io.densetrain.examples.RegularizationComparison").getMethod("main", String[].class)
                        .invoke(null, (Object) new String[0]);
            }
            return 0;
        });
        assertEquals(tableAfter(readme, "public final class RegularizationComparison"), example.lines().toList(),
                "README's example table");
        String experiment = stdoutOf(() -> io.densetrain.cli.Main.execute("experiment", "regularization", "--device", "cpu",
                "--out", dir.resolve("plots").toString()));
        List<String> printed = experiment.lines().filter(l -> l.startsWith("|")).toList();
        assertEquals(tableAfter(readme, "`experiment regularization` (moons, 211 train"), printed, "README's experiment table");
    }

    @Test
    void exampleCompilesAgainstTheLibrary() {
        String errors = compile(EXAMPLE);
        assertEquals(null, errors);
        assertTrue(Files.isRegularFile(dir.resolve("classes/io/densetrain/examples/RegularizationComparison.class")));
    }

    /**
     * The Java API section's other listings are statements: each compiles as the body of a method with the
     * section's imports (the packages the README names), so a renamed method breaks this test, not a reader's build.
     */
    @Test
    void theJavaApiSectionsFragmentsCompile() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Java API"), readme.indexOf("### CLI command → Java entry point"));
        List<String> fragments = javaBlocks(section).stream().filter(b -> !b.startsWith("package ")).toList();
        assertEquals(2, fragments.size(), "the Classifier tour and the saved-model listing");
        // the imports the README gives its readers for these listings, as written there
        int at = section.indexOf("```\nimport io.densetrain.");
        assertTrue(at >= 0, "the Java API section must show the listings' imports in a ``` block");
        String imports = section.substring(at + 4, section.indexOf("```", at + 4));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < fragments.size(); i++) {
            Path file = Files.writeString(dir.resolve("Fragment" + i + ".java"), imports + "class Fragment" + i + " {\n    static void run() {\n" + fragments.get(i) + "    }\n}\n");
            files.add(file);
        }
        assertEquals(null, compile(files.toArray(Path[]::new)));
    }
}
