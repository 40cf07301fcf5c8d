package io.densetrain.check;

import io.densetrain.device.Device;
import io.densetrain.device.Matrix;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Test double for a float32 device without a GPU: the float64 CPU device, with every matrix a
 * method writes rounded to float afterwards (float32 storage; arithmetic inside one operation stays
 * float64). Its errors are a lower bound of a real float32 device's, so the parity tolerances must
 * accept it with a wide margin. {@code bug} plants an error in one method for the negative test.
 */
final class Float32Rounding {
    /** Method name → indices of the matrix arguments it writes. */
    private static final Map<String, int[]> OUTPUTS = Map.ofEntries(
            Map.entry("upload", new int[] {1}), Map.entry("copy", new int[] {1}), Map.entry("gatherColumns", new int[] {2}),
            Map.entry("fill", new int[] {0}), Map.entry("gemm", new int[] {6}),
            Map.entry("biasActivationForward", new int[] {0, 2}), Map.entry("activationBackward", new int[] {2}),
            Map.entry("dropoutForward", new int[] {0, 1}), Map.entry("dropoutBackward", new int[] {0}),
            Map.entry("outputGradient", new int[] {3}), Map.entry("rowSums", new int[] {2}), Map.entry("l2Gradient", new int[] {0}),
            Map.entry("sgdUpdate", new int[] {0}), Map.entry("momentumUpdate", new int[] {0, 2}),
            Map.entry("adamUpdate", new int[] {0, 2, 3}), Map.entry("rmspropUpdate", new int[] {0, 2}));

    private Float32Rounding() {
    }

    static Device wrap(Device cpu, String bug) {
        return (Device) Proxy.newProxyInstance(Device.class.getClassLoader(), new Class<?>[] {Device.class}, (proxy, method, args) -> {
            if (method.getName().equals("epsilon")) {
                return (double) Math.ulp(1.0f);
            }
            Object result;
            try {
                result = method.invoke(cpu, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            int[] outputs = OUTPUTS.get(method.getName());
            if (outputs != null) {
                for (int i : outputs) {
                    Matrix m = (Matrix) args[i];
                    double[] v = cpu.download(m);
                    for (int k = 0; k < v.length; k++) {
                        v[k] = (float) v[k];
                        if (method.getName().equals(bug)) v[k] *= 1.001;
                    }
                    cpu.upload(v, m);
                }
            }
            if (result instanceof Double d && (method.getName().equals("crossEntropySum") || method.getName().equals("sumOfSquares"))) {
                return (double) (float) (double) d;
            }
            return result;
        });
    }
}
