package io.densetrain.device.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DeviceOutOfMemoryException;
import io.densetrain.device.Matrix;
import io.densetrain.device.ShapeChecks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jcuda.Pointer;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream_flags;

/**
 * The float32 GPU device. Every matrix is resident in device memory ({@link CudaMatrix}); host data
 * crosses the bus only in {@link #upload}, {@link #download}, the column indices of
 * {@link #gatherColumns}, and the 8-byte results of the scalar reductions ({@link #crossEntropySum},
 * {@link #countCorrect}, {@link #sumOfSquares}). Everything runs on one stream and is launched
 * asynchronously; only downloads and reductions wait. Matrix products go to cuBLAS
 * ({@link CublasBinding}), everything elementwise to the project's PTX kernels ({@link Kernel}, one
 * twin of each {@link io.densetrain.device.cpu.CpuDevice} method), dropout uniforms to cuRAND or the
 * in-kernel Philox, which produce the same stream. {@link #close} frees every allocation.
 */
public final class CudaDevice implements Device {
    /** Where dropout uniforms come from. */
    public enum Rng {
        /** cuRAND when libcurand.so.10 loads, else the in-kernel Philox (said once). */
        AUTO,
        /** cuRAND or fail. */
        CURAND,
        /** The in-kernel Philox4x32-10 ({@code kernels/philox.cuh}). */
        PHILOX
    }

    /** TF32 tensor-core math for SGEMM (opt-in), and the dropout uniform source. */
    public record Options(boolean tf32, Rng rng) {
        public static Options defaults() {
            return new Options(false, Rng.AUTO);
        }
    }

    private final CudaPlatform platform;
    private final Kernels kernels;
    private final Launches.Launcher launcher;
    private final RawStream stream;
    private final CublasBinding blas;
    private final CurandUniforms curand;
    private final String rngFallback;
    private final Consumer<String> notes;
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    private final DeviceBuffer partials;
    private final DeviceBuffer scalar;
    /** Pinned host memory through which every host transfer goes (Java arrays never meet an async copy). */
    private Pointer staging;
    private ByteBuffer stagingBuffer;
    static final int STAGING_BYTES = 16 << 20;
    private DeviceBuffer uniforms;
    private DeviceBuffer columnIndices;
    private boolean rngFallbackSaid;
    private boolean closed;

    private CudaDevice(CudaPlatform platform, Options options, Consumer<String> notes) {
        this.platform = platform;
        this.kernels = platform.kernels();
        this.notes = notes;
        platform.makeCurrent();
        stream = new RawStream();
        launcher = (kernel, grid, args) -> kernels.launch(stream, kernel, grid, args);
        CudaPlatform.check(cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
        CublasBinding b = null;
        CurandUniforms r = null;
        try {
            b = CublasBinding.open(stream, options.tf32());
            String curandReason = options.rng() == Rng.PHILOX ? "the in-kernel Philox was requested" : CurandUniforms.unavailableReason();
            if (curandReason == null) {
                r = CurandUniforms.create(stream);
            } else if (options.rng() == Rng.CURAND) {
                throw new CudaUnavailableException("cuRAND requested but " + curandReason
                        + ": install cuRAND (pip install nvidia-curand-cu12, or the CUDA toolkit)");
            }
            rngFallback = curandReason == null || options.rng() == Rng.PHILOX ? null
                    : "cuda: " + curandReason + "; dropout masks come from the in-kernel Philox kernel (the same stream,"
                    + " identical masks); install cuRAND 10 to use it instead";
            partials = allocateBuffer(Kernel.MAX_GRID, 8);
            scalar = allocateBuffer(1, 8);
        } catch (RuntimeException e) {
            releaseOnFailure(b, r);
            throw e;
        }
        blas = b;
        curand = r;
    }

    private void releaseOnFailure(CublasBinding b, CurandUniforms r) {
        if (r != null) r.close();
        if (b != null) b.close();
        freeAll();
        cuStreamDestroy(stream);
    }

    /**
     * Opens the CUDA device on GPU 0, or throws a {@link CudaUnavailableException} whose one-line
     * message names what is missing and the fix. Notes (the cuRAND fallback) go to {@code notes}, once.
     */
    public static CudaDevice open(Options options, Consumer<String> notes) {
        return new CudaDevice(CudaPlatform.get(), options, notes);
    }

    public static CudaDevice open(Options options) {
        return open(options, System.err::println);
    }

    /** Why the CUDA device cannot be opened here, or null when the driver, a GPU and the kernels are usable. */
    public static String unavailableReason() {
        try {
            CudaPlatform.get();
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }

    // ---- what native-check reports ----

    /** "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 79.1 GiB), driver CUDA 12.4". */
    public String gpu() {
        return platform.describe();
    }

    public String blasBinding() {
        return blas.describe();
    }

    /** "cuRAND 10300 (/path)" or the in-kernel Philox with the reason. */
    public String dropoutSource() {
        return curand != null ? CurandUniforms.source() + ", Philox4x32-10, legacy ordering"
                : "in-kernel Philox4x32-10 (kernels/philox.cuh)" + (rngFallback == null ? "" : "; " + rngFallback);
    }

    /** The loaded PTX modules. */
    public List<String> kernelModules() {
        List<String> out = new ArrayList<>();
        kernels.loadedModules().forEach(out::add);
        return out;
    }

    /** {free, total} device memory in bytes. */
    public long[] memoryInfo() {
        platform.makeCurrent();
        long[] free = new long[1], total = new long[1];
        CudaPlatform.check(cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }

    // ---- Device ----

    @Override
    public String describe() {
        return "cuda (float32, " + platform.describe() + ", " + blas.describe() + ", dropout: "
                + (curand != null ? "cuRAND" : "in-kernel Philox") + ")";
    }

    @Override
    public String kind() {
        return "cuda";
    }

    @Override
    public double epsilon() {
        return Math.ulp(1.0f);
    }

    private CudaMatrix cuda(Matrix m) {
        if (m instanceof CudaMatrix c && c.owner == this) {
            return c;
        }
        throw new IllegalArgumentException("matrix " + m + " does not belong to this CUDA device");
    }

    private void enter() {
        if (closed) {
            throw new IllegalStateException("CUDA device used after close()");
        }
        platform.makeCurrent();
    }


    /** float32. */
    @Override
    public int elementBytes() {
        return 4;
    }

    /** The driver's free device memory ({@code cuMemGetInfo}). */
    @Override
    public long freeBytes() {
        enter();
        return memoryInfo()[0];
    }

    private DeviceBuffer allocateBuffer(long elements, int elementBytes) {
        long bytes = Math.max(1, elements) * elementBytes;
        DevicePointer p = new DevicePointer();
        int rc = cuMemAlloc(p, bytes);
        if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            long[] free = new long[1], total = new long[1];
            cuMemGetInfo(free, total);
            throw new DeviceOutOfMemoryException("GPU", bytes, free[0], total[0]);
        }
        CudaPlatform.check(rc, "cuMemAlloc(" + bytes + " bytes)");
        DeviceBuffer b = new DeviceBuffer(p, Math.max(1, elements), elementBytes);
        buffers.add(b);
        CudaPlatform.check(cuMemsetD32Async(p, 0, bytes / 4, stream), "cuMemsetD32Async");
        return b;
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        enter();
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        return new CudaMatrix(this, allocateBuffer((long) rows * cols, 4), 0, rows, cols);
    }

    @Override
    public Matrix view(Matrix base, long offset, int rows, int cols) {
        CudaMatrix b = cuda(base);
        if (offset < 0 || b.offset + offset + (long) rows * cols > b.buffer.elements) {
            throw new IllegalArgumentException("view " + rows + "x" + cols + " at " + offset + " outside " + base);
        }
        return new CudaMatrix(this, b.buffer, b.offset + offset, rows, cols);
    }

    /**
     * The pinned staging buffer, once the stream has finished with it (every copy through it is on the
     * stream, so waiting for the stream makes it free to overwrite).
     */
    private ByteBuffer staging() {
        if (staging == null) {
            staging = new Pointer();
            CudaPlatform.check(cuMemAllocHost(staging, STAGING_BYTES), "cuMemAllocHost");
            stagingBuffer = staging.getByteBuffer(0, STAGING_BYTES).order(java.nio.ByteOrder.nativeOrder());
        }
        CudaPlatform.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
        stagingBuffer.clear();
        return stagingBuffer;
    }

    /** Converts to float32 and copies in 16 MiB chunks through pinned memory, asynchronously on the stream. */
    @Override
    public void upload(double[] src, Matrix dst) {
        enter();
        CudaMatrix d = cuda(dst);
        ShapeChecks.upload(src, dst);
        int chunk = STAGING_BYTES / 4;
        for (int start = 0; start < src.length; start += chunk) {
            int len = Math.min(chunk, src.length - start);
            java.nio.FloatBuffer f = staging().asFloatBuffer();
            for (int i = 0; i < len; i++) f.put(i, (float) src[start + i]);
            CudaPlatform.check(cuMemcpyHtoDAsync(d.buffer.at(d.offset + start), staging, 4L * len, stream), "cuMemcpyHtoDAsync");
        }
    }

    @Override
    public double[] download(Matrix src) {
        enter();
        CudaMatrix s = cuda(src);
        double[] out = new double[Math.toIntExact(s.size())];
        int chunk = STAGING_BYTES / 4;
        for (int start = 0; start < out.length; start += chunk) {
            int len = Math.min(chunk, out.length - start);
            staging();
            CudaPlatform.check(cuMemcpyDtoHAsync(staging, s.buffer.at(s.offset + start), 4L * len, stream), "cuMemcpyDtoHAsync");
            java.nio.FloatBuffer f = staging().asFloatBuffer();
            for (int i = 0; i < len; i++) out[start + i] = f.get(i);
        }
        return out;
    }

    @Override
    public void copy(Matrix src, Matrix dst) {
        enter();
        ShapeChecks.same(src, dst);
        CudaMatrix s = cuda(src), d = cuda(dst);
        if (s.size() > 0) {
            CudaPlatform.check(cuMemcpyDtoDAsync(d.pointer(), s.pointer(), 4L * s.size(), stream), "cuMemcpyDtoDAsync");
        }
    }

    @Override
    public void gatherColumns(Matrix src, int[] columns, Matrix dst) {
        enter();
        CudaMatrix s = cuda(src), d = cuda(dst);
        ShapeChecks.gather(src, columns, dst);
        if (columns.length == 0 || s.rows() == 0) return;
        if (4L * columns.length > STAGING_BYTES) {
            throw new IllegalArgumentException("gather of " + columns.length + " columns: at most " + STAGING_BYTES / 4 + " per call");
        }
        if (columnIndices == null || columnIndices.elements < columns.length) {
            columnIndices = allocateBuffer(columns.length, 4);
        }
        staging().asIntBuffer().put(columns);
        CudaPlatform.check(cuMemcpyHtoDAsync(columnIndices.at(0), staging, 4L * columns.length, stream), "cuMemcpyHtoDAsync");
        Launches.gatherColumns(launcher, s, columnIndices, s.rows(), columns.length, d);
    }

    @Override
    public void fill(Matrix m, double value) {
        enter();
        CudaMatrix x = cuda(m);
        if (x.size() > 0) {
            CudaPlatform.check(cuMemsetD32Async(x.pointer(), Float.floatToRawIntBits((float) value), x.size(), stream),
                    "cuMemsetD32Async");
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        enter();
        ShapeChecks.gemm(transA, transB, a, b, c);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        if (m == 0 || n == 0) return;
        blas.sgemm(transA, transB, m, n, k, (float) alpha, cuda(a), cuda(b), (float) beta, cuda(c));
    }

    @Override
    public void biasActivationForward(Matrix z, Matrix bias, Matrix a, Activation g) {
        enter();
        ShapeChecks.biasActivation(z, bias, a);
        CudaMatrix zc = cuda(z), bc = cuda(bias), ac = cuda(a);
        Launches.biasActivationForward(launcher, zc, bc, ac, z.rows(), z.cols(), g);
    }

    @Override
    public void activationBackward(Matrix dA, Matrix z, Matrix dZ, Activation g) {
        enter();
        ShapeChecks.same(dA, z, dZ);
        if (g.isOutput()) {
            throw new IllegalArgumentException(g + " is an output activation; its gradient is outputGradient");
        }
        Launches.activationBackward(launcher, cuda(dA), cuda(z), cuda(dZ), dA.size(), g);
    }

    @Override
    public void dropoutForward(Matrix a, Matrix mask, double keepProb, long seed, long streamOffset) {
        enter();
        ShapeChecks.same(a, mask);
        long n = a.size();
        if (n == 0) return;
        if (curand != null) {
            long count = CurandUniforms.alignedCount(streamOffset, n);
            if (uniforms == null || uniforms.elements < count) {
                uniforms = allocateBuffer(count, 4);
            }
            curand.generate(seed, streamOffset, uniforms, n);
            Launches.dropoutApply(launcher, cuda(a), cuda(mask), uniforms, n, keepProb);
            return;
        }
        if (rngFallback != null && !rngFallbackSaid) {
            rngFallbackSaid = true;
            notes.accept(rngFallback);
        }
        Launches.dropoutForwardPhilox(launcher, cuda(a), cuda(mask), n, keepProb, seed, streamOffset);
    }

    @Override
    public void dropoutBackward(Matrix dA, Matrix mask, double keepProb) {
        enter();
        ShapeChecks.same(dA, mask);
        Launches.dropoutBackward(launcher, cuda(dA), cuda(mask), dA.size(), keepProb);
    }

    @Override
    public void outputGradient(Matrix a, Matrix y, double scale, Matrix dZ) {
        enter();
        ShapeChecks.same(a, y, dZ);
        Launches.outputGradient(launcher, cuda(a), cuda(y), scale, cuda(dZ), a.size());
    }

    /** Waits for the stream and reads back the double a reduction left in {@code scalar}. */
    private double readScalar() {
        staging();
        CudaPlatform.check(cuMemcpyDtoHAsync(staging, scalar.at(0), 8, stream), "cuMemcpyDtoHAsync");
        return staging().getDouble(0);
    }

    @Override
    public double crossEntropySum(Matrix z, Matrix y, Activation output) {
        enter();
        ShapeChecks.same(z, y);
        if (z.size() == 0) return 0;
        Launches.crossEntropySum(launcher, cuda(z), cuda(y), z.rows(), z.cols(), output, partials, scalar);
        return readScalar();
    }

    @Override
    public long countCorrect(Matrix a, Matrix y, Activation output) {
        enter();
        ShapeChecks.same(a, y);
        if (a.size() == 0) return 0;
        Launches.countCorrect(launcher, cuda(a), cuda(y), a.rows(), a.cols(), output, partials, scalar);
        return Math.round(readScalar());
    }

    @Override
    public void rowSums(Matrix dZ, double alpha, Matrix db) {
        enter();
        ShapeChecks.rowSums(dZ, db);
        Launches.rowSums(launcher, cuda(dZ), alpha, cuda(db), dZ.rows(), dZ.cols());
    }

    @Override
    public void l2Gradient(Matrix dW, Matrix w, double c) {
        enter();
        ShapeChecks.same(dW, w);
        Launches.l2Gradient(launcher, cuda(dW), cuda(w), c, dW.size());
    }

    @Override
    public double sumOfSquares(Matrix m) {
        enter();
        if (m.size() == 0) return 0;
        Launches.sumOfSquares(launcher, cuda(m), m.size(), partials, scalar);
        return readScalar();
    }

    @Override
    public void sgdUpdate(Matrix theta, Matrix grad, double lr) {
        enter();
        ShapeChecks.same(theta, grad);
        Launches.sgdUpdate(launcher, cuda(theta), cuda(grad), lr, theta.size());
    }

    @Override
    public void momentumUpdate(Matrix theta, Matrix grad, Matrix velocity, double beta, double lr) {
        enter();
        ShapeChecks.same(theta, grad, velocity);
        Launches.momentumUpdate(launcher, cuda(theta), cuda(grad), cuda(velocity), beta, lr, theta.size());
    }

    @Override
    public void adamUpdate(Matrix theta, Matrix grad, Matrix m, Matrix v, double beta1, double beta2, double eps, double lr, long t) {
        enter();
        ShapeChecks.same(theta, grad, m, v);
        Launches.adamUpdate(launcher, cuda(theta), cuda(grad), cuda(m), cuda(v), beta1, beta2, eps, lr, t, theta.size());
    }

    @Override
    public void rmspropUpdate(Matrix theta, Matrix grad, Matrix s, double beta, double eps, double lr) {
        enter();
        ShapeChecks.same(theta, grad, s);
        Launches.rmspropUpdate(launcher, cuda(theta), cuda(grad), cuda(s), beta, eps, lr, theta.size());
    }

    @Override
    public void synchronize() {
        enter();
        CudaPlatform.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    private void freeAll() {
        freeAll(new ArrayList<>());
    }

    /** Frees every allocation, adding a line to {@code failures} for each cuMemFree that fails. */
    private void freeAll(List<String> failures) {
        for (DeviceBuffer b : buffers) {
            if (!b.isFreed()) {
                int rc = cuMemFree(b.pointer);
                if (rc != CUresult.CUDA_SUCCESS) failures.add("cuMemFree: " + CUresult.stringFor(rc));
                b.markFreed();
            }
        }
        buffers.clear();
    }

    /** Waits for the stream, then frees every allocation, the cuBLAS handle, the cuRAND generator and the stream. */
    @Override
    public void close() {
        if (closed) return;
        platform.makeCurrent();
        closed = true;
        // Every return code is checked; everything is released even after a failure, then the first is thrown.
        List<String> failures = new ArrayList<>();
        int rc = cuStreamSynchronize(stream);
        if (rc != CUresult.CUDA_SUCCESS) failures.add("cuStreamSynchronize (an earlier asynchronous launch failed): " + CUresult.stringFor(rc));
        try {
            if (curand != null) curand.close();
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
        try {
            blas.close();
        } catch (RuntimeException e) {
            failures.add(e.getMessage());
        }
        freeAll(failures);
        if (staging != null) {
            rc = cuMemFreeHost(staging);
            if (rc != CUresult.CUDA_SUCCESS) failures.add("cuMemFreeHost: " + CUresult.stringFor(rc));
            staging = null;
        }
        rc = cuStreamDestroy(stream);
        if (rc != CUresult.CUDA_SUCCESS) failures.add("cuStreamDestroy: " + CUresult.stringFor(rc));
        if (!failures.isEmpty()) {
            throw new CudaPlatform.CudaFailure("closing the CUDA device: " + String.join("; ", failures), rc);
        }
    }
}
