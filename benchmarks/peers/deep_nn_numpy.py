"""Plain numpy float64 peer of `densetrain train --layers 12288,20,7,5,1 --init xavier --lr 0.0075
--iterations 2500`: the course's L-layer network (ReLU hidden layers, sigmoid output, cross-entropy,
batch gradient descent), written the way the course's numpy code does it. It reads the same HDF5 files
(course layout) and prints one JSON line with the training time and accuracies.

usage: python3 deep_nn_numpy.py TRAIN.h5 TEST.h5 [ITERATIONS]
"""
import json
import sys
import time

import h5py
import numpy as np


def load(path, prefix):
    with h5py.File(path, "r") as f:
        x = np.array(f[prefix + "_set_x"])
        y = np.array(f[prefix + "_set_y"])
    x = x.reshape(x.shape[0], -1).T / 255.0  # (n_x, m), row-column-channel order
    return x.astype(np.float64), y.reshape(1, -1).astype(np.float64)


def init(layers, seed=1):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layers)):
        params["W%d" % l] = rng.standard_normal((layers[l], layers[l - 1])) / np.sqrt(layers[l - 1])
        params["b%d" % l] = np.zeros((layers[l], 1))
    return params


def forward(x, params, depth):
    caches, a = [], x
    for l in range(1, depth + 1):
        z = params["W%d" % l] @ a + params["b%d" % l]
        caches.append((a, z))
        a = 1 / (1 + np.exp(-z)) if l == depth else np.maximum(0, z)
    return a, caches


def cost(al, y):
    m = y.shape[1]
    return float(-np.sum(y * np.log(al) + (1 - y) * np.log(1 - al)) / m)


def backward(al, y, caches, params, depth):
    m = y.shape[1]
    grads = {}
    dz = al - y
    for l in range(depth, 0, -1):
        a_prev, z = caches[l - 1]
        if l < depth:
            dz = da * (z > 0)
        grads["dW%d" % l] = dz @ a_prev.T / m
        grads["db%d" % l] = np.sum(dz, axis=1, keepdims=True) / m
        da = params["W%d" % l].T @ dz
    return grads


def main():
    train, test = sys.argv[1], sys.argv[2]
    iterations = int(sys.argv[3]) if len(sys.argv) > 3 else 2500
    x, y = load(train, "train")
    xt, yt = load(test, "test")
    layers = [x.shape[0], 20, 7, 5, 1]
    depth = len(layers) - 1
    params = init(layers)
    lr = 0.0075
    start = time.perf_counter()
    first = None
    for i in range(iterations):
        al, caches = forward(x, params, depth)
        if i == 0:
            first = cost(al, y)
        grads = backward(al, y, caches, params, depth)
        for l in range(1, depth + 1):
            params["W%d" % l] -= lr * grads["dW%d" % l]
            params["b%d" % l] -= lr * grads["db%d" % l]
    seconds = time.perf_counter() - start
    final = cost(forward(x, params, depth)[0], y)
    acc = lambda xs, ys: float(np.mean((forward(xs, params, depth)[0] > 0.5) == ys))
    print(json.dumps({"peer": "numpy " + np.__version__, "iterations": iterations, "seconds": seconds,
                      "first_cost": first, "final_cost": final,
                      "train_accuracy": acc(x, y), "test_accuracy": acc(xt, yt)}))


if __name__ == "__main__":
    main()
