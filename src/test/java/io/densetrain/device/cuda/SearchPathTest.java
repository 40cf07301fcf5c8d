package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library discovery without hints: the search order over a fake file system, and candidate loading. */
class SearchPathTest {
    @TempDir
    Path root;

    private Path dir(String relative) throws Exception {
        return Files.createDirectories(root.resolve(relative));
    }

    @Test
    void searchesEverySourceInTheDocumentedOrderEachDirectoryOnce() throws Exception {
        Path hint = dir("hint");
        Path ld = dir("ld");
        Path cudaHome = root.resolve("toolkit");
        dir("toolkit/lib64");
        // a venv on the PATH (as `source .venv/bin/activate` leaves it) with PyTorch's CUDA 13 wheel layout
        Path venv = root.resolve("work/.venv");
        dir("work/.venv/bin");
        Files.writeString(venv.resolve("bin/python3"), "#!/bin/sh\n");
        venv.resolve("bin/python3").toFile().setExecutable(true);
        String site = "work/.venv/lib/python3.12/site-packages/nvidia/";
        dir(site + "cu13/lib");
        dir(site + "cublas/lib");
        dir(site + "curand/lib");
        dir(site + "cu13/include"); // not a lib folder
        String torch = "opt/torch/.venv/lib/python3.12/site-packages/nvidia/";
        dir(torch + "cu13/lib");
        dir("opt/conda/lib/python3.11/site-packages/nvidia/cu12/lib");
        dir("home/.local/lib/python3.10/site-packages/nvidia/cuda_nvrtc/lib");
        dir("usr/local/nvidia/lib64");
        dir("usr/lib/x86_64-linux-gnu");
        Map<String, String> env = new HashMap<>();
        env.put("DENSETRAIN_CUDA_LIBS", hint.toString());
        env.put("LD_LIBRARY_PATH", ld + ":" + root.resolve("missing") + "::" + hint); // missing skipped, hint once
        env.put("CUDA_HOME", cudaHome.toString());
        env.put("PATH", venv.resolve("bin") + ":" + root.resolve("nowhere"));
        env.put("VIRTUAL_ENV", venv.toString()); // already found through the PATH: listed once, first origin
        List<SearchPath.Entry> path = SearchPath.of(env, root.resolve("home"), root);
        List<String> got = new ArrayList<>();
        for (SearchPath.Entry e : path) got.add(root.relativize(e.directory()) + " <- " + e.origin());
        String python = "python3 " + venv.resolve("bin/python3");
        assertEquals(List.of(
                "hint <- DENSETRAIN_CUDA_LIBS",
                "ld <- LD_LIBRARY_PATH",
                "toolkit/lib64 <- CUDA_HOME",
                site + "cu13/lib <- " + python,
                site + "cublas/lib <- " + python,
                site + "curand/lib <- " + python,
                torch + "cu13/lib <- /opt/*/.venv",
                "opt/conda/lib/python3.11/site-packages/nvidia/cu12/lib <- /opt/conda",
                "home/.local/lib/python3.10/site-packages/nvidia/cuda_nvrtc/lib <- ~/.local",
                "usr/local/nvidia/lib64 <- driver /usr/local/nvidia/lib64",
                "usr/lib/x86_64-linux-gnu <- driver /usr/lib/x86_64-linux-gnu",
                "usr/lib <- driver /usr/lib"), got);
    }

    @Test
    void triesEveryCandidateInOrderAndKeepsWhyEachFailedOne() throws Exception {
        Path first = dir("first");
        Path second = dir("second");
        Files.write(first.resolve("libcublas.so.13"), new byte[1]);
        Files.write(second.resolve("libcublas.so.13"), new byte[1]);
        Files.write(second.resolve("libcublas.so.13.1.0.3"), new byte[1]);
        Files.write(second.resolve("libcublasLt.so.13"), new byte[1]); // another library: not a candidate
        List<String> tried = new ArrayList<>();
        LibrarySearch s = LibrarySearch.run("libcublas.so.13", List.of(first, root.resolve("gone"), second), file -> {
            tried.add(file);
            if (file.startsWith(first.toString())) throw new UnsatisfiedLinkError(file + ": wrong ELF class: ELFCLASS32");
        });
        assertEquals(List.of(first.resolve("libcublas.so.13"), second.resolve("libcublas.so.13"), second.resolve("libcublas.so.13.1.0.3")),
                s.candidates());
        assertEquals(second.resolve("libcublas.so.13"), s.loaded());
        assertEquals(2, tried.size(), "stops at the first that loads");
        assertTrue(s.failures().get(first.resolve("libcublas.so.13")).contains("wrong ELF class"), s.failures().toString());
        LibrarySearch none = LibrarySearch.run("libcurand.so.10", List.of(first, second), file -> { });
        assertTrue(none.candidates().isEmpty());
        assertNull(none.loaded());
    }
}
