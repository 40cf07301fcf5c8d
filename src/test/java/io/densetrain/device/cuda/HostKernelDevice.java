package io.densetrain.device.cuda;

import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.DropoutStream;
import io.densetrain.device.Matrix;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A float32 {@link Device} whose elementwise work is done by the project's CUDA kernels compiled for
 * the host ({@code kernels/host/}): each launch goes through {@link Launches} exactly as
 * {@link CudaDevice} makes it (same kernel, grid, argument order and types, checked against
 * {@link Kernel}), and is run thread by thread by {@code host_driver}. Only memory, copies, fills and
 * the GEMM (a float32 loop standing in for cuBLAS) are Java. With {@code curand}, dropout uniforms come
 * from {@link DropoutStream} (what cuRAND's generator produces, CurandHostTest) through
 * {@code dropout_apply}; otherwise from the in-kernel Philox.
 */
final class HostKernelDevice implements Device {
    static final class HostMatrix extends Matrix {
        final float[] data;
        final int offset;

        HostMatrix(float[] data, int offset, int rows, int cols) {
            super(rows, cols);
            this.data = data;
            this.offset = offset;
        }
    }

    /** A double buffer (the reduction partials and result). */
    record Doubles(double[] data) {
    }

    /** An int buffer (gathered column indices). */
    record Ints(int[] data) {
    }

    private final Process driver;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final boolean curand;
    private final Doubles partials = new Doubles(new double[Kernel.MAX_GRID]);
    private final Doubles scalar = new Doubles(new double[1]);
    final List<String> launched = new ArrayList<>();

    private static Path compiled;
    private static boolean tried;

    /**
     * {@code kernels/host/host_driver.cpp} compiled with g++ (no FMA contraction, as the kernels' float32
     * formulas are written), once per test JVM and shared by the test classes; null when g++ is absent.
     */
    static synchronized Path driverBinary() throws IOException, InterruptedException {
        if (tried) return compiled;
        tried = true;
        Path out = java.nio.file.Files.createTempDirectory("host-driver").resolve("host_driver");
        out.getParent().toFile().deleteOnExit();
        Process p;
        try {
            p = new ProcessBuilder("g++", "-O1", "-ffp-contract=off", "-std=c++14", "-o", out.toString(), "kernels/host/host_driver.cpp")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("kernels/host/host_driver.cpp did not compile:\n" + log);
        out.toFile().deleteOnExit();
        return compiled = out;
    }

    HostKernelDevice(Path driverBinary, boolean curand) {
        try {
            driver = new ProcessBuilder(driverBinary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in = new BufferedWriter(new OutputStreamWriter(driver.getOutputStream(), StandardCharsets.US_ASCII), 1 << 16);
        out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.US_ASCII), 1 << 16);
        this.curand = curand;
    }

    private final Launches.Launcher launcher = this::launch;

    private void launch(Kernel k, int grid, Object... args) {
        if (args.length != k.params.size()) {
            throw new IllegalArgumentException(k.entry + " takes " + k.params.size() + " arguments, got " + args.length);
        }
        launched.add(k.entry);
        try {
            StringBuilder req = new StringBuilder();
            req.append(k.entry).append(' ').append(grid).append(' ').append(Kernel.BLOCK).append(' ')
                    .append(args.length).append('\n');
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                Kernel.Param p = k.params.get(i);
                if (p == Kernel.Param.PTR && a instanceof HostMatrix m) {
                    req.append("f ").append(m.size());
                    for (int j = 0; j < m.size(); j++) req.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(m.data[m.offset + j])));
                } else if (p == Kernel.Param.PTR && a instanceof Doubles d) {
                    req.append("d ").append(d.data.length);
                    for (double v : d.data) req.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
                } else if (p == Kernel.Param.PTR && a instanceof Ints n) {
                    req.append("f ").append(n.data.length);
                    for (int v : n.data) req.append(' ').append(Integer.toHexString(v));
                } else if (p == Kernel.Param.I32 && a instanceof Integer v) {
                    req.append("i ").append(v);
                } else if (p == Kernel.Param.I64 && a instanceof Long v) {
                    req.append("l ").append(v);
                } else if (p == Kernel.Param.F32 && a instanceof Float v) {
                    req.append("x ").append(Integer.toHexString(Float.floatToRawIntBits(v)));
                } else {
                    throw new IllegalArgumentException(k.entry + " parameter " + i + " is " + p + ", got " + a);
                }
                req.append('\n');
            }
            in.write(req.toString());
            in.flush();
            for (Object a : args) {
                if (a instanceof HostMatrix || a instanceof Doubles || a instanceof Ints) {
                    String[] w = out.readLine().trim().split(" ");
                    if (a instanceof HostMatrix m) {
                        for (int j = 0; j < m.size(); j++) m.data[m.offset + j] = Float.intBitsToFloat(Integer.parseUnsignedInt(w[j + 1], 16));
                    } else if (a instanceof Doubles d) {
                        for (int j = 0; j < d.data.length; j++) d.data[j] = Double.longBitsToDouble(Long.parseUnsignedLong(w[j + 1], 16));
                    }
                }
            }
            String ok = out.readLine();
            if (!"ok".equals(ok)) throw new IllegalStateException("host driver: " + ok);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HostMatrix h(Matrix m) {
        return (HostMatrix) m;
    }

    @Override
    public String describe() {
        return "cuda kernels emulated on the host (float32)";
    }

    @Override
    public String kind() {
        return "cuda-host";
    }

    @Override
    public double epsilon() {
        return Math.ulp(1.0f);
    }

    @Override
    public Matrix allocate(int rows, int cols) {
        return new HostMatrix(new float[Math.max(1, rows * cols)], 0, rows, cols);
    }

    @Override
    public Matrix view(Matrix base, long offset, int rows, int cols) {
        return new HostMatrix(h(base).data, h(base).offset + (int) offset, rows, cols);
    }

    @Override
    public void upload(double[] src, Matrix dst) {
        for (int i = 0; i < src.length; i++) h(dst).data[h(dst).offset + i] = (float) src[i];
    }

    @Override
    public double[] download(Matrix src) {
        double[] o = new double[(int) src.size()];
        for (int i = 0; i < o.length; i++) o[i] = h(src).data[h(src).offset + i];
        return o;
    }

    @Override
    public void copy(Matrix src, Matrix dst) {
        System.arraycopy(h(src).data, h(src).offset, h(dst).data, h(dst).offset, (int) src.size());
    }

    @Override
    public void gatherColumns(Matrix src, int[] columns, Matrix dst) {
        Launches.gatherColumns(launcher, h(src), new Ints(columns), src.rows(), columns.length, h(dst));
    }

    @Override
    public void fill(Matrix m, double value) {
        java.util.Arrays.fill(h(m).data, h(m).offset, h(m).offset + (int) m.size(), (float) value);
    }

    /** cuBLAS stand-in: float32 products accumulated in float. */
    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int m = c.rows(), n = c.cols(), k = transA ? a.rows() : a.cols();
        HostMatrix A = h(a), B = h(b), C = h(c);
        float al = (float) alpha, be = (float) beta;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    float x = transA ? A.data[A.offset + p + i * a.rows()] : A.data[A.offset + i + p * a.rows()];
                    float y = transB ? B.data[B.offset + j + p * b.rows()] : B.data[B.offset + p + j * b.rows()];
                    s += x * y;
                }
                int ci = C.offset + i + j * m;
                C.data[ci] = al * s + (be == 0 ? 0 : be * C.data[ci]);
            }
        }
    }

    @Override
    public void biasActivationForward(Matrix z, Matrix bias, Matrix a, Activation g) {
        Launches.biasActivationForward(launcher, h(z), h(bias), h(a), z.rows(), z.cols(), g);
    }

    @Override
    public void activationBackward(Matrix dA, Matrix z, Matrix dZ, Activation g) {
        Launches.activationBackward(launcher, h(dA), h(z), h(dZ), dA.size(), g);
    }

    @Override
    public void dropoutForward(Matrix a, Matrix mask, double keepProb, long seed, long streamOffset) {
        long n = a.size();
        if (curand) {
            float[] u = new float[(int) CurandUniforms.alignedCount(streamOffset, n)];
            DropoutStream.uniforms(seed, streamOffset, u, (int) n);
            Launches.dropoutApply(launcher, h(a), h(mask), new HostMatrix(u, 0, u.length, 1), n, keepProb);
        } else {
            Launches.dropoutForwardPhilox(launcher, h(a), h(mask), n, keepProb, seed, streamOffset);
        }
    }

    @Override
    public void dropoutBackward(Matrix dA, Matrix mask, double keepProb) {
        Launches.dropoutBackward(launcher, h(dA), h(mask), dA.size(), keepProb);
    }

    @Override
    public void outputGradient(Matrix a, Matrix y, double scale, Matrix dZ) {
        Launches.outputGradient(launcher, h(a), h(y), scale, h(dZ), a.size());
    }

    @Override
    public double crossEntropySum(Matrix z, Matrix y, Activation output) {
        Launches.crossEntropySum(launcher, h(z), h(y), z.rows(), z.cols(), output, partials, scalar);
        return scalar.data[0];
    }

    @Override
    public long countCorrect(Matrix a, Matrix y, Activation output) {
        Launches.countCorrect(launcher, h(a), h(y), a.rows(), a.cols(), output, partials, scalar);
        return Math.round(scalar.data[0]);
    }

    @Override
    public void rowSums(Matrix dZ, double alpha, Matrix db) {
        Launches.rowSums(launcher, h(dZ), alpha, h(db), dZ.rows(), dZ.cols());
    }

    @Override
    public void l2Gradient(Matrix dW, Matrix w, double c) {
        Launches.l2Gradient(launcher, h(dW), h(w), c, dW.size());
    }

    @Override
    public double sumOfSquares(Matrix m) {
        Launches.sumOfSquares(launcher, h(m), m.size(), partials, scalar);
        return scalar.data[0];
    }

    @Override
    public void sgdUpdate(Matrix theta, Matrix grad, double lr) {
        Launches.sgdUpdate(launcher, h(theta), h(grad), lr, theta.size());
    }

    @Override
    public void momentumUpdate(Matrix theta, Matrix grad, Matrix velocity, double beta, double lr) {
        Launches.momentumUpdate(launcher, h(theta), h(grad), h(velocity), beta, lr, theta.size());
    }

    @Override
    public void adamUpdate(Matrix theta, Matrix grad, Matrix m, Matrix v, double beta1, double beta2, double eps, double lr, long t) {
        Launches.adamUpdate(launcher, h(theta), h(grad), h(m), h(v), beta1, beta2, eps, lr, t, theta.size());
    }

    @Override
    public void rmspropUpdate(Matrix theta, Matrix grad, Matrix s, double beta, double eps, double lr) {
        Launches.rmspropUpdate(launcher, h(theta), h(grad), h(s), beta, eps, lr, theta.size());
    }

    @Override
    public void synchronize() {
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // the driver is gone already
        }
        driver.destroy();
    }
}
