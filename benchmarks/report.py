"""Turns the JMH JSON files and the peers' JSON lines written by benchmarks/run into RESULTS.md:
machine, JDK, date, load, then every figure as median [min-max over iterations] and every ratio
densetrain/peer. Standard library only."""
import argparse
import glob
import json
import os
import platform
import statistics
import subprocess
from datetime import datetime, timezone


def read(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def jmh_rows(results, name):
    """{params-tuple-dict-as-frozenset: per-iteration scores} for one benchmark class."""
    rows = []
    for path in sorted(glob.glob(os.path.join(results, f"jmh-{name}*.json"))):
        with open(path) as f:
            for entry in json.load(f):
                scores = [s for fork in entry["primaryMetric"]["rawData"] for s in fork]
                rows.append((entry.get("params", {}), scores, entry["primaryMetric"]["scoreUnit"]))
    return rows


def peer_rows(results, pattern):
    rows = {}
    for path in glob.glob(os.path.join(results, pattern)):
        with open(path) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    rows[(r["peer"], r["case"])] = r["times"]
    return rows


def spread(values):
    """median [min-max] of a throughput list, formatted."""
    return statistics.median(values), min(values), max(values)


def fmt(triple, digits=0):
    med, lo, hi = triple
    f = f"{{:,.{digits}f}}"
    return f"{f.format(med)} [{f.format(lo)}–{f.format(hi)}]"


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "–"


def shape_table(figures, title, header, first, second, digits, ratio_of_second=False):
    """Markdown lines for {(shape, impl): spread}: one row per shape, the two implementations side by
    side and their ratio (first / second, or second / first); no lines when there are no figures."""
    if not figures:
        return []
    lines = [title, "", header, "|---|---|---|---|"]
    for shape in dict.fromkeys(s for s, _ in figures):
        a, b = figures.get((shape, first)), figures.get((shape, second))
        r = ratio(b and b[0], a and a[0]) if ratio_of_second else ratio(a and a[0], b and b[0])
        lines.append(f"| {shape} | {fmt(a, digits) if a else '–'} | {fmt(b, digits) if b else '–'} | {r} |")
    return lines + [""]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--results", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--mode", default="full")
    p.add_argument("--threads", default="?")
    a = p.parse_args()
    R = a.results
    out = []
    cpu = "unknown CPU"
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    devices = read(os.path.join(R, "devices.txt"))
    out += ["# densetrain benchmark results", "",
            f"Written by `benchmarks/run{' --quick' if a.mode == 'quick' else ''}` ({a.mode} mode) — do not edit by hand.", "",
            f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, commit {commit}",
            f"- machine: {cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}",
            f"- JDK: {read(os.path.join(R, 'jdk.txt'))}",
            f"- threads: {a.threads} for densetrain (OpenBLAS) and for every peer",
            f"- load average at start: {read(os.path.join(R, 'load-start.txt')).split('load average:')[-1].strip()}; "
            f"at end: {read(os.path.join(R, 'load-end.txt')).split('load average:')[-1].strip()}",
            f"- numpy: {read(os.path.join(R, 'numpy-version.txt'), 'not installed')}",
            ]
    for line in devices.splitlines():
        out.append(f"- device probe: {line}")
    for missing in ("numpy-missing.txt", "torch-missing.txt"):
        if os.path.exists(os.path.join(R, missing)):
            out.append(f"- {read(os.path.join(R, missing))}")
    out += ["", "Figures are medians over JMH measurement iterations (peers: over timed repetitions) with "
            "[min–max] in brackets; ratios compare medians.", ""]

    # matrix products
    gemm = {}
    for params, scores, unit in jmh_rows(R, "GemmBenchmark"):
        m, n, k = map(int, params["shape"].split(":")[0].split("x"))
        flops = 2.0 * m * n * k
        gemm[(params["shape"], params["impl"])] = spread([flops / (s * 1e3) for s in scores])  # s in µs
    out += shape_table(gemm, "## Matrix product (float64), GFLOP/s",
                       "| shape m×n×k:op | CPU device | OpenBLAS called directly | device / OpenBLAS |", "device", "openblas", 1)

    # small products: the measurement behind OpenBlasBackend.SMALL_FLOPS
    small = {}
    for params, scores, unit in jmh_rows(R, "SmallGemmBenchmark"):
        small[(params["shape"], params["impl"])] = spread([s / 1e3 for s in scores])  # ns -> µs
    out += shape_table(small, "## Products of one [2,20,3,1] iteration (211 examples), µs per call (lower is better)",
                       "| shape m×n×k:op | OpenBLAS (JNI call included) | Java small-matrix path | Java / OpenBLAS |", "openblas", "java", 2,
                       ratio_of_second=True)

    # training step
    steps = {}
    for params, scores, unit in jmh_rows(R, "TrainStepBenchmark"):
        batch = int(params["batch"])
        steps[(params["device"], f"{batch}/{params['reg']}")] = spread([batch / (s / 1e3) for s in scores])  # ms
    peers = peer_rows(R, "peer-step-*.jsonl")
    if steps:
        peer_names = sorted({p for p, _ in peers})
        out += ["## One training step of [784,1024,1024,10], examples/s", "",
                "| device | batch/reg | densetrain | " + " | ".join(f"{p} | densetrain / {p}" for p in peer_names) + " |",
                "|---|---|---|" + "---|---|" * len(peer_names)]
        for (device, case), d in steps.items():
            batch = int(case.split("/")[0])
            cells = []
            for p in peer_names:
                t = peers.get((p, case))
                if t:
                    s = spread([batch / x for x in t])
                    cells += [fmt(s), ratio(d[0], s[0])]
                else:
                    cells += ["–", "–"]
            out.append(f"| {device} | {case} | {fmt(d)} | " + " | ".join(cells) + " |")
        out.append("")

    # course experiments
    course = {p["experiment"]: spread([s / 1e3 for s in scores]) for p, scores, _ in jmh_rows(R, "CourseBenchmark")}
    cpeers = peer_rows(R, "peer-course-*.jsonl")
    if course:
        out += ["## The course's experiments end to end, seconds (lower is better)", "",
                "| experiment | densetrain | numpy float64 | numpy / densetrain (speed-up) |", "|---|---|---|---|"]
        for name, d in course.items():
            t = cpeers.get(("numpy-float64", name))
            s = spread(t) if t else None
            out.append(f"| {name} | {fmt(d, 3)} | {fmt(s, 3) if s else '–'} | {ratio(s and s[0], d[0])} |")
        out.append("")

    # elementwise
    elem = {}
    for params, scores, unit in jmh_rows(R, "ElementwiseBenchmark"):
        elem[(params["device"], params["kernel"])] = spread([3 * 1024 * 4096 * 8 / (s * 1e3) for s in scores])
    if elem:
        out += ["## Elementwise kernels on 1024×4096 float64 (3 matrices of traffic), GB/s", "",
                "| device | kernel | GB/s |", "|---|---|---|"]
        for (device, kernel), d in elem.items():
            out.append(f"| {device} | {kernel} | {fmt(d, 1)} |")
        out.append("")
    if "unusable cuda" in devices:
        out += ["GPU benchmarks (step at batch 16384, elementwise kernels on the GPU) were skipped: no usable CUDA device.", ""]

    # targets of issue 5, checked against this run's medians
    targets = []
    for name, d in course.items():
        t = cpeers.get(("numpy-float64", name))
        if t:
            speedup = statistics.median(t) / d[0]
            targets.append(f"| course {name}: ≥ 20× numpy | {speedup:.1f}× | "
                           + ("met" if speedup >= 20 else f"missed by {20 / speedup:.1f}×") + " |")
    for batch in (1024, 4096):
        d = steps.get(("cpu", f"{batch}/none"))
        for peer, goal in (("numpy-float64", "≥ numpy float64"), ("torch-float64", "> PyTorch float64 (goal)")):
            t = peers.get((peer, f"{batch}/none"))
            if d and t:
                r = d[0] / statistics.median([batch / x for x in t])
                ok = r >= 1 if peer.startswith("numpy") else r > 1
                targets.append(f"| step batch {batch}: {goal} | {r:.2f}× | " + ("met" if ok else f"missed by {1 / r:.2f}×") + " |")
    d, o = gemm.get(("1024x1024x1024:NN", "device")), gemm.get(("1024x1024x1024:NN", "openblas"))
    if d and o:
        r = d[0] / o[0]
        targets.append(f"| dgemm n = 1024 through the device: ≥ 70% of OpenBLAS | {100 * r:.0f}% | " + ("met" if r >= 0.7 else "missed") + " |")
    if targets:
        out += ["## Targets (issue 5)", "", "| target | this run | verdict |", "|---|---|---|"] + targets + [""]

    course = read(os.path.join(a.results, "course-size.md"))
    if course:
        out += ["## Course-size run (issue 8): [12288,20,7,5,1], full batch, against numpy float64", "",
                "benchmarks/course_size.sh on the 209/50 64×64×3 stand-in; pairs alternate, the verdict uses the median ratio"
                " (the issue asks for ≥ 2× at 2500 iterations).", "", course.replace("\nspeed-up", "\n\nspeed-up"), ""]

    notes = os.path.join(os.path.dirname(a.out), "NOTES.md")
    if os.path.exists(notes):
        out += [read(notes), ""]
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(out))
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
