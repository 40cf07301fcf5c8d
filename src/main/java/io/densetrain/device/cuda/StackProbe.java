package io.densetrain.device.cuda;

import java.util.List;

/**
 * What {@code native-check} lists for each NVIDIA library: the driver ({@code libcuda.so.1}), cuBLAS 12
 * (JCublas2) and 13 (FFM), cuRAND 10. Each binding is probed on its own, so every library is searched
 * for, and loaded when found, even when an earlier one is missing (none of the cuBLAS and cuRAND
 * bindings needs the driver to load). Every probe runs once per process ({@link Probe}).
 */
public final class StackProbe {
    /** How a library came out: usable, usable but not needed, missing but optional, or a failure. */
    public enum Status { OK, UNUSED, MISSING, FAIL }

    /**
     * One library.
     *
     * @param soname   e.g. {@code libcublas.so.13}
     * @param role     what needs it, e.g. "cuBLAS 13 (FFM binding)"
     * @param search   the candidates found along the search path and the one loaded by path
     * @param mapped   the file the process has mapped under that name (/proc/self/maps), or null: shows
     *                 what the system loader chose when the search found nothing
     * @param status   the verdict
     * @param detail   the binding's one-line reason when it is not usable, else null
     */
    public record Library(String soname, String role, LibrarySearch search, String mapped, Status status, String detail) {
    }

    private StackProbe() {
    }

    /** Probes the driver, both cuBLAS bindings and cuRAND, independently. */
    public static List<Library> libraries() {
        String driver = CudaDevice.unavailableReason();
        String jcublas = JCublasBinding.unavailableReason();
        String ffm = FfmBinding.unavailableReason();
        String curand = CurandUniforms.unavailableReason();
        boolean anyBlas = jcublas == null || ffm == null;
        LibrarySearch cuda = NativeLibraries.search("libcuda.so.1");
        String cudaMapped = mapped("libcuda.so");
        // The driver library itself is fine when it is mapped, even if something later (cuInit, the PTX) failed.
        Library libcuda = new Library("libcuda.so.1", "the NVIDIA driver (JCuda driver API)", cuda, cudaMapped,
                cudaMapped != null ? Status.OK : Status.FAIL, driver);
        Library blas12 = new Library("libcublas.so.12", "cuBLAS 12 (JCublas2 binding)", NativeLibraries.search("libcublas.so.12"),
                mapped("libcublas.so.12"), jcublas == null ? Status.OK : anyBlas ? Status.UNUSED : Status.FAIL, jcublas);
        Library blas13 = new Library("libcublas.so.13", "cuBLAS 13 (FFM binding, Java 22+)", NativeLibraries.search("libcublas.so.13"),
                mapped("libcublas.so.13"), jcublas == null ? (ffm == null ? Status.OK : Status.UNUSED) : ffm == null ? Status.OK : Status.FAIL,
                ffm);
        LibrarySearch rand = NativeLibraries.search("libcurand.so.10");
        Status randStatus = curand == null ? Status.OK : rand.candidates().isEmpty() ? Status.MISSING : Status.FAIL;
        Library curandLib = new Library("libcurand.so.10", "cuRAND 10 (dropout uniforms; else the in-kernel Philox)", rand,
                mapped("libcurand.so.10"), randStatus, curand);
        return List.of(libcuda, blas12, blas13, curandLib);
    }

    /** True when a libcurand.so.10 file is on the search path (so the Philox fallback would be a failure). */
    public static boolean curandPresent() {
        return !NativeLibraries.search("libcurand.so.10").candidates().isEmpty();
    }

    private static String mapped(String prefix) {
        return NativeLibraries.loadedFrom(prefix).orElse(null);
    }


}
