package io.densetrain.peers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The MNIST-shaped mini-batch workload in Deeplearning4j, the usual way (MultiLayerNetwork of DenseLayers,
 * softmax OutputLayer with MCXENT, fit per mini-batch): [784,256,128,10], ReLU, He initialization
 * (WeightInit.RELU, N(0, 2/fan_in)) with zero biases, a fresh shuffle per epoch, the batch, epochs and learning
 * rates of the other peers (adam 0.001; gd: SGD 0.01; momentum: DL4J has Nesterov momentum only, Nesterovs(0.01,
 * 0.9), the same work per update as classical momentum). One untimed epoch warms the JIT first, as JMH's warm-up
 * does for densetrain. ND4J takes its threads from OMP_NUM_THREADS. Prints one JSON line:
 * {"suite": "minibatch", "peer": "dl4j-float32|64", ...}.
 *
 * <p>Arguments: --data FILE --optimizer adam|momentum|gd --batch B --epochs E --dtype float32|float64.
 */
public final class MiniBatchDl4j {
    private MiniBatchDl4j() {
    }

    public static void main(String[] args) throws IOException {
        String data = null, optimizer = "adam", dtype = "float32";
        int batch = 128, epochs = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = args[i + 1];
                case "--optimizer" -> optimizer = args[i + 1];
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--dtype" -> dtype = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        DataType type = dtype.equals("float64") ? DataType.DOUBLE : DataType.FLOAT;
        Nd4j.setDefaultDataTypes(type, type);
        // what ND4J loaded (its build's CPU features, BLAS, threads), for the record next to the time
        System.err.println("nd4j: " + Nd4j.getExecutioner().getEnvironmentInformation());
        Set set = Set.read(Path.of(data), type);
        train(set, optimizer, batch, 1, type, 0); // warm-up
        long start = System.nanoTime();
        MultiLayerNetwork net = train(set, optimizer, batch, epochs, type, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        INDArray predicted = net.output(set.xTest).argMax(1);
        int right = 0;
        for (int j = 0; j < set.yTest.length; j++) if (predicted.getInt(j) == set.yTest[j]) right++;
        System.out.printf(Locale.ROOT, "{\"suite\": \"minibatch\", \"peer\": \"dl4j-%s\", \"version\": \"1.0.0-M2.1\","
                        + " \"optimizer\": \"%s\", \"batch\": %d, \"seconds\": %.4f, \"test_accuracy\": %.4f}%n",
                dtype, optimizer, batch, seconds, (double) right / set.yTest.length);
    }

    private static MultiLayerNetwork train(Set set, String optimizer, int batch, int epochs, DataType type, long seed) {
        IUpdater updater = switch (optimizer) {
            case "adam" -> new Adam(0.001);
            case "momentum" -> new Nesterovs(0.01, 0.9);
            default -> new Sgd(0.01);
        };
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(type).updater(updater)
                .weightInit(WeightInit.RELU).biasInit(0).list()
                .layer(new DenseLayer.Builder().nIn(set.features).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(set.classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        int m = (int) set.x.rows();
        int[] order = new int[m];
        for (int j = 0; j < m; j++) order[j] = j;
        Random shuffle = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            for (int j = m - 1; j > 0; j--) {
                int k = shuffle.nextInt(j + 1), t = order[j];
                order[j] = order[k];
                order[k] = t;
            }
            for (int b = 0; b < m; b += batch) {
                int[] rows = java.util.Arrays.copyOfRange(order, b, Math.min(m, b + batch));
                net.fit(set.x.getRows(rows), set.y.getRows(rows));
            }
        }
        return net;
    }

    /** The file benchmarks/minibatch.sh writes (io.densetrain.bench.MnistShaped): int32 header, float64 X, int32 labels. */
    private record Set(INDArray x, INDArray y, INDArray xTest, int[] yTest, int features, int classes) {
        static Set read(Path file, DataType type) throws IOException {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int train = in.getInt(), test = in.getInt(), features = in.getInt(), classes = in.getInt();
            INDArray x = matrix(in, train, features, type);
            INDArray y = Nd4j.zeros(type, train, classes);
            for (int j = 0; j < train; j++) y.putScalar(j, in.getInt(), 1.0);
            INDArray xTest = matrix(in, test, features, type);
            int[] yTest = new int[test];
            for (int j = 0; j < test; j++) yTest[j] = in.getInt();
            return new Set(x, y, xTest, yTest, features, classes);
        }

        private static INDArray matrix(ByteBuffer in, int rows, int cols, DataType type) {
            double[] v = new double[rows * cols];
            in.asDoubleBuffer().get(v);
            in.position(in.position() + 8 * v.length);
            return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(type);
        }
    }
}
