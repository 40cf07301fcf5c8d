"""Reads the MNIST-shaped set that benchmarks/minibatch.sh writes with io.densetrain.bench.MnistShaped:
little-endian int32 header (train, test, features, classes), float64 X train (example-major), int32
labels, float64 X test, int32 labels. Features are already standardized by the training set."""
import numpy as np


def load(path):
    with open(path, "rb") as f:
        train, test, features, classes = np.frombuffer(f.read(16), dtype="<i4")
        x_train = np.frombuffer(f.read(8 * train * features), dtype="<f8").reshape(train, features)
        y_train = np.frombuffer(f.read(4 * train), dtype="<i4")
        x_test = np.frombuffer(f.read(8 * test * features), dtype="<f8").reshape(test, features)
        y_test = np.frombuffer(f.read(4 * test), dtype="<i4")
    return x_train.copy(), y_train.astype(np.int64), x_test.copy(), y_test.astype(np.int64), int(classes)
