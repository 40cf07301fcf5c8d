package io.densetrain.peers;

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
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The course's small full-batch experiments in Deeplearning4j float64, as benchmarks/peers/course_numpy.py runs them:
 * circles (300 examples, [2,10,5,1], He, lr 0.01, 15000 iterations) and 2d-none / 2d-dropout (211 examples,
 * [2,20,3,1], the course's "xavier" √(1/fan_in) = DL4J's LECUN_NORMAL, lr 0.3, 30000 iterations, dropout keeping
 * 0.86 of the hidden units). One fit of the whole set per iteration, sigmoid output with cross-entropy (XENT). The
 * data are random points of the same shapes: the time does not depend on them. A tenth of the iterations run first,
 * untimed, to warm the JIT. Prints one JSON line {"suite": "course", "peer": "dl4j-float64", "case", "seconds"}.
 *
 * <p>Arguments: --case circles|2d-none|2d-dropout.
 */
public final class CourseDl4j {
    private CourseDl4j() {
    }

    public static void main(String[] args) {
        String kase = args.length == 2 && args[0].equals("--case") ? args[1] : "2d-none";
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        boolean circles = kase.equals("circles");
        int m = circles ? 300 : 211, iterations = circles ? 15000 : 30000;
        int[] hidden = circles ? new int[] {10, 5} : new int[] {20, 3};
        Random r = new Random(1);
        INDArray x = Nd4j.create(DataType.DOUBLE, m, 2), y = Nd4j.create(DataType.DOUBLE, m, 1);
        for (int j = 0; j < m; j++) {
            x.putScalar(j, 0, r.nextGaussian());
            x.putScalar(j, 1, r.nextGaussian());
            y.putScalar(j, 0, j % 2);
        }
        run(net(kase, hidden), x, y, iterations / 10);
        MultiLayerNetwork net = net(kase, hidden);
        long start = System.nanoTime();
        run(net, x, y, iterations);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "{\"suite\": \"course\", \"peer\": \"dl4j-float64\", \"version\": \"1.0.0-M2.1\", \"case\": \"%s\","
                + " \"seconds\": %.4f, \"final_score\": %.6f}%n", kase, seconds, net.score());
    }

    private static void run(MultiLayerNetwork net, INDArray x, INDArray y, int iterations) {
        for (int i = 0; i < iterations; i++) net.fit(x, y);
    }

    private static MultiLayerNetwork net(String kase, int[] hidden) {
        boolean circles = kase.equals("circles");
        double keep = kase.equals("2d-dropout") ? 0.86 : 1.0;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE)
                .updater(new Sgd(circles ? 0.01 : 0.3)).weightInit(circles ? WeightInit.RELU : WeightInit.LECUN_NORMAL)
                .biasInit(0).list();
        int in = 2;
        for (int h : hidden) {
            DenseLayer.Builder layer = new DenseLayer.Builder().nIn(in).nOut(h).activation(Activation.RELU);
            if (keep < 1) layer.dropOut(keep); // DL4J's dropOut(p) keeps each input with probability p (inverted dropout)
            list.layer(layer.build());
            in = h;
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(in).nOut(1).activation(Activation.SIGMOID).build());
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
