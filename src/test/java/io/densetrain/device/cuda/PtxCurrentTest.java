package io.densetrain.device.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where nvcc is on the PATH, the committed PTX must be what {@code kernels/build.sh} makes from
 * {@code kernels/*.cu} now (comment lines aside). Skipped, with the reason, where nvcc is absent or is
 * a different release from the one that made the committed files (its code generation differs).
 */
class PtxCurrentTest {
    @TempDir
    Path out;

    private static String nvccRelease() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("nvcc", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("release [0-9.]+, (V[0-9.]+)").matcher(text);
        return m.find() ? m.group(1) : "unknown";
    }

    private static String withoutComments(String ptx) {
        return ptx.lines().filter(l -> !l.startsWith("//")).collect(Collectors.joining("\n"));
    }

    @Test
    void committedPtxIsWhatBuildShMakes() throws Exception {
        String release = nvccRelease();
        assumeTrue(release != null, "nvcc is not on the PATH: the committed PTX cannot be regenerated here");
        Path committedDir = Paths.get("src/main/resources/io/densetrain/kernels");
        String committedBy = Files.readAllLines(committedDir.resolve("dropout.ptx")).stream()
                .filter(l -> l.startsWith("// Cuda compilation tools")).findFirst().orElse("");
        assumeTrue(committedBy.endsWith(release), "the committed PTX was made by '" + committedBy.substring(Math.min(3, committedBy.length()))
                + "', this nvcc is " + release + ": run kernels/build.sh with that release to compare");
        Process p = new ProcessBuilder("bash", "kernels/build.sh", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "kernels/build.sh failed:\n" + log);
        for (String module : Kernels.moduleNames()) {
            String fresh = Files.readString(out.resolve(module + ".ptx"));
            String committed = Files.readString(committedDir.resolve(module + ".ptx"));
            assertEquals(withoutComments(fresh), withoutComments(committed),
                    module + ".ptx is stale: run kernels/build.sh and commit src/main/resources/io/densetrain/kernels");
        }
    }
}
