package io.densetrain.examples;

import io.densetrain.data.Synthetic2D;
import io.densetrain.data.TrainTest;
import io.densetrain.nn.Initialization;
import io.densetrain.run.Classifier;
import io.densetrain.run.History;

/** The course's regularization comparison ({@code densetrain experiment regularization}) through the Java API. */
public final class RegularizationComparison {
    public static void main(String[] args) {
        // Noisy moons: 211 train and 200 test examples, noise 0.2, seed 1 (the CLI's --data moons).
        TrainTest moons = Synthetic2D.generate(new Synthetic2D.Spec("moons", 211, 200, 0.2, 2, 2, 1));
        System.out.println("| model | train accuracy | test accuracy | final cost |\n|---|---|---|---|");
        row("none", course(), moons);
        row("L2 0.7", course().l2(0.7), moons);
        row("dropout 0.86", course().keepProb(0.86), moons);
    }

    /** [2, 20, 3, 1] ReLU, Xavier, gradient descent α = 0.3, 30000 full-batch iterations on raw inputs. */
    static Classifier.Builder course() {
        return Classifier.builder().hidden(20, 3).init(Initialization.XAVIER).gd(0.3).iterations(30000).costEvery(300)
                .normalize(false);
    }

    static void row(String name, Classifier.Builder settings, TrainTest data) {
        Classifier clf = settings.build();
        History h = clf.fit(data.train(), null);
        double train = clf.evaluate(Classifier.rows(data.train()), data.train().labels()).accuracy();
        double test = clf.evaluate(Classifier.rows(data.test()), data.test().labels()).accuracy();
        System.out.printf("| %s | %.4f | %.4f | %.4g |%n", name, train, test, h.finalCost());
    }
}
