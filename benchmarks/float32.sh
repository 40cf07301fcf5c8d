#!/usr/bin/env bash
# benchmarks/float32.sh [PAIRS]: the float32 CPU device (--device cpu --precision float32) in alternating
# pairs, same run: (1) one [784,1024,1024,10] training step at batch 4096 (JMH TrainStepBenchmark,
# device cpu-float32, then cpu) against PyTorch float32 and float64 (peers/step_torch.py); (2) the MNIST-shaped
# mini-batch Adam run, batch 128 (JMH MiniBatchBenchmark), float32 against float64. JSON lines and the
# load average go to benchmarks/target/results/float32-*.txt; the summary is in benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS="${1:-3}"
THREADS="${DENSETRAIN_BENCH_THREADS:-2}"
PY="${PEER_PYTHON:-/usr/bin/python3}"
OUT=benchmarks/target/results
mkdir -p "$OUT"
[[ -f target/densetrain.jar ]] || mvn -q -B -DskipTests package
[[ -f benchmarks/target/classpath.txt ]] || mvn -q -B -f benchmarks/pom.xml -DskipTests package
CP="benchmarks/target/classes:target/densetrain.jar:$(cat benchmarks/target/classpath.txt)"
NATIVE="-Djava.io.tmpdir=$PWD/benchmarks/target -Dorg.bytedeco.javacpp.cachedir=$PWD/benchmarks/target/javacpp-cache"
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"
jmh() { # jmh CLASS ARGS...: prints "<class> <params> <score ms>" lines
  java $NATIVE -cp "$CP" org.openjdk.jmh.Main "io\.densetrain\.bench\.$1\." -jvmArgs "$NATIVE" -p threads="$THREADS" \
    -rf json -rff "$OUT/float32-jmh.json" "${@:2}" >/dev/null
  "$PY" -c 'import json,sys; [print(json.dumps({"bench": r["benchmark"].split(".")[-2], "params": r["params"], "ms": r["primaryMetric"]["score"], "runs_ms": [x for f in r["primaryMetric"]["rawData"] for x in f]})) for r in json.load(open(sys.argv[1]))]' "$OUT/float32-jmh.json"
}
{
  for p in $(seq "$PAIRS"); do
    echo "{\"pair\": $p, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
    jmh TrainStepBenchmark -p device=cpu-float32 -p batch=4096 -p reg=none -f 1 -wi 2 -i 5 -w 2s -r 2s
    "$PY" benchmarks/peers/step_torch.py --threads "$THREADS" --batches 4096 --regs none --dtypes float32,float64 --seconds 6
    jmh TrainStepBenchmark -p device=cpu -p batch=4096 -p reg=none -f 1 -wi 2 -i 5 -w 2s -r 2s
  done
} | tee "$OUT/float32-step.txt"
{
  for p in $(seq "$PAIRS"); do
    echo "{\"pair\": $p, \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
    for d in cpu-float32 cpu; do
      jmh MiniBatchBenchmark -p device=$d -p optimizer=adam -p batch=128 -f 1 -wi 1 -i 3
    done
  done
} | tee "$OUT/float32-minibatch.txt"
# The summary: medians over pairs and the per-pair ratios (peer time / densetrain time, > 1: densetrain faster).
"$PY" - "$OUT/float32-step.txt" "$OUT/float32-minibatch.txt" <<'PY'
import json, statistics, sys
def pairs(path):
    out, cur = [], None
    for line in open(path):
        r = json.loads(line)
        if "pair" in r:
            cur = {"load": r["load"]}; out.append(cur)
        elif "bench" in r:
            cur[r["params"]["device"]] = r["ms"]
        elif r.get("suite") == "step":
            t = sorted(r["times"]); cur[r["peer"]] = 1000 * statistics.median(t)
    return out
def line(name, ps, a, b):
    ratios = [p[b] / p[a] for p in ps if a in p and b in p]
    if ratios:
        print(f"{name}: {a} {statistics.median([p[a] for p in ps if a in p]):.1f} ms, {b} {statistics.median([p[b] for p in ps if b in p]):.1f} ms;"
              f" {b}/{a} per pair {', '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f}x")
step, mb = pairs(sys.argv[1]), pairs(sys.argv[2])
print("loads: " + "; ".join(p["load"] for p in step + mb))
line("[784,1024,1024,10] step b4096", step, "cpu-float32", "torch-float32")
line("[784,1024,1024,10] step b4096", step, "cpu", "torch-float64")
line("[784,1024,1024,10] step b4096", step, "cpu-float32", "cpu")
line("MNIST-shaped adam/128", mb, "cpu-float32", "cpu")
PY
