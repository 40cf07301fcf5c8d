"""The PyTorch eager peer of `densetrain native-check`'s throughput run, on the same GPU: the same
fully connected ReLU networks with a softmax cross-entropy output, plain SGD (lr 0.01), inputs and
labels resident on the device, float32 with and without TF32 matmuls, with and without dropout on
the hidden layers (F.dropout, keep 0.8). Timed like densetrain: 5 warm-up steps, then ITERATIONS steps
between two torch.cuda.synchronize() calls.
Prints one JSON object per case: {"suite": "gpu-throughput", "peer": "torch", "layers": [...],
"batch": B, "tf32": bool, "keep_prob": p, "examples_per_s": ..., "ms_per_iteration": ..., "tflops": ...}
and first one {"suite": "gpu-env", ...} with the torch, CUDA, cuBLAS and GPU versions.
Usage: python3 gpu_torch.py [--device cuda|cpu] [--cases "784,1024,1024,10@4096@50;..."]  (LAYERS@BATCH@ITERATIONS)
Exit 2 with one line on stderr when torch is missing or the device is not available.
"""
import argparse
import json
import sys
import time

DEFAULT_CASES = "784,1024,1024,10@4096@50;784,1024,1024,10@16384@50;4096,4096,4096,4096,10@4096@20;4096,4096,4096,4096,10@16384@20"


def fail(message):
    print("gpu_torch.py: " + message, file=sys.stderr, flush=True)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--cases", default=DEFAULT_CASES, help="LAYERS@BATCH@ITERATIONS separated by ';'")
    parser.add_argument("--keep-prob", type=float, default=0.8, help="dropout keep probability for the dropout runs")
    parser.add_argument("--modes", default="float32,tf32")
    parser.add_argument("--dropout", default="off,on")
    args = parser.parse_args()
    try:
        import torch
        import torch.nn.functional as F
    except Exception as e:  # ImportError, or a broken wheel (missing libcudart …)
        fail(f"PyTorch not importable with {sys.executable} ({type(e).__name__}: {e}); set TORCH_PYTHON to a python3 with torch")
    if args.device == "cuda" and not torch.cuda.is_available():
        fail(f"torch {torch.__version__} sees no CUDA device (torch.version.cuda={torch.version.cuda}); check nvidia-smi")
    device = torch.device(args.device)
    env = {"suite": "gpu-env", "peer": "torch", "torch": torch.__version__, "python": sys.version.split()[0],
           "cuda": torch.version.cuda, "device": args.device}
    if args.device == "cuda":
        env["gpu"] = torch.cuda.get_device_name(0)
        try:
            env["cudnn"] = torch.backends.cudnn.version()
        except Exception:
            env["cudnn"] = None
    print(json.dumps(env), flush=True)

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize()

    for case in args.cases.split(";"):
        spec, batch, iterations = case.split("@")
        layers, batch, iterations = [int(n) for n in spec.split(",")], int(batch), int(iterations)
        torch.manual_seed(1)
        x = torch.randn(batch, layers[0], device=device)
        y = torch.randint(0, layers[-1], (batch,), device=device)
        for mode in args.modes.split(","):
            if device.type == "cuda":
                torch.backends.cuda.matmul.allow_tf32 = mode == "tf32"
            for dropout in args.dropout.split(","):
                keep = args.keep_prob if dropout == "on" else 1.0
                linears = [torch.nn.Linear(a, b).to(device) for a, b in zip(layers, layers[1:])]
                params = [p for lin in linears for p in lin.parameters()]
                opt = torch.optim.SGD(params, lr=0.01)

                def step():
                    h = x
                    for i, lin in enumerate(linears):
                        h = lin(h)
                        if i < len(linears) - 1:
                            h = F.relu(h)
                            if keep < 1:
                                h = F.dropout(h, 1 - keep, training=True)
                    loss = F.cross_entropy(h, y)
                    opt.zero_grad(set_to_none=True)
                    loss.backward()
                    opt.step()
                    return loss

                try:
                    for _ in range(5):
                        cost0 = step()
                    sync()
                    cost0 = float(cost0)
                    start = time.perf_counter()
                    for _ in range(iterations):
                        cost = step()
                    sync()
                    seconds = time.perf_counter() - start
                    cost = float(cost)
                except RuntimeError as e:  # out of memory, a CUDA error: say it and go on with the next case
                    print(json.dumps({"suite": "gpu-throughput", "peer": "torch", "layers": layers, "batch": batch,
                                      "tf32": mode == "tf32", "keep_prob": keep, "error": str(e).splitlines()[0]}), flush=True)
                    del linears, params, opt
                    if device.type == "cuda":
                        torch.cuda.empty_cache()
                    continue
                flops = sum(6.0 * a * b * batch for a, b in zip(layers, layers[1:]))
                print(json.dumps({"suite": "gpu-throughput", "peer": "torch", "layers": layers, "batch": batch,
                                  "tf32": mode == "tf32", "keep_prob": keep,
                                  "examples_per_s": iterations * batch / seconds,
                                  "ms_per_iteration": 1000 * seconds / iterations,
                                  "tflops": flops * iterations / seconds / 1e12,
                                  "cost_before": cost0, "cost_after": cost}), flush=True)
                del linears, params, opt
        del x, y
        if device.type == "cuda":
            torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
