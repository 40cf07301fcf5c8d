package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompileResult;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed PTX, without a GPU and without nvcc: every module is {@code .version 7.8} for
 * {@code sm_75}, assembles for sm_75, sm_80 and sm_90 with the nvPTXCompiler (CUDA 12.0) that ships in
 * the JCuda natives, and declares exactly the kernels {@link Kernel} launches, with the same
 * parameter types in the same order.
 */
class PtxModulesTest {

    static String[] modules() {
        return Kernels.moduleNames();
    }

    private static String text(String module) {
        byte[] b = Kernels.ptx(module);
        return new String(b, 0, b.length - 1, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void pinnedToVersion78ForSm75(String module) {
        String ptx = text(module);
        assertTrue(ptx.contains("\n.version 7.8\n"), module + ": .version must be 7.8 (kernels/build.sh lowers it)");
        assertTrue(ptx.contains("\n.target sm_75\n"), module + ": .target must be sm_75");
        assertTrue(ptx.contains("\n.address_size 64\n"), module);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void assemblesForSm75Sm80Sm90(String module) {
        NativeLibraries.withPrivateExtraction(() -> {
            JNvPTXCompiler.setExceptionsEnabled(false);
            return null;
        }, "JNvPTXCompiler");
        byte[] ptx = Kernels.ptx(module);
        for (String sm : new String[] {"sm_75", "sm_80", "sm_90"}) {
            nvPTXCompilerHandle compiler = new nvPTXCompilerHandle();
            assertEquals(nvPTXCompileResult.NVPTXCOMPILE_SUCCESS, JNvPTXCompiler.nvPTXCompilerCreate(compiler, ptx.length, ptx));
            try {
                int rc = JNvPTXCompiler.nvPTXCompilerCompile(compiler, 1, new String[] {"--gpu-name=" + sm});
                long[] size = new long[1];
                if (rc != nvPTXCompileResult.NVPTXCOMPILE_SUCCESS) {
                    JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(compiler, size);
                    byte[] log = new byte[(int) size[0] + 1];
                    JNvPTXCompiler.nvPTXCompilerGetErrorLog(compiler, log);
                    throw new AssertionError(module + ".ptx for " + sm + ": " + nvPTXCompileResult.stringFor(rc) + " "
                            + new String(log, StandardCharsets.UTF_8).trim());
                }
                JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(compiler, size);
                assertTrue(size[0] > 0, module + " " + sm);
            } finally {
                JNvPTXCompiler.nvPTXCompilerDestroy(compiler);
            }
        }
    }

    /** entry name → PTX parameter types, from every committed module. */
    private static Map<String, List<String>> entries() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Pattern entry = Pattern.compile("\\.visible \\.entry (\\w+)\\(([^)]*)\\)");
        Pattern param = Pattern.compile("\\.param (\\.\\w+) ");
        for (String module : Kernels.moduleNames()) {
            Matcher e = entry.matcher(text(module));
            while (e.find()) {
                List<String> types = new ArrayList<>();
                Matcher p = param.matcher(e.group(2));
                while (p.find()) types.add(p.group(1));
                out.put(module + "/" + e.group(1), types);
            }
        }
        return out;
    }

    @Test
    void everyLaunchedKernelMatchesItsPtxSignature() {
        Map<String, List<String>> ptx = entries();
        for (Kernel k : Kernel.values()) {
            List<String> declared = ptx.get(k.module + "/" + k.entry);
            assertTrue(declared != null, k + ": no .entry " + k.entry + " in " + k.module + ".ptx");
            List<String> expected = k.params.stream().map(p -> p.ptxType).toList();
            assertEquals(expected, declared, k + ": parameter types differ from the PTX");
        }
        List<String> launched = Arrays.stream(Kernel.values()).map(k -> k.module + "/" + k.entry).toList();
        for (String name : ptx.keySet()) {
            assertTrue(launched.contains(name), name + " is in the PTX but no Kernel launches it");
        }
    }

    @Test
    void kernelSourcesAndModulesCorrespond() throws Exception {
        java.nio.file.Path dir = java.nio.file.Paths.get("kernels");
        List<String> sources;
        try (var s = java.nio.file.Files.list(dir)) {
            sources = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".cu")).map(f -> f.substring(0, f.length() - 3))
                    .sorted().toList();
        }
        List<String> modules = Arrays.stream(Kernels.moduleNames()).sorted().toList();
        assertEquals(sources, modules, "one PTX module per kernels/*.cu file");
    }
}
