"""One training step of [784, 1024, 1024, 10] in PyTorch on the CPU, float32 and float64: the usual
PyTorch way (nn.Sequential, F.dropout, cross_entropy, autograd, plain SGD); L2 as (lambda/m)*W added
to the gradient (weight_decay), as densetrain does. Threads pinned with torch.set_num_threads.
Prints one JSON object per (dtype, batch, reg): {"suite": "step", "peer": "torch-float32|64", ...}.
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F

LAYERS = [784, 1024, 1024, 10]


class Net(torch.nn.Module):
    def __init__(self, keep_prob):
        super().__init__()
        self.layers = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(LAYERS, LAYERS[1:]))
        self.drop = 1 - keep_prob

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = F.relu(x)
                if self.drop > 0:
                    x = F.dropout(x, self.drop, training=True)
        return x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", default="256,1024,4096")
    parser.add_argument("--regs", default="none,l2,dropout")
    parser.add_argument("--dtypes", default="float32,float64")
    parser.add_argument("--seconds", type=float, default=4.0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for dtype_name in args.dtypes.split(","):
        dtype = getattr(torch, dtype_name)
        for batch in map(int, args.batches.split(",")):
            x = torch.rand(batch, LAYERS[0], dtype=dtype)
            y = torch.randint(0, LAYERS[-1], (batch,))
            for reg in args.regs.split(","):
                net = Net(0.86 if reg == "dropout" else 1.0).to(dtype)
                opt = torch.optim.SGD(net.parameters(), lr=0.01, weight_decay=(0.7 / batch if reg == "l2" else 0.0))

                def step():
                    opt.zero_grad(set_to_none=True)
                    F.cross_entropy(net(x), y).backward()
                    opt.step()

                step()
                step()  # warm-up
                times = []
                deadline = time.perf_counter() + args.seconds
                while len(times) < 3 or time.perf_counter() < deadline:
                    start = time.perf_counter()
                    step()
                    times.append(time.perf_counter() - start)
                print(json.dumps({"suite": "step", "peer": "torch-" + dtype_name, "case": f"{batch}/{reg}",
                                  "threads": torch.get_num_threads(), "version": torch.__version__, "times": times}), flush=True)


if __name__ == "__main__":
    main()
