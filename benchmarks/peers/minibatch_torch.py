"""The MNIST-shaped mini-batch workload in PyTorch, float32 or float64, the usual way (nn.Sequential of
Linear/ReLU, cross_entropy, autograd, torch.optim): [784,256,128,10], He (kaiming_normal_, fan_in) with
zero biases as densetrain, a fresh shuffle per epoch, the same batch, epochs and learning rates
(adam 0.001; momentum: SGD momentum 0.9, dampening 0, lr 0.01, which is densetrain's
v = 0.9v + 0.1dθ with α = 0.1; gd: SGD lr 0.01). Threads pinned with torch.set_num_threads.
Prints one JSON object per run: {"suite": "minibatch", "peer": "torch-float32|64", ...}.
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

from minibatch_data import load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--optimizer", default="adam")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--dtype", default="float32")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    dtype = getattr(torch, args.dtype)
    x, y, xt, yt, classes = load(args.data)
    x, xt = torch.from_numpy(x).to(dtype), torch.from_numpy(xt).to(dtype)
    y, yt = torch.from_numpy(y), torch.from_numpy(yt)
    for repeat in range(args.repeats):
        torch.manual_seed(repeat)
        net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                                  torch.nn.Linear(128, classes)).to(dtype)
        for layer in net:
            if isinstance(layer, torch.nn.Linear):
                torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
                torch.nn.init.zeros_(layer.bias)
        if args.optimizer == "adam":
            opt = torch.optim.Adam(net.parameters(), lr=0.001)
        elif args.optimizer == "momentum":
            opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
        else:
            opt = torch.optim.SGD(net.parameters(), lr=0.01)
        start = time.perf_counter()
        for _ in range(args.epochs):
            order = torch.randperm(x.shape[0])
            for b in range(0, x.shape[0], args.batch):
                idx = order[b:b + args.batch]
                opt.zero_grad(set_to_none=True)
                F.cross_entropy(net(x[idx]), y[idx]).backward()
                opt.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            accuracy = float((net(xt).argmax(1) == yt).double().mean())
        print(json.dumps({"suite": "minibatch", "peer": "torch-" + args.dtype, "version": torch.__version__,
                          "optimizer": args.optimizer, "batch": args.batch, "seconds": round(seconds, 4),
                          "test_accuracy": round(accuracy, 4)}), flush=True)


if __name__ == "__main__":
    main()
