#!/usr/bin/env bash
# benchmarks/float32.sh [PAIRS]: the float32 CPU device (--device cpu --precision float32) in alternating
# pairs, same run: (1) one [784,1024,1024,10] training step at batch 4096 (JMH TrainStepBenchmark,
# device cpu-float32, then cpu) against PyTorch float32 (peers/step_torch.py); (2) the MNIST-shaped
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
    "$PY" benchmarks/peers/step_torch.py --threads "$THREADS" --batches 4096 --regs none --dtypes float32 --seconds 6
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
