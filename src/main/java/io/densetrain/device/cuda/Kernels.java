package io.densetrain.device.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadDataJIT;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JITOptions;

/**
 * The committed PTX modules, loaded once into the primary context with {@code cuModuleLoadDataEx}
 * (JIT error log captured, so a failed JIT is one readable line), and the launcher of every
 * {@link Kernel}: each argument is checked against the kernel's parameter list, device memory goes
 * in only as a {@link CudaMatrix} or {@link DeviceBuffer} (its address), scalars as int, long or
 * float.
 */
final class Kernels {
    private final Map<String, CUmodule> modules;
    private final EnumMap<Kernel, CUfunction> functions;

    private Kernels(Map<String, CUmodule> modules, EnumMap<Kernel, CUfunction> functions) {
        this.modules = modules;
        this.functions = functions;
    }

    /** Every module name, in {@link Kernel} order. */
    static String[] moduleNames() {
        return Arrays.stream(Kernel.values()).map(k -> k.module).distinct().toArray(String[]::new);
    }

    /** The NUL-terminated PTX text of a module. */
    static byte[] ptx(String module) {
        String resource = Kernel.resourceOf(module);
        try (InputStream in = Kernels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("PTX resource " + resource + " missing from the class path (rebuild with mvn package)");
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Kernels load(CudaPlatform platform) {
        Map<String, CUmodule> modules = new LinkedHashMap<>();
        for (String name : moduleNames()) {
            modules.put(name, loadModule(platform, name));
        }
        EnumMap<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);
        for (Kernel k : Kernel.values()) {
            CUfunction f = new CUfunction();
            CudaPlatform.check(cuModuleGetFunction(f, modules.get(k.module), k.entry), "cuModuleGetFunction(" + k.entry + ")");
            functions.put(k, f);
        }
        return new Kernels(modules, functions);
    }

    private static CUmodule loadModule(CudaPlatform platform, String name) {
        CUmodule module = new CUmodule();
        JITOptions jit = new JITOptions();
        int logSize = 8192;
        jit.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[logSize]);
        jit.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, logSize);
        int rc = cuModuleLoadDataJIT(module, Pointer.to(ptx(name)), jit);
        if (rc == CUresult.CUDA_SUCCESS) {
            return module;
        }
        String log = jit.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
        String detail = log == null || log.isBlank() ? "" : " (" + log.strip().lines().findFirst().orElse("") + ")";
        if (rc == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
            throw new CudaUnavailableException("the NVIDIA driver (CUDA " + CudaPlatform.versionString(platform.driverVersion)
                    + ") cannot JIT the kernels' PTX " + name + ".ptx (CUDA_ERROR_UNSUPPORTED_PTX_VERSION" + detail
                    + "): upgrade the driver, or rebuild the kernels with kernels/build.sh, which pins .version 7.8");
        }
        throw new CudaUnavailableException("loading kernel module " + name + ".ptx failed with " + CUresult.stringFor(rc) + detail
                + ": run native-check/native-check.sh and report its output");
    }

    /** Names of the loaded modules. */
    Iterable<String> loadedModules() {
        return modules.keySet();
    }

    /** Launches {@code kernel} on {@code stream} with {@code grid × BLOCK} threads. */
    void launch(CUstream stream, Kernel kernel, int grid, Object... args) {
        if (args.length != kernel.params.size()) {
            throw new IllegalArgumentException(kernel.entry + " takes " + kernel.params.size() + " arguments, got " + args.length);
        }
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = argument(kernel, i, args[i]);
        }
        CudaPlatform.check(cuLaunchKernel(functions.get(kernel), grid, 1, 1, Kernel.BLOCK, 1, 1, 0, stream,
                Pointer.to(params), null), "cuLaunchKernel(" + kernel.entry + ")");
        if (SYNC) {
            CudaPlatform.check(cuStreamSynchronize(stream), "kernel " + kernel.entry + " (DENSETRAIN_CUDA_SYNC=1 synchronizes after each launch)");
        }
    }

    /**
     * {@code DENSETRAIN_CUDA_SYNC=1}: wait for every launch, so an asynchronous fault (an illegal address)
     * is reported with the kernel that caused it instead of at a later, unrelated call. Slow; for diagnosis.
     */
    static final boolean SYNC = "1".equals(System.getenv("DENSETRAIN_CUDA_SYNC"));

    private static Pointer argument(Kernel kernel, int index, Object arg) {
        Kernel.Param p = kernel.params.get(index);
        switch (p) {
            case PTR:
                if (arg instanceof CudaMatrix m) return Pointer.to(new long[] {m.address()});
                if (arg instanceof DeviceBuffer b) return Pointer.to(new long[] {b.address(0)});
                break;
            case I32:
                if (arg instanceof Integer v) return Pointer.to(new int[] {v});
                break;
            case I64:
                if (arg instanceof Long v) return Pointer.to(new long[] {v});
                break;
            case F32:
                if (arg instanceof Float v) return Pointer.to(new float[] {v});
                break;
            default:
                break;
        }
        throw new IllegalArgumentException(kernel.entry + " parameter " + index + " is " + p + ", got "
                + (arg == null ? "null" : arg.getClass().getSimpleName()));
    }
}
