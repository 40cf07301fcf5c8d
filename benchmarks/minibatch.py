"""The MNIST-shaped mini-batch workload (issue 16) against its peers, as alternating pairs on one machine.

Run by benchmarks/minibatch.sh (which builds and sets the class path). Each pair runs densetrain (JMH,
MiniBatchBenchmark: one fork, one warm-up run, --runs measured runs, median) and then each peer once
(scikit-learn MLPClassifier, PyTorch float32 and float64, and with DL4J=1 Deeplearning4j float32 and float64; their
own timers around training only), with
the load average before and after. The target configuration (adam, batch 128) gets --pairs pairs; every
other optimizer/batch pair of the grid one. Then one densetrain run through TimedDevice gives the time
split. Writes the raw records to OUT/minibatch.jsonl and the section between the minibatch markers of
benchmarks/RESULTS.md (appended if absent).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

START, END = "<!-- minibatch:start -->", "<!-- minibatch:end -->"
PEERS = ["sklearn", "torch-float32", "torch-float64"]


def load():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def jmh(args, optimizer, batch, runs, out):
    path = os.path.join(out, f"jmh-minibatch-{optimizer}-{batch}-{time.time_ns()}.json")
    cmd = ["java", *args.native.split(), "-cp", args.cp, "org.openjdk.jmh.Main", r"io\.densetrain\.bench\.MiniBatchBenchmark\.",
           "-jvmArgs", args.native, "-p", f"optimizer={optimizer}", "-p", f"batch={batch}", "-p", f"threads={args.threads}",
           "-f", "1", "-wi", "1", "-i", str(runs), "-rf", "json", "-rff", path]
    text = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=args.timeout).stdout
    accuracy = None
    for line in text.splitlines():
        if line.startswith('{"suite": "minibatch-accuracy"'):
            accuracy = json.loads(line)["test_accuracy"]
    with open(path) as f:
        raw = json.load(f)[0]["primaryMetric"]["rawData"][0]
    return {"peer": "densetrain", "seconds": statistics.median(raw) / 1000, "runs": [r / 1000 for r in raw],
            "test_accuracy": accuracy}


def peer(args, name, optimizer, batch):
    here = os.path.join(os.path.dirname(__file__), "peers")
    if name == "sklearn":
        cmd = [args.python, os.path.join(here, "minibatch_sklearn.py")]
    elif name.startswith("dl4j-"):  # peers/dl4j, a Maven project of its own (minibatch.sh builds it with DL4J=1)
        cmd = ["java", "-cp", args.dl4j_cp, "io.densetrain.peers.MiniBatchDl4j", "--dtype", name.split("-")[1]]
    else:
        cmd = [args.python, os.path.join(here, "minibatch_torch.py"), "--dtype", name.split("-")[1], "--threads", str(args.threads)]
    cmd += ["--data", args.data, "--optimizer", optimizer, "--batch", str(batch)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    if done.returncode != 0:
        return {"peer": name, "error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def course_pair(args, case):
    """CourseBenchmark (JMH, heap path for these sizes) and course_numpy.py on one case, back to back."""
    path = os.path.join(args.out, f"jmh-course-{case}-{time.time_ns()}.json")
    cmd = ["java", *args.native.split(), "-cp", args.cp, "org.openjdk.jmh.Main", r"io\.densetrain\.bench\.CourseBenchmark\.",
           "-jvmArgs", args.native, "-p", f"experiment={case}", "-p", f"threads={args.threads}",
           "-f", "1", "-wi", "2", "-i", "3", "-w", "1s", "-r", "1s", "-rf", "json", "-rff", path]
    subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=args.timeout)
    with open(path) as f:
        ours = statistics.median(json.load(f)[0]["primaryMetric"]["rawData"][0]) / 1000
    here = os.path.join(os.path.dirname(__file__), "peers", "course_numpy.py")
    done = subprocess.run([args.python, here, "--repeats", "1", "--cases", case], capture_output=True, text=True,
                          timeout=args.timeout, check=True)
    theirs = json.loads(done.stdout.strip().splitlines()[-1])["times"][0]
    pair = {"case": case, "densetrain": ours, "numpy": theirs}
    if args.dl4j_cp:  # peers/dl4j's CourseDl4j: the same case in Deeplearning4j float64
        done = subprocess.run(["java", "-cp", args.dl4j_cp, "io.densetrain.peers.CourseDl4j", "--case", case], capture_output=True,
                              text=True, timeout=args.timeout, check=True)
        pair["dl4j"] = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
    pair["load"] = load()
    return pair


def split(args):
    cmd = ["java", *args.native.split(), "-cp", args.cp, "io.densetrain.bench.MiniBatchRun", "--split", "adam", "128",
           str(args.threads), "3"]
    lines = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=args.timeout).stdout.splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cp", required=True)
    p.add_argument("--native", default="")
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--pairs", type=int, default=5)
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--grid", default="adam,momentum,gd:64,128,512")
    p.add_argument("--peers", default=",".join(PEERS))
    p.add_argument("--dl4j-cp", default="", help="class path of benchmarks/peers/dl4j, for the dl4j-float32/-float64 peers")
    p.add_argument("--timeout", type=int, default=300)
    p.add_argument("--course-pairs", type=int, default=3)
    p.add_argument("--results", default=os.path.join(os.path.dirname(__file__), "RESULTS.md"))
    p.add_argument("--commit", default="")
    p.add_argument("--report-only", action="store_true", help="rewrite the section from OUT/minibatch.jsonl (a run cut short)")
    args = p.parse_args()
    peers = [x for x in args.peers.split(",") if x]
    if args.report_only:
        return report_only(args, peers)
    optimizers, batches = (part.split(",") for part in args.grid.split(":"))
    plan = [("adam", 128)] * args.pairs + [(o, int(b)) for o in optimizers for b in batches if (o, int(b)) != ("adam", 128)]
    records = []
    log = open(os.path.join(args.out, "minibatch.jsonl"), "w")
    started = time.time()
    load_start = open("/proc/loadavg").read().split()[:3]
    for number, (optimizer, batch) in enumerate(plan):
        pair = {"pair": number, "optimizer": optimizer, "batch": batch, "load_before": load(), "results": []}
        pair["results"].append(jmh(args, optimizer, batch, args.runs, args.out))
        for name in peers:
            pair["results"].append(peer(args, name, optimizer, batch))
        pair["load_after"] = load()
        records.append(pair)
        log.write(json.dumps(pair) + "\n")
        log.flush()
        summary = " ".join(f"{r['peer']}={r.get('seconds', r.get('error'))}" for r in pair["results"])
        print(f"pair {number} {optimizer}/{batch} load {pair['load_before']:.2f}: {summary}", flush=True)
    course = []
    for _ in range(args.course_pairs):
        for case in ("2d-none", "2d-dropout", "circles"):
            pair = course_pair(args, case)
            course.append(pair)
            log.write(json.dumps({"course": pair}) + "\n")
            print(f"course {case}: densetrain {pair['densetrain']:.3f} s, numpy {pair['numpy']:.3f} s"
                  + (f", dl4j {pair['dl4j']:.3f} s" if "dl4j" in pair else ""), flush=True)
    timing = split(args)
    log.write(json.dumps({"split": timing}) + "\n")
    load_end = open("/proc/loadavg").read().split()[:3]
    section = report(records, timing, peers, args, load_start, load_end, time.time() - started, course)
    write_section(args.results, section)
    print(section)


def report_only(args, peers):
    records, course, timing = [], [], []
    with open(os.path.join(args.out, "minibatch.jsonl")) as f:
        for line in f:
            item = json.loads(line)
            if "pair" in item:
                records.append(item)
            elif "course" in item:
                course.append(item["course"])
            elif "split" in item:
                timing = item["split"]
    loads = [r["load_before"] for r in records]
    section = report(records, timing, peers, args, [f"{loads[0]:.2f}"], [f"{records[-1]['load_after']:.2f}"], 0, course)
    write_section(args.results, section)
    print(section)


def ratio_rows(records, peers, optimizer, batch):
    """Per peer: the peer/densetrain time ratio of every pair of this configuration (> 1: densetrain faster)."""
    out = {}
    for name in peers:
        ratios = []
        for pair in records:
            if (pair["optimizer"], pair["batch"]) != (optimizer, batch):
                continue
            res = {r["peer"]: r for r in pair["results"]}
            if "seconds" in res.get(name, {}) and "seconds" in res["densetrain"]:
                ratios.append(res[name]["seconds"] / res["densetrain"]["seconds"])
        out[name] = ratios
    return out


def fmt_times(values):
    if not values:
        return "—"
    return f"{statistics.median(values):.2f}" + (f" [{min(values):.2f}–{max(values):.2f}]" if len(values) > 1 else "")


def report(records, timing, peers, args, load_start, load_end, seconds, course):
    lines = [START, "## MNIST-shaped mini-batch training (issue 16)", "",
             "Written by `benchmarks/minibatch.sh` (also run by `benchmarks/run`).", "",
             f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}" + (f", commit {args.commit}" if args.commit else ""),
             f"- workload: [784,256,128,10] ReLU/softmax, He, standardized inputs, 10 epochs over 8,000 generated 28×28 examples"
             f" (`MnistShaped`), test set 2,000; adam α = 0.001, momentum β = 0.9 (α = 0.1, = lr 0.01 in scikit-learn's"
             f" and PyTorch's form), gd α = 0.01; {args.threads} threads for every implementation",
             f"- densetrain: JMH `MiniBatchBenchmark`, one warm-up run and {args.runs} measured runs per pair (median);"
             f" peers: their own timer around training, one run per pair; pairs alternate densetrain and the peers",
             f"- load average (1 min) at start {load_start[0]}, at end {load_end[0]}; per pair "
             f"{min(r['load_before'] for r in records):.2f} to {max(max(r['load_before'], r['load_after']) for r in records):.2f};"
             + (f" the section took {seconds / 60:.1f} min" if seconds else " (section rewritten from the raw records)"), "",
             "Training time in seconds, median [min–max] over pairs; ratio = peer time / densetrain time in the same pair"
             " (median over pairs; > 1 means densetrain is faster); accuracy on the 2,000 test examples.", "",
             "| optimizer | batch | pairs | densetrain s | " + " | ".join(f"{n} s | {n} / densetrain" for n in peers)
             + " | test accuracy (densetrain / " + " / ".join(peers) + ") |",
             "|---|---|---|---|" + "---|---|" * len(peers) + "---|"]
    configs = []
    for pair in records:
        key = (pair["optimizer"], pair["batch"])
        if key not in configs:
            configs.append(key)
    for optimizer, batch in configs:
        pairs = [p for p in records if (p["optimizer"], p["batch"]) == (optimizer, batch)]

        def times(name):
            return [r["seconds"] for p in pairs for r in p["results"] if r["peer"] == name and "seconds" in r]

        def accuracy(name):
            values = [r["test_accuracy"] for p in pairs for r in p["results"] if r["peer"] == name and r.get("test_accuracy") is not None]
            return f"{statistics.median(values):.3f}" if values else "—"

        ratios = ratio_rows(records, peers, optimizer, batch)
        cells = [optimizer, str(batch), str(len(pairs)), fmt_times(times("densetrain"))]
        for name in peers:
            r = ratios[name]
            cells += [fmt_times(times(name)), (f"{statistics.median(r):.2f}×" + (f" [{min(r):.2f}–{max(r):.2f}]" if len(r) > 1 else "")) if r else "—"]
        cells.append(" / ".join([accuracy("densetrain")] + [accuracy(n) for n in peers]))
        lines.append("| " + " | ".join(cells) + " |")
    target = ratio_rows(records, peers, "adam", 128)
    verdicts = []
    for name, floor in (("sklearn", 1.5), ("torch-float32", 2.0)):
        if target.get(name):
            median = statistics.median(target[name])
            verdicts.append(f"{name} {median:.2f}× against a floor of {floor}× — "
                            + ("met" if median >= floor else f"missed by {100 * (1 - median / floor):.0f}%"))
    if verdicts:
        lines += ["", "Target (adam, batch 128, float64): " + "; ".join(verdicts) + "."]
    errors = {r["peer"]: r["error"] for p in records for r in p["results"] if "error" in r}
    for name, error in errors.items():
        lines.append(f"\n{name} failed: {error}")
    if timing:
        last = timing[-1]
        total = last["seconds"]
        parts = [(k[:-2], last[k]) for k in last if k.endswith("_s") and k != "host_s"] + [("host (trainer loop, shuffle)", last["host_s"])]
        lines += ["", f"Where the time goes: adam, batch 128, {args.threads} threads, the last of three runs through `TimedDevice`"
                  f" (each device call timed; total {total:.2f} s, {last.get('optimizer_calls', 0)} updates):", "",
                  "| part | seconds | share | calls | per call, ms |", "|---|---|---|---|---|"]
        for name, value in sorted(parts, key=lambda kv: -kv[1]):
            calls = last.get(name + "_calls")
            per = f"{value * 1000 / calls:.3f}" if calls else "—"
            lines.append(f"| {name} | {value:.3f} | {100 * value / total:.0f}% | {calls if calls else '—'} | {per} |")
        methods = {k[:-len("_ms_per_call")]: v for k, v in last.items() if k.endswith("_ms_per_call")}
        lines += ["", "Per device method, ms per call: " + ", ".join(f"{k} {v:.3f}" for k, v in methods.items()) + "."]
        lines += ["", "Categories: products = `gemm` (OpenBLAS); elementwise = bias + activation, activation′, output"
                  " gradient, row sums; optimizer = the update; gather = the batch's columns after the shuffle;"
                  " evaluation = cost and accuracy (recorded once per epoch); normalization is done once before training"
                  " (in the data generator) and costs nothing per update."]
    if course:
        dl4j = all("dl4j" in c for c in course)
        lines += ["", "The course's small networks (full batch, 30,000 iterations of [2,20,3,1] on 211 examples; circles: 15,000 of"
                  " [2,10,5,1] on 300), on the heap path (`SmallNetwork`), JMH `CourseBenchmark` against"
                  " `peers/course_numpy.py` in alternating pairs; seconds, median [min–max]; speed-up = numpy / densetrain per pair:", "",
                  "| case | pairs | densetrain s | numpy s | speed-up (median of pairs) |" + (" dl4j s | dl4j / densetrain |" if dl4j else ""),
                  "|---|---|---|---|---|" + ("---|---|" if dl4j else "")]
        for case in ("2d-none", "2d-dropout", "circles"):
            rows = [c for c in course if c["case"] == case]
            if rows:
                ratios = [c["numpy"] / c["densetrain"] for c in rows]
                line = (f"| {case} | {len(rows)} | {fmt_times([c['densetrain'] for c in rows])} | "
                        f"{fmt_times([c['numpy'] for c in rows])} | {statistics.median(ratios):.2f}× |")
                if dl4j:
                    line += (f" {fmt_times([c['dl4j'] for c in rows])} |"
                             f" {statistics.median([c['dl4j'] / c['densetrain'] for c in rows]):.1f}× |")
                lines.append(line)
    lines.append(END)
    return "\n".join(lines)


def write_section(path, section):
    text = open(path).read() if os.path.exists(path) else ""
    if START in text and END in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
