"""The MNIST-shaped mini-batch workload in scikit-learn's MLPClassifier (float64): hidden (256, 128),
ReLU, softmax output, the same batch, epochs and learning rate as densetrain (MiniBatchRun), no L2
(alpha=0), no early stop (tol=0, n_iter_no_change larger than the epochs). Optimizers: adam (lr 0.001);
momentum = solver sgd, momentum 0.9 without Nesterov, lr 0.01 (densetrain's v = 0.9v + 0.1dθ with
α = 0.1); gd = solver sgd, momentum 0, lr 0.01. scikit-learn initializes with Glorot-uniform, not He:
its own recipe. Threads: OPENBLAS_NUM_THREADS / OMP_NUM_THREADS from the caller (benchmarks/minibatch.sh).
Prints one JSON object per run: {"suite": "minibatch", "peer": "sklearn", ...}.
"""
import argparse
import json
import time
import warnings

import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from minibatch_data import load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--optimizer", default="adam")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    x, y, xt, yt, _ = load(args.data)
    solver = {"adam": dict(solver="adam", learning_rate_init=0.001),
              "momentum": dict(solver="sgd", momentum=0.9, nesterovs_momentum=False, learning_rate_init=0.01),
              "gd": dict(solver="sgd", momentum=0.0, learning_rate_init=0.01)}[args.optimizer]
    for _ in range(args.repeats):
        clf = MLPClassifier(hidden_layer_sizes=(256, 128), activation="relu", alpha=0.0, batch_size=args.batch,
                            max_iter=args.epochs, tol=0.0, n_iter_no_change=10 ** 6, shuffle=True, random_state=1,
                            **solver)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            start = time.perf_counter()
            clf.fit(x, y)
            seconds = time.perf_counter() - start
        print(json.dumps({"suite": "minibatch", "peer": "sklearn", "version": sklearn.__version__,
                          "optimizer": args.optimizer, "batch": args.batch, "seconds": round(seconds, 4),
                          "test_accuracy": round(float((clf.predict(xt) == yt).mean()), 4)}), flush=True)


if __name__ == "__main__":
    main()
