package io.densetrain.device.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One library's search along the {@link SearchPath}: every candidate file found (the SONAME itself,
 * e.g. {@code libcublas.so.13}, then its versioned files such as {@code libcublas.so.13.1.0.3}, directory
 * by directory), and the first one that loaded by absolute path; loading it first lets a JNI library
 * that NEEDs the SONAME resolve it. A candidate that does not load (wrong architecture, a missing
 * dependency) is kept with its one-line reason and the next one is tried.
 *
 * @param soname     the library, e.g. {@code libcurand.so.10}
 * @param candidates every file found, in search order
 * @param failures   why a candidate did not load, for those that did not
 * @param loaded     the candidate that loaded, or null (none found, or none loadable)
 */
public record LibrarySearch(String soname, List<Path> candidates, Map<Path, String> failures, Path loaded) {

    /** Looks for {@code soname} in {@code directories} and loads the first loadable candidate with {@code loader}. */
    static LibrarySearch run(String soname, List<Path> directories, Consumer<String> loader) {
        List<Path> candidates = new ArrayList<>();
        for (Path dir : directories) candidates.addAll(candidatesIn(dir, soname));
        Map<Path, String> failures = new LinkedHashMap<>();
        Path loaded = null;
        for (Path c : candidates) {
            try {
                loader.accept(c.toString());
                loaded = c;
                break;
            } catch (LinkageError | RuntimeException e) {
                failures.put(c, NativeLibraries.essentialLine(e));
            }
        }
        return new LibrarySearch(soname, List.copyOf(candidates), failures, loaded);
    }

    /** {@code dir/soname} first, then {@code dir/soname.*} sorted by name. */
    static List<Path> candidatesIn(Path dir, String soname) {
        List<Path> out = new ArrayList<>();
        Path exact = dir.resolve(soname);
        if (Files.isRegularFile(exact)) out.add(exact);
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith(soname + ".") && Files.isRegularFile(p)).sorted().forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // unreadable directory: nothing found there
        }
        return out;
    }
}
