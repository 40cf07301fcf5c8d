package io.densetrain.device.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directories searched for NVIDIA's user-space libraries, in order, each with where it came from,
 * so that no hint is needed where PyTorch's pip wheels put CUDA 13:
 * <ol>
 *   <li>{@code DENSETRAIN_CUDA_LIBS}, then {@code LD_LIBRARY_PATH} (colon-separated);</li>
 *   <li>{@code CUDA_HOME}, {@code CUDA_PATH}, then {@code /usr/local/cuda*} and {@code /opt/cuda*}
 *       ({@code lib64}, {@code lib}, {@code targets/x86_64-linux/lib});</li>
 *   <li>the site-packages of every {@code python3} on the {@code PATH} (its prefix, and the prefix of
 *       the file it links to), of {@code /opt/*}{@code /.venv} and of {@code /opt/*} venvs,
 *       {@code /opt/conda}, {@code ~/.local}, {@code $VIRTUAL_ENV} and {@code $CONDA_PREFIX}: in each,
 *       {@code nvidia/cu13/lib}, {@code nvidia/cu12/lib}, then every other {@code nvidia/*}{@code /lib};</li>
 *   <li>the driver's folders: {@code /usr/local/nvidia/lib64}, {@code /usr/local/nvidia/lib},
 *       {@code /usr/lib/x86_64-linux-gnu}, {@code /usr/lib64}, {@code /usr/lib/wsl/lib}, {@code /usr/lib}.</li>
 * </ol>
 * Only directories that exist are kept, each once (its first origin). What none of them holds is left
 * to the system loader ({@code ld.so.cache}). {@code root} is {@code /} except in tests.
 */
public final class SearchPath {
    /** One searched directory and the rule that contributed it, e.g. "LD_LIBRARY_PATH" or "python3 /usr/bin/python3". */
    public record Entry(Path directory, String origin) {
    }

    private final Map<Path, String> entries = new LinkedHashMap<>();

    private SearchPath() {
    }

    /** The search path of this process. */
    public static List<Entry> ofThisProcess() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("/"));
    }

    /** The search path for environment {@code env}, home {@code home} and file-system root {@code root}. */
    public static List<Entry> of(Map<String, String> env, Path home, Path root) {
        SearchPath s = new SearchPath();
        s.pathList(env.get("DENSETRAIN_CUDA_LIBS"), "DENSETRAIN_CUDA_LIBS");
        s.pathList(env.get("LD_LIBRARY_PATH"), "LD_LIBRARY_PATH");
        for (String var : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) s.toolkit(Path.of(v), var);
        }
        s.toolkit(root.resolve("usr/local/cuda"), "/usr/local/cuda");
        children(root.resolve("usr/local"), "cuda-").forEach(p -> s.toolkit(p, "/usr/local/cuda-*"));
        children(root.resolve("opt"), "cuda").forEach(p -> s.toolkit(p, "/opt/cuda*"));
        String path = env.get("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (dir.isBlank()) continue;
                Path python = Path.of(dir).resolve("python3");
                if (!Files.isExecutable(python)) continue;
                String origin = "python3 " + python;
                s.pythonPrefix(Path.of(dir).toAbsolutePath().getParent(), origin);
                try {
                    Path real = python.toRealPath();
                    if (real.getParent() != null) s.pythonPrefix(real.getParent().getParent(), origin);
                } catch (IOException e) {
                    // a dangling link: its own prefix was enough
                }
            }
        }
        for (Path opt : children(root.resolve("opt"), "")) {
            s.pythonPrefix(opt.resolve(".venv"), "/opt/*/.venv");
            if (Files.isRegularFile(opt.resolve("pyvenv.cfg"))) s.pythonPrefix(opt, "/opt/* (a venv)");
        }
        s.pythonPrefix(root.resolve("opt/conda"), "/opt/conda");
        s.pythonPrefix(home.resolve(".local"), "~/.local");
        for (String var : new String[] {"VIRTUAL_ENV", "CONDA_PREFIX"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) s.pythonPrefix(Path.of(v), "$" + var);
        }
        for (String driver : new String[] {"usr/local/nvidia/lib64", "usr/local/nvidia/lib", "usr/lib/x86_64-linux-gnu", "usr/lib64",
                "usr/lib/wsl/lib", "usr/lib"}) {
            s.add(root.resolve(driver), "driver /" + driver);
        }
        List<Entry> out = new ArrayList<>();
        s.entries.forEach((d, o) -> out.add(new Entry(d, o)));
        return out;
    }

    private void pathList(String value, String origin) {
        if (value == null) return;
        for (String p : value.split(":")) {
            if (!p.isBlank()) add(Path.of(p), origin);
        }
    }

    private void toolkit(Path root, String origin) {
        add(root.resolve("lib64"), origin);
        add(root.resolve("lib"), origin);
        add(root.resolve("targets/x86_64-linux/lib"), origin);
    }

    /** The nvidia/…/lib folders of every site-packages or dist-packages under a Python prefix. */
    private void pythonPrefix(Path prefix, String origin) {
        if (prefix == null || !Files.isDirectory(prefix)) return;
        List<Path> sites = new ArrayList<>();
        for (String lib : new String[] {"lib", "lib64", "local/lib"}) {
            for (Path py : children(prefix.resolve(lib), "python3")) {
                sites.add(py.resolve("site-packages"));
                sites.add(py.resolve("dist-packages"));
            }
        }
        for (Path site : sites) {
            Path nvidia = site.resolve("nvidia");
            if (!Files.isDirectory(nvidia)) continue;
            add(nvidia.resolve("cu13/lib"), origin);
            add(nvidia.resolve("cu12/lib"), origin);
            for (Path pkg : children(nvidia, "")) add(pkg.resolve("lib"), origin);
        }
    }

    private void add(Path dir, String origin) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) entries.putIfAbsent(abs, origin);
    }

    /** Sub-directories of {@code dir} whose name starts with {@code prefix}, sorted by name. */
    static List<Path> children(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // unreadable: nothing to search there
        }
    }
}
