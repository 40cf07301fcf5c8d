package io.densetrain.device.cpu;

/** Run in a JVM without JavaCPP on the class path (Float32DeviceTest): opens the float32 device and multiplies. */
public final class Float32WithoutJavaCpp {
    private Float32WithoutJavaCpp() {
    }

    public static void main(String[] args) {
        Float32Device d = Float32Device.create(0);
        io.densetrain.device.Matrix a = d.allocate(2, 2), c = d.allocate(2, 2);
        d.upload(new double[] {1, 2, 3, 4}, a);
        d.gemm(false, false, 1, a, a, 0, c); // [[1,3],[2,4]]² = [[7,15],[10,22]]
        System.out.println(java.util.Arrays.toString(d.download(c)));
        System.out.println(d.fallbackReason());
        System.out.println(d.describe());
    }
}
