package io.densetrain.device.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the native libraries of the CUDA device come from, handled so that the native failures that
 * kill a JVM cannot happen (GPU-STACK.md §3.2, §3.3):
 * <ul>
 *   <li>JCuda's own JNI libraries ({@code libJCudaDriver-…}, {@code libJCublas2-…}, {@code libJCurand-…})
 *       are extracted by us into a private directory, through a temporary file, a SHA-256 check and an
 *       atomic move, and JCuda's loader is pointed there while it initializes; left to itself it writes
 *       into the shared {@code java.io.tmpdir} non-atomically and reuses whatever file it finds, so two
 *       JVMs extracting at once can leave a truncated library that dies with SIGBUS.</li>
 *   <li>NVIDIA's libraries ({@code libcublas.so.12/13}, {@code libcurand.so.10}) are looked for in the
 *       usual toolkit and Python-wheel directories and loaded by absolute path first, which satisfies the
 *       JNI libraries' {@code NEEDED} entries by SONAME; otherwise the system loader's search applies.</li>
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

    /**
     * Extracts the JCuda JNI libraries {@code bases} (e.g. "JCudaDriver") into the private directory,
     * then runs {@code init} (which touches the JCuda class whose static initializer loads them) with
     * {@code java.io.tmpdir} pointing there, so that JCuda's loader finds the verified files and writes
     * nothing. Extraction problems are returned as an {@link UnsatisfiedLinkError} by {@code init}'s
     * own failure, never thrown here.
     */
    static synchronized <T> T withPrivateExtraction(Supplier<T> init, String... bases) {
        Path dir = privateDirectory();
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

    /**
     * Directories that may hold NVIDIA's libraries: {@code DENSETRAIN_CUDA_LIBS}, {@code LD_LIBRARY_PATH},
     * {@code CUDA_HOME}/{@code CUDA_PATH}, {@code /usr/local/cuda*}, Python wheels ({@code nvidia/cu13/lib},
     * {@code nvidia/cublas/lib}, {@code nvidia/curand/lib}) under the usual site-packages, conda, and the
     * distribution's library directories.
     */
    static List<Path> searchDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String env : new String[] {"DENSETRAIN_CUDA_LIBS", "LD_LIBRARY_PATH"}) {
            String v = System.getenv(env);
            if (v != null) {
                for (String p : v.split(":")) if (!p.isBlank()) dirs.add(Paths.get(p));
            }
        }
        for (String env : new String[] {"CUDA_HOME", "CUDA_PATH", "CONDA_PREFIX"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                dirs.add(Paths.get(v, "lib64"));
                dirs.add(Paths.get(v, "lib"));
                dirs.add(Paths.get(v, "targets", "x86_64-linux", "lib"));
            }
        }
        List<Path> roots = new ArrayList<>(List.of(Paths.get("/usr/local/cuda")));
        listChildren(Paths.get("/usr/local"), "cuda-").forEach(roots::add);
        listChildren(Paths.get("/opt"), "cuda").forEach(roots::add);
        for (Path root : roots) {
            dirs.add(root.resolve("lib64"));
            dirs.add(root.resolve("targets/x86_64-linux/lib"));
        }
        List<Path> sitePackages = new ArrayList<>();
        String home = System.getProperty("user.home");
        for (Path base : new Path[] {Paths.get(home, ".local/lib"), Paths.get("/usr/local/lib"), Paths.get("/usr/lib"),
                Paths.get("/opt/conda/lib")}) {
            for (Path py : listChildren(base, "python3")) {
                sitePackages.add(py.resolve("site-packages"));
                sitePackages.add(py.resolve("dist-packages"));
            }
        }
        String venv = System.getenv("VIRTUAL_ENV");
        if (venv != null) {
            listChildren(Paths.get(venv, "lib"), "python3").forEach(py -> sitePackages.add(py.resolve("site-packages")));
        }
        for (Path site : sitePackages) {
            for (String sub : new String[] {"nvidia/cu13/lib", "nvidia/cublas/lib", "nvidia/curand/lib", "nvidia/cu12/lib"}) {
                dirs.add(site.resolve(sub));
            }
        }
        dirs.add(Paths.get("/usr/lib/x86_64-linux-gnu"));
        dirs.add(Paths.get("/usr/lib64"));
        dirs.add(Paths.get("/usr/lib"));
        List<Path> existing = new ArrayList<>();
        for (Path d : dirs) if (Files.isDirectory(d)) existing.add(d);
        return existing;
    }

    private static List<Path> listChildren(Path dir, String prefix) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(prefix) && Files.isDirectory(p))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            // unreadable: skip
        }
        return out;
    }

    /** The first file named {@code soname} in {@link #searchDirectories()}. */
    static Optional<Path> find(String soname) {
        for (Path d : searchDirectories()) {
            Path f = d.resolve(soname);
            if (Files.exists(f)) return Optional.of(f.toAbsolutePath());
        }
        return Optional.empty();
    }

    /**
     * Loads {@code soname} by absolute path when it is found in {@link #searchDirectories()}, so that a
     * JNI library that NEEDs it resolves it by SONAME; returns the path, or empty when it was not found
     * there (the system loader may still find it through ld.so.cache).
     */
    static Optional<Path> preload(String soname) {
        Optional<Path> path = find(soname);
        path.ifPresent(p -> System.load(p.toString()));
        return path;
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
                String l = line.trim();
                int colon = l.indexOf(": lib");
                return colon >= 0 ? l.substring(colon + 2) : l;
            }
        }
        String first = root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
        return first.trim();
    }
}
