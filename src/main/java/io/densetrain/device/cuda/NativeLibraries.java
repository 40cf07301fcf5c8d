package io.densetrain.device.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the native libraries of the CUDA device come from, handled so that the native failures that
 * kill a JVM cannot happen (native-check/STACK.md §3.2, §3.3):
 * <ul>
 *   <li>JCuda's own JNI libraries ({@code libJCudaDriver-…}, {@code libJCublas2-…}, {@code libJCurand-…})
 *       are extracted by us into a private directory, through a temporary file, a SHA-256 check and an
 *       atomic move, and JCuda's loader is pointed there while it initializes; left to itself it writes
 *       into the shared {@code java.io.tmpdir} non-atomically and reuses whatever file it finds, so two
 *       JVMs extracting at once can leave a truncated library that dies with SIGBUS.</li>
 *   <li>NVIDIA's libraries ({@code libcuda.so.1}, {@code libcublas.so.12/13}, {@code libcurand.so.10}) are
 *       looked for along the {@link SearchPath} (toolkit, Python wheels, driver folders) and loaded by
 *       absolute path first ({@link #search}), which satisfies the JNI libraries' {@code NEEDED} entries by
 *       SONAME; otherwise the system loader's search applies.</li>
 * </ul>
 * The private directory is {@code -Ddensetrain.nativeDir}, else {@code $XDG_CACHE_HOME/densetrain/natives}
 * or {@code ~/.cache/densetrain/natives}, with a subdirectory per JCuda version.
 */
public final class NativeLibraries {
    static final String JCUDA_VERSION = "12.6.0";
    private static final String PLATFORM = "linux-x86_64";

    private NativeLibraries() {
    }

    /** The JNI library's platform name, e.g. {@code JCudaDriver-12.6.0-linux-x86_64}. */
    static String jcudaName(String base) {
        return base + "-" + JCUDA_VERSION + "-" + PLATFORM;
    }

    /** The private extraction directory (created on first use). */
    public static Path privateDirectory() {
        String configured = System.getProperty("densetrain.nativeDir");
        Path base;
        if (configured != null && !configured.isBlank()) {
            base = Paths.get(configured);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = (xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache"))
                    .resolve("densetrain").resolve("natives");
        }
        return base.resolve("jcuda-" + JCUDA_VERSION).toAbsolutePath();
    }

    private static Path extractionDirectory;

    /**
     * Where the JNI libraries are extracted: {@link #privateDirectory()} when it can be created and
     * written, else {@code java.io.tmpdir/densetrain-natives-<user>/jcuda-<version>} (a read-only home,
     * a container without one); chosen once per process.
     */
    public static synchronized Path extractionDirectory() {
        if (extractionDirectory == null) {
            extractionDirectory = chooseExtractionDirectory(privateDirectory(), Paths.get(System.getProperty("java.io.tmpdir")),
                    System.getProperty("user.name"));
        }
        return extractionDirectory;
    }

    /** {@code preferred} when it can be created and written, else {@code tmpdir/densetrain-natives-<user>/jcuda-<version>}. */
    static Path chooseExtractionDirectory(Path preferred, Path tmpdir, String user) {
        return writable(preferred) ? preferred : tmpdir.resolve("densetrain-natives-" + user).resolve("jcuda-" + JCUDA_VERSION).toAbsolutePath();
    }

    static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Extracts the JCuda JNI libraries {@code bases} (e.g. "JCudaDriver") into the private directory,
     * then runs {@code init} (which touches the JCuda class whose static initializer loads them) with
     * {@code java.io.tmpdir} pointing there, so that JCuda's loader finds the verified files and writes
     * nothing. Extraction problems are returned as an {@link UnsatisfiedLinkError} by {@code init}'s
     * own failure, never thrown here.
     */
    static synchronized <T> T withPrivateExtraction(Supplier<T> init, String... bases) {
        Path dir = extractionDirectory();
        for (String base : bases) {
            try {
                extract(jcudaName(base), dir);
            } catch (IOException | RuntimeException e) {
                // Leave it to JCuda's own loader; its error names what is missing.
            }
        }
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", dir.toString());
        try {
            return init.get();
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    /** Writes resource {@code /lib/lib<name>.so} to {@code dir}, unless an identical file is there. */
    static Path extract(String name, Path dir) throws IOException {
        String resource = "/lib/lib" + name + ".so";
        byte[] bytes;
        try (InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource + " on the class path (packaging: rebuild with mvn package)");
            }
            bytes = in.readAllBytes();
        }
        Files.createDirectories(dir);
        Path target = dir.resolve("lib" + name + ".so");
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                && sha256(Files.readAllBytes(target)).equals(sha256(bytes))) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, "lib" + name, ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SearchPath.Entry> searchPath;
    private static final Map<String, LibrarySearch> SEARCHES = new HashMap<>();

    /** {@link SearchPath#ofThisProcess()} with each folder's origin, computed once per process. */
    public static synchronized List<SearchPath.Entry> searchPath() {
        if (searchPath == null) searchPath = SearchPath.ofThisProcess();
        return searchPath;
    }

    /** The folders of {@link #searchPath()}, in search order. */
    static List<Path> searchDirectories() {
        return searchPath().stream().map(SearchPath.Entry::directory).toList();
    }

    /**
     * The search for {@code soname} (e.g. {@code libcublas.so.13}), run once per process: its candidates
     * along the search path, and the first one loaded by absolute path with {@link System#load}.
     */
    public static synchronized LibrarySearch search(String soname) {
        return SEARCHES.computeIfAbsent(soname, n -> LibrarySearch.run(n, searchDirectories(), System::load));
    }

    /**
     * Null when JCuda's JNI library {@code base} (e.g. "JCurand") can be loaded against {@code provider}
     * (the NVIDIA library found for it), else one line naming the functions starting with {@code prefix}
     * it calls that {@code provider} does not define: loading it anyway would kill the JVM at the first
     * such call. Null too when the files cannot be read as ELF (the loader then judges).
     */
    static String missingSymbols(String base, Path provider, String prefix) {
        Path jni;
        try {
            jni = extract(jcudaName(base), extractionDirectory());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        java.util.Set<String> missing = ElfSymbols.missing(jni, provider, prefix);
        if (missing == null || missing.isEmpty()) return null;
        return provider + " does not define " + missing.size() + " of the functions " + jni.getFileName() + " calls ("
                + String.join(", ", missing.stream().limit(3).toList()) + (missing.size() > 3 ? ", …" : "")
                + "): a stand-in or another version";
    }

    /**
     * Loads {@code soname} by absolute path when a loadable file is found on the search path (once per
     * process, through {@link #search}), so that a JNI library that NEEDs it resolves it by SONAME; returns
     * the path, or empty when none was found there (the system loader may still find it through ld.so.cache).
     */
    static Optional<Path> find(String soname) {
        return Optional.ofNullable(search(soname).loaded());
    }

    /** The file a loaded library named like {@code fragment} was mapped from (/proc/self/maps), if any. */
    public static Optional<String> loadedFrom(String fragment) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0) {
                    String path = line.substring(slash);
                    String file = path.substring(path.lastIndexOf('/') + 1);
                    if (file.startsWith(fragment)) return Optional.of(path);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs
        }
        return Optional.empty();
    }

    /** The useful line of a (multi-line) native loading error: the one naming the missing file or version. */
    static String essentialLine(Throwable t) {
        Throwable root = t;
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
            root = c;
        }
        for (String line : all.toString().split("\n")) {
            if (line.contains("cannot open shared object file") || line.contains("version `") || line.contains("No resource found")
                    || line.contains("undefined symbol")) {
                String l = line.trim().replaceFirst("^[\\w.$]+(Error|Exception): ", "");
                int colon = l.indexOf(": lib");
                if (colon >= 0) return l.substring(colon + 2);
                int first = l.indexOf(": ");
                // "/x/libJ.so: /x/libJ.so: undefined symbol: …" names the file twice
                return first > 0 && l.startsWith(l.substring(0, first + 2), first + 2) ? l.substring(first + 2) : l;
            }
        }
        String first = root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
        return first.trim();
    }
}
