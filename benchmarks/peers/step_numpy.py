"""One training step of [784, 1024, 1024, 10] (ReLU hidden, softmax output, cross-entropy) in plain
numpy float64, the course's way: forward with inverted dropout, backward, W -= lr*dW for every layer.
reg: none, l2 (lambda 0.7) or dropout (keep_prob 0.86 on both hidden layers).
Prints one JSON object per (batch, reg): {"suite": "step", "peer": "numpy-float64", "case", "times"}.
"""
import argparse
import json
import time

import numpy as np

LAYERS = [784, 1024, 1024, 10]


def step(X, Y, params, lambd, keep_prob, rng, lr=0.01):
    m = X.shape[1]
    L = len(LAYERS) - 1
    A = {0: X}
    Z = {}
    D = {}
    for l in range(1, L + 1):
        Z[l] = np.dot(params["W" + str(l)], A[l - 1]) + params["b" + str(l)]
        if l < L:
            A[l] = np.maximum(0, Z[l])
            if keep_prob < 1:
                D[l] = rng.random(A[l].shape) < keep_prob
                A[l] = A[l] * D[l] / keep_prob
        else:
            e = np.exp(Z[l] - Z[l].max(axis=0, keepdims=True))
            A[l] = e / e.sum(axis=0, keepdims=True)
    dZ = (A[L] - Y) / m
    for l in range(L, 0, -1):
        dW = np.dot(dZ, A[l - 1].T) + lambd / m * params["W" + str(l)]
        db = np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(params["W" + str(l)].T, dZ)
            if keep_prob < 1:
                dA = dA * D[l - 1] / keep_prob
            dZ = dA * (Z[l - 1] > 0)
        params["W" + str(l)] -= lr * dW
        params["b" + str(l)] -= lr * db


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", default="256,1024,4096")
    parser.add_argument("--regs", default="none,l2,dropout")
    parser.add_argument("--seconds", type=float, default=4.0, help="measuring time per case")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    params = {}
    for l in range(1, len(LAYERS)):
        params["W" + str(l)] = rng.standard_normal((LAYERS[l], LAYERS[l - 1])) * np.sqrt(2.0 / LAYERS[l - 1])
        params["b" + str(l)] = np.zeros((LAYERS[l], 1))
    for batch in map(int, args.batches.split(",")):
        X = rng.random((LAYERS[0], batch))
        Y = np.eye(LAYERS[-1])[:, rng.integers(0, LAYERS[-1], batch)]
        for reg in args.regs.split(","):
            lambd = 0.7 if reg == "l2" else 0.0
            keep = 0.86 if reg == "dropout" else 1.0
            step(X, Y, params, lambd, keep, rng)  # warm-up
            times = []
            deadline = time.perf_counter() + args.seconds
            while len(times) < 3 or time.perf_counter() < deadline:
                start = time.perf_counter()
                step(X, Y, params, lambd, keep, rng)
                times.append(time.perf_counter() - start)
            print(json.dumps({"suite": "step", "peer": "numpy-float64", "case": f"{batch}/{reg}", "times": times}), flush=True)


if __name__ == "__main__":
    main()
