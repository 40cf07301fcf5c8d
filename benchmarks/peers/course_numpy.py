"""The course's two experiments in plain numpy float64, written the way the course writes them
(dict of parameters, forward/backward caches, one function per step), timed end to end.

circles: 300 examples, [2,10,5,1], He, lr 0.01, 15000 iterations.
2d-none / 2d-l2 / 2d-dropout: 211 examples, [2,20,3,1], Xavier, lr 0.3, 30000 iterations,
no regularization, L2 lambda 0.7, or dropout keep_prob 0.86.
Prints one JSON object per experiment: {"suite": "course", "peer": "numpy-float64", "case", "times"}.
The data are drawn here (same shapes and sizes as the JMH benchmark); the timing does not depend on them.
"""
import argparse
import json
import time

import numpy as np


def make_circles(m, rng, noise=0.05):
    angle = rng.uniform(0, 2 * np.pi, m)
    label = (np.arange(m) % 2).astype(float)
    radius = np.where(label == 1, 0.5, 1.0)
    X = np.vstack([radius * np.cos(angle), radius * np.sin(angle)]) + rng.normal(0, noise, (2, m))
    return X, label.reshape(1, m)


def make_moons(m, rng, noise=0.2):
    t = rng.uniform(0, np.pi, m)
    label = (np.arange(m) % 2).astype(float)
    x = np.where(label == 1, 1 - np.cos(t), np.cos(t))
    y = np.where(label == 1, 0.5 - np.sin(t), np.sin(t))
    X = np.vstack([x, y]) + rng.normal(0, noise, (2, m))
    return X, label.reshape(1, m)


def initialize_parameters(layers_dims, kind, rng):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        scale = np.sqrt(2.0 / layers_dims[l - 1]) if kind == "he" else np.sqrt(1.0 / layers_dims[l - 1])
        parameters['W' + str(l)] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def forward_propagation(X, parameters, keep_prob, rng):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = None
    if keep_prob < 1:
        D1 = rng.random(A1.shape) < keep_prob
        A1 = A1 * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = None
    if keep_prob < 1:
        D2 = rng.random(A2.shape) < keep_prob
        A2 = A2 * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def compute_cost(a3, Y, parameters, lambd):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    cost = 1. / m * np.nansum(logprobs)
    if lambd > 0:
        cost += lambd / (2 * m) * sum(np.sum(np.square(parameters['W' + str(l)])) for l in (1, 2, 3))
    return cost


def backward_propagation(X, Y, cache, lambd, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + lambd / m * W3
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    if keep_prob < 1:
        dA2 = dA2 * D2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + lambd / m * W2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    if keep_prob < 1:
        dA1 = dA1 * D1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + lambd / m * W1
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for k in range(L):
        parameters["W" + str(k + 1)] = parameters["W" + str(k + 1)] - learning_rate * grads["dW" + str(k + 1)]
        parameters["b" + str(k + 1)] = parameters["b" + str(k + 1)] - learning_rate * grads["db" + str(k + 1)]
    return parameters


def model(X, Y, layers_dims, init, learning_rate, num_iterations, lambd=0.0, keep_prob=1.0, seed=1):
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters(layers_dims, init, rng)
    costs = []
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for i in range(num_iterations):
            a3, cache = forward_propagation(X, parameters, keep_prob, rng)
            if i % 1000 == 0:
                costs.append(compute_cost(a3, Y, parameters, lambd))
            grads = backward_propagation(X, Y, cache, lambd, keep_prob)
            parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


EXPERIMENTS = {
    "circles": dict(data="circles", m=300, layers=[2, 10, 5, 1], init="he", lr=0.01, iterations=15000),
    "2d-none": dict(data="moons", m=211, layers=[2, 20, 3, 1], init="xavier", lr=0.3, iterations=30000),
    "2d-l2": dict(data="moons", m=211, layers=[2, 20, 3, 1], init="xavier", lr=0.3, iterations=30000, lambd=0.7),
    "2d-dropout": dict(data="moons", m=211, layers=[2, 20, 3, 1], init="xavier", lr=0.3, iterations=30000, keep_prob=0.86),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cases", default=",".join(EXPERIMENTS))
    args = parser.parse_args()
    for name in args.cases.split(","):
        e = EXPERIMENTS[name]
        rng = np.random.default_rng(0)
        X, Y = (make_circles if e["data"] == "circles" else make_moons)(e["m"], rng)
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            model(X, Y, e["layers"], e["init"], e["lr"], e["iterations"], e.get("lambd", 0.0), e.get("keep_prob", 1.0))
            times.append(time.perf_counter() - start)
        print(json.dumps({"suite": "course", "peer": "numpy-float64", "case": name, "times": times}), flush=True)


if __name__ == "__main__":
    main()
