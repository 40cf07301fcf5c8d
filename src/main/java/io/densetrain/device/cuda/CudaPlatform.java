package io.densetrain.device.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The process-wide view of the GPU through the CUDA driver API: the driver binding is loaded once
 * (its first failure kept, because a failed static initializer leaves the class dead), device 0's
 * primary context is retained once and made current on every thread that calls CUDA (cuBLAS, cuRAND
 * and the driver API all share the primary context, native-check/STACK.md §5.2), and the PTX modules are
 * loaded once ({@link Kernels}). Only long-standing driver entry points are called (§3.3).
 */
final class CudaPlatform {
    /** The kernels' PTX is {@code .version 7.8}: drivers from CUDA 11.8 (r520) on can JIT it. */
    static final int MIN_DRIVER_VERSION = 11080;
    /** The PTX targets compute_75. */
    static final int MIN_COMPUTE_CAPABILITY = 75;

    private static Object probed;

    final CUdevice device;
    final CUcontext context;
    final int ordinal;
    final int driverVersion;
    final String name;
    final int computeMajor;
    final int computeMinor;
    final int multiprocessors;
    final long totalMemory;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    private Kernels kernels;

    private CudaPlatform(CUdevice device, CUcontext context, int ordinal, int driverVersion, String name, int major, int minor,
                         int multiprocessors, long totalMemory) {
        this.device = device;
        this.context = context;
        this.ordinal = ordinal;
        this.driverVersion = driverVersion;
        this.name = name;
        this.computeMajor = major;
        this.computeMinor = minor;
        this.multiprocessors = multiprocessors;
        this.totalMemory = totalMemory;
        current.set(true);
    }

    /** The platform, or a {@link CudaUnavailableException} whose one-line message says what is missing. */
    static synchronized CudaPlatform get() {
        if (probed == null) {
            probed = probe(CudaPlatform::open);
        }
        if (probed instanceof CudaUnavailableException e) {
            throw new CudaUnavailableException(e.getMessage(), e);
        }
        return (CudaPlatform) probed;
    }

    /**
     * Runs {@code open} and returns the platform or, for any failure during the open (a driver call such
     * as the context retain, a module load, a function lookup, an attribute query; a native library that
     * does not link), a {@link CudaUnavailableException} whose message is one line naming it: the reason
     * {@code --device auto} falls back on and native-check reports, kept for the process.
     */
    static Object probe(java.util.function.Supplier<CudaPlatform> open) {
        try {
            return open.get();
        } catch (CudaUnavailableException e) {
            return e;
        } catch (RuntimeException | LinkageError e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
            return new CudaUnavailableException("opening the CUDA device failed: " + m
                    + " (check nvidia-smi; DENSETRAIN_CUDA_SYNC=1 and native-check give details) or use --device cpu", e);
        }
    }

    private static CudaPlatform open() {
        try {
            NativeLibraries.find("libcuda.so.1"); // the driver where the search path has it (/usr/local/nvidia/lib64, …)
            NativeLibraries.withPrivateExtraction(() -> {
                JCudaDriver.setExceptionsEnabled(false);
                return null;
            }, "JCudaDriver");
        } catch (LinkageError e) {
            String line = NativeLibraries.essentialLine(e);
            if (line.contains("libcuda.so")) {
                throw new CudaUnavailableException("no NVIDIA driver (libcuda.so.1 not found): install the NVIDIA driver"
                        + " (≥ 525 for CUDA 12 libraries, ≥ 580 for CUDA 13) or use --device cpu");
            }
            String fix = line.contains("undefined symbol") && System.getenv("LD_BIND_NOW") != null
                    ? ": the launcher binds every symbol at load time (LD_BIND_NOW); DENSETRAIN_LAZY_BIND=1 binds lazily,"
                    + " which is enough when densetrain's calls are all there" : "";
            throw new CudaUnavailableException("JCuda's driver binding did not load (" + line + ")" + fix, e);
        } catch (RuntimeException e) {
            throw new CudaUnavailableException("JCuda's driver binding did not load (" + e + ")", e);
        }
        int rc = cuInit(0);
        if (rc == CUresult.CUDA_ERROR_NO_DEVICE) {
            throw new CudaUnavailableException("NVIDIA driver present but no GPU visible (cuInit: CUDA_ERROR_NO_DEVICE):"
                    + " check nvidia-smi and CUDA_VISIBLE_DEVICES");
        }
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new CudaUnavailableException("cuInit failed with " + CUresult.stringFor(rc)
                    + ": check nvidia-smi (the driver and its kernel module may not match)");
        }
        int[] version = new int[1];
        check(cuDriverGetVersion(version), "cuDriverGetVersion");
        if (version[0] < MIN_DRIVER_VERSION) {
            throw new CudaUnavailableException("the NVIDIA driver supports CUDA " + versionString(version[0])
                    + ", older than the 11.8 the kernels' PTX needs: upgrade the driver (r520 or newer)");
        }
        int[] count = new int[1];
        check(cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] == 0) {
            throw new CudaUnavailableException("NVIDIA driver present but no GPU visible (0 devices):"
                    + " check nvidia-smi and CUDA_VISIBLE_DEVICES");
        }
        int ordinal = 0;
        CUdevice device = new CUdevice();
        check(cuDeviceGet(device, ordinal), "cuDeviceGet");
        byte[] nameBytes = new byte[256];
        check(cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
        int end = 0;
        while (end < nameBytes.length && nameBytes[end] != 0) end++;
        String name = new String(nameBytes, 0, end, StandardCharsets.UTF_8);
        int major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        if (major * 10 + minor < MIN_COMPUTE_CAPABILITY) {
            throw new CudaUnavailableException("GPU " + name + " has compute capability " + major + "." + minor
                    + "; the kernels need 7.5 (Turing) or newer: use --device cpu");
        }
        int sms = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        long[] total = new long[1];
        check(cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
        CUcontext context = new CUcontext();
        check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
        CudaPlatform platform = new CudaPlatform(device, context, ordinal, version[0], name, major, minor, sms, total[0]);
        platform.kernels = Kernels.load(platform);
        return platform;
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] v = new int[1];
        check(cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute");
        return v[0];
    }

    /** "12.4" for 12040. */
    static String versionString(int v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /** Makes the primary context current on the calling thread (once per thread). */
    void makeCurrent() {
        if (!current.get()) {
            check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
            current.set(true);
        }
    }

    Kernels kernels() {
        return kernels;
    }

    /** "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 79.1 GiB), driver CUDA 12.4". */
    String describe() {
        return String.format("%s (sm_%d%d, %d SMs, %.1f GiB), driver CUDA %s", name, computeMajor, computeMinor, multiprocessors,
                totalMemory / 1073741824.0, versionString(driverVersion));
    }

    /** Throws a {@link CudaFailure} naming the call and the CUDA error when {@code rc} is not success. */
    static void check(int rc, String call) {
        if (rc != CUresult.CUDA_SUCCESS) {
            throw new CudaFailure(call + " failed: " + CUresult.stringFor(rc), rc);
        }
    }

    /** A CUDA call failed after the device was opened. */
    static final class CudaFailure extends RuntimeException {
        final int code;

        CudaFailure(String message, int code) {
            super(message);
            this.code = code;
        }
    }
}
