package io.densetrain.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.densetrain.BadInputException;
import io.densetrain.device.Activation;
import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import io.densetrain.device.cpu.CpuDevice;
import io.densetrain.nn.Architecture;
import io.densetrain.nn.Initialization;
import io.densetrain.nn.Network;
import io.densetrain.nn.Regularization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Backprop against the numerical gradient, and planted bugs that the check must locate. */
class GradientCheckTest {
    private final Device device = CpuDevice.create(1);

    /** X (n_x, m) standard normal and labels, like the course's gradient_check_n test case. */
    private Matrix[] data(int nx, int m, int outputs, long seed) {
        Random r = new Random(seed);
        double[] x = new double[nx * m];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        double[] y = new double[outputs * m];
        for (int j = 0; j < m; j++) {
            if (outputs == 1) y[j] = r.nextInt(2);
            else y[r.nextInt(outputs) + j * outputs] = 1;
        }
        Matrix X = device.allocate(nx, m), Y = device.allocate(outputs, m);
        device.upload(x, X);
        device.upload(y, Y);
        return new Matrix[] {X, Y};
    }

    private static Regularization l2(double lambda, int depth) {
        return Regularization.of(lambda, null, depth);
    }

    @Test
    void courseNetworkWithL2IsCorrectInEveryBlock() {
        Architecture arch = new Architecture(4, 5, 3, 1);
        Network net = new Network(device, arch, l2(0.7, 3), 1);
        net.initialize(Initialization.RANDOM, 1.0, 3);
        Matrix[] xy = data(4, 3, 1, 1);
        GradientCheckReport report = GradientCheck.run(net, xy[0], xy[1], GradientCheck.Options.defaults(), 0);
        assertTrue(report.difference() <= 2e-7, "difference " + report.difference());
        for (GradientCheckReport.Block b : report.blocks()) {
            assertTrue(b.difference() <= 1e-6, b.name() + " difference " + b.difference());
        }
        assertEquals(6, report.blocks().size());
        assertTrue(report.passed());
    }

    @Test
    void softmaxTanhAndDeeperNetworksAreCorrect() {
        for (Activation hidden : new Activation[] {Activation.RELU, Activation.TANH, Activation.LINEAR}) {
            Architecture arch = new Architecture(new int[] {3, 6, 4, 5, 4}, hidden);
            Network net = new Network(device, arch, l2(0.3, 4), 1);
            net.initialize(Initialization.XAVIER, 1.0, 5);
            Matrix[] xy = data(3, 7, 4, 2);
            GradientCheckReport report = GradientCheck.run(net, xy[0], xy[1], GradientCheck.Options.defaults(), 0);
            assertTrue(report.difference() < 1e-6, hidden + " difference " + report.difference());
            assertEquals(Verdict.CORRECT.ordinal(), Math.min(report.verdict().ordinal(), 0));
        }
    }

    /**
     * A backprop with a bug in one block, planted in the device the network runs on (Network is final):
     * block 0 doubles dW2 as the gemm dZ[2]·A[1]ᵀ writes it (the course's planted "dW2 = 2·…" error; dW2
     * is the only 3x5 product with Bᵀ in a [4, 5, 3, 1] network), block 1 turns db1 (the 5-row row sum)
     * into 4·db1 + 0.1.
     */
    private static Device buggy(Device cpu, int block) {
        return (Device) Proxy.newProxyInstance(Device.class.getClassLoader(), new Class<?>[] {Device.class}, (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Matrix target = null;
            if (block == 0 && method.getName().equals("gemm") && !(boolean) args[0] && (boolean) args[1]) {
                Matrix c = (Matrix) args[6];
                if (c.rows() == 3 && c.cols() == 5) target = c;
            } else if (block == 1 && method.getName().equals("rowSums") && ((Matrix) args[2]).rows() == 5) {
                target = (Matrix) args[2];
            }
            if (target != null) {
                double[] v = cpu.download(target);
                for (int i = 0; i < v.length; i++) v[i] = block == 0 ? 2 * v[i] : v[i] * 4 + 0.1;
                cpu.upload(v, target);
            }
            return result;
        });
    }

    @Test
    void plantedBugIsFlaggedInThatBlockOnly() {
        Architecture arch = new Architecture(4, 5, 3, 1);
        Matrix[] xy = data(4, 3, 1, 1);
        for (int bug = 0; bug < 2; bug++) {
            String flagged = bug == 0 ? "W2" : "b1";
            Network net = new Network(buggy(device, bug), arch, l2(0.7, 3), 1);
            net.initialize(Initialization.RANDOM, 1.0, 3);
            GradientCheckReport report = GradientCheck.run(net, xy[0], xy[1], GradientCheck.Options.defaults(), 0);
            assertTrue(report.difference() > 1e-3, "overall " + report.difference());
            assertFalse(report.passed());
            for (GradientCheckReport.Block b : report.blocks()) {
                if (b.name().equals(flagged)) {
                    assertTrue(b.difference() > 1e-3, flagged + " should be flagged: " + b.difference());
                    assertEquals(Verdict.BUG, b.verdict());
                } else {
                    assertTrue(b.difference() < 1e-6, b.name() + " should pass: " + b.difference());
                }
            }
            assertTrue(report.worst().get(0).name().startsWith(flagged), report.worst().get(0).name());
        }
    }

    @Test
    void samplingChecksKCoordinatesPerBlock() {
        Architecture arch = new Architecture(10, 30, 20, 1);
        Network net = new Network(device, arch, l2(0.1, 3), 1);
        net.initialize(Initialization.HE, 1.0, 3);
        Matrix[] xy = data(10, 8, 1, 4);
        GradientCheckReport report = GradientCheck.run(net, xy[0], xy[1], new GradientCheck.Options(1e-7, 5, 9, 5), 0);
        for (GradientCheckReport.Block b : report.blocks()) {
            assertEquals(Math.min(5, b.size()), b.checked() + b.kinks());
        }
        assertTrue(report.difference() < 1e-6, "difference " + report.difference());
    }

    @Test
    void reluKinksAtZeroBiasAreSkippedNotReportedAsBugs() {
        // 2 inputs, 5 ReLU units, zero biases: some examples switch every unit of layer 1 off, so
        // Z2 = b2 = 0 exactly, on the kink, where the two-sided difference measures slope 1/2.
        Architecture arch = new Architecture(2, 5, 3, 1);
        Matrix[] xy = data(2, 32, 1, 12);
        Network net = new Network(device, arch, l2(0.7, 3), 1);
        net.initialize(Initialization.HE, 1.0, 1);
        GradientCheckReport report = GradientCheck.run(net, xy[0], xy[1], GradientCheck.Options.defaults(), 0);
        int kinks = report.blocks().stream().mapToInt(GradientCheckReport.Block::kinks).sum();
        assertTrue(kinks > 0, "this network and data put some Z exactly on the kink");
        assertTrue(report.passed(), "kinks are skipped, not bugs: " + report.blocks());
        assertTrue(report.difference() < 1e-6, "difference " + report.difference());
    }

    @Test
    void kinkTestComparesTheOneSidedSlopes() {
        double eps = 1e-7;
        assertTrue(GradientCheck.isKink(eps * 0.3, 0, 0.7));          // slope 0.3 on one side, 0 on the other
        assertFalse(GradientCheck.isKink(eps * 0.3, eps * 0.3 * (1 + 1e-6), 0.7)); // smooth: curvature only
        assertFalse(GradientCheck.isKink(1e-20, -1e-20, 0.7));          // both at the rounding floor
    }

    @Test
    void refusesDropout() {
        Architecture arch = new Architecture(4, 5, 3, 1);
        Network net = new Network(device, arch, Regularization.of(0, new double[] {0.8}, 3), 1);
        Matrix[] xy = data(4, 3, 1, 1);
        BadInputException e = assertThrows(BadInputException.class,
                () -> GradientCheck.run(net, xy[0], xy[1], GradientCheck.Options.defaults(), 0));
        assertTrue(e.getMessage().contains("keep_prob"), e.getMessage());
    }

    @Test
    void dropoutBackwardIsExactForAFixedMask() {
        // With the mask a pure function of (seed, layer, step), J at a fixed step is deterministic:
        // the two-sided difference of the training-mode cost checks the dropout backward pass.
        Architecture arch = new Architecture(4, 6, 5, 1);
        Network net = new Network(device, arch, Regularization.of(0.2, new double[] {0.7, 0.6, 0.8}, 3), 11);
        net.initialize(Initialization.HE, 1.0, 3);
        // Nonzero biases: with b = 0, a column whose units are all dropped gives Z = 0 exactly, on the
        // ReLU kink, where the two-sided difference measures slope 1/2 instead of backprop's 0.
        double[] theta0 = net.parameters();
        Random r = new Random(8);
        for (long i = net.layout().weightCount(); i < theta0.length; i++) theta0[(int) i] = 0.1 * r.nextGaussian();
        net.setParameters(theta0);
        Matrix[] xy = data(4, 9, 1, 6);
        long step = 5;
        net.forward(xy[0], true, step);
        net.backward(xy[1]);
        double[] analytic = net.gradientValues();
        double[] theta = net.parameters();
        double eps = 1e-7, diff = 0, na = 0, ng = 0;
        for (int i = 0; i < theta.length; i++) {
            double saved = theta[i];
            theta[i] = saved + eps;
            net.setParameters(theta);
            net.forward(xy[0], true, step);
            double plus = net.cost(xy[1]);
            theta[i] = saved - eps;
            net.setParameters(theta);
            net.forward(xy[0], true, step);
            double minus = net.cost(xy[1]);
            theta[i] = saved;
            double numerical = (plus - minus) / (2 * eps);
            diff += Math.pow(numerical - analytic[i], 2);
            na += numerical * numerical;
            ng += analytic[i] * analytic[i];
        }
        double difference = Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(ng));
        assertTrue(difference < 1e-6, "dropout backward difference " + difference);
    }
}
