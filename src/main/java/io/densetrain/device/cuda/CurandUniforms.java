package io.densetrain.device.cuda;

import java.nio.file.Path;
import java.util.Optional;
import jcuda.jcurand.JCurand;
import jcuda.jcurand.curandGenerator;
import jcuda.jcurand.curandOrdering;
import jcuda.jcurand.curandRngType;
import jcuda.jcurand.curandStatus;
import jcuda.runtime.cudaStream_t;

/**
 * Dropout uniforms from cuRAND's device generator through JCurand 11.8: Philox4x32-10 with
 * {@code CURAND_ORDERING_PSEUDO_LEGACY}, seeded with the run's seed and positioned with
 * {@code curandSetGeneratorOffset} at {@code DropoutStream.offset(layer, step)}, written into a
 * resident buffer on the device's stream. Element g is then cuRAND's host-generator element g, which
 * {@link io.densetrain.device.DropoutStream} reproduces in Java (native-check/STACK.md §6). Needs
 * {@code libcurand.so.10}; probed once per process.
 */
final class CurandUniforms implements AutoCloseable {
    private static final Probe PROBE = new Probe(CurandUniforms::probe);
    private static String source = "";

    private final curandGenerator generator;
    private long seed;
    private boolean seeded;

    private CurandUniforms(curandGenerator generator) {
        this.generator = generator;
    }

    /** Null when JCurand and libcurand.so.10 loaded, else one line naming what failed. */
    static String unavailableReason() {
        return PROBE.unavailableReason();
    }

    private static String probe() {
        try {
            Optional<Path> lib = NativeLibraries.find("libcurand.so.10");
            String missing = lib.map(p -> NativeLibraries.missingSymbols("JCurand", p, "curand")).orElse(null);
            if (missing != null) return "libcurand.so.10 not usable: " + missing;
            NativeLibraries.withPrivateExtraction(() -> {
                JCurand.setExceptionsEnabled(false);
                return null;
            }, "JCurand");
            int[] version = new int[1];
            int rc = JCurand.curandGetVersion(version);
            if (rc != curandStatus.CURAND_STATUS_SUCCESS) {
                return "libcurand.so.10 loaded but curandGetVersion failed (" + curandStatus.stringFor(rc) + ")";
            }
            source = "cuRAND " + version[0] + " (" + lib.map(Path::toString).or(() -> NativeLibraries.loadedFrom("libcurand.so.10"))
                    .orElse("libcurand.so.10") + ")";
            return null;
        } catch (LinkageError | RuntimeException e) {
            String line = NativeLibraries.essentialLine(e);
            if (line.contains("No resource found")) {
                return "JCurand's native is missing from the jar (" + line + "): rebuild with mvn package";
            }
            return "libcurand.so.10 not loadable (" + line + ")";
        }
    }

    /** "cuRAND 10300 (/usr/local/cuda/lib64/libcurand.so.10)", after a successful probe. */
    static String source() {
        return source;
    }

    static CurandUniforms create(RawStream stream) {
        curandGenerator g = new curandGenerator();
        check(JCurand.curandCreateGenerator(g, curandRngType.CURAND_RNG_PSEUDO_PHILOX4_32_10), "curandCreateGenerator");
        check(JCurand.curandSetStream(g, new cudaStream_t(stream)), "curandSetStream");
        check(JCurand.curandSetGeneratorOrdering(g, curandOrdering.CURAND_ORDERING_PSEUDO_LEGACY), "curandSetGeneratorOrdering");
        return new CurandUniforms(g);
    }

    /**
     * How many values to ask cuRAND for so that {@code n} come out right: enough that offset + count is
     * a multiple of 4. With a non-zero offset that is a multiple of 4 and a count that is not, cuRAND
     * 10.3's Philox generator leaves the last {@code count mod 4} values unwritten (observed on the host
     * generator: {@code CurandHostTest}); end-aligned counts match {@code DropoutStream} at every offset
     * tried. {@code out} must hold this many values.
     */
    static long alignedCount(long offset, long n) {
        return n + ((4 - ((offset + n) & 3)) & 3);
    }

    /** out[0 .. n) = stream elements offset .. offset+n−1 for {@code seed} (out holds alignedCount values). */
    void generate(long seed, long offset, DeviceBuffer out, long n) {
        if (!seeded || seed != this.seed) {
            check(JCurand.curandSetPseudoRandomGeneratorSeed(generator, seed), "curandSetPseudoRandomGeneratorSeed");
            this.seed = seed;
            seeded = true;
        }
        check(JCurand.curandSetGeneratorOffset(generator, offset), "curandSetGeneratorOffset");
        check(JCurand.curandGenerateUniform(generator, out.at(0), alignedCount(offset, n)), "curandGenerateUniform");
    }

    private static void check(int status, String call) {
        if (status != curandStatus.CURAND_STATUS_SUCCESS) {
            throw new CudaPlatform.CudaFailure(call + " failed: " + curandStatus.stringFor(status), status);
        }
    }

    @Override
    public void close() {
        check(JCurand.curandDestroyGenerator(generator), "curandDestroyGenerator");
    }
}
