#!/usr/bin/env bash
# benchmarks/minibatch.sh [--quick]: the MNIST-shaped mini-batch workload (issue 16) in densetrain (JMH) against
# scikit-learn's MLPClassifier and PyTorch float32/float64 (with DL4J=1 also Deeplearning4j float32/float64) as
# alternating pairs, then the course's small nets against numpy (and DL4J). Writes the minibatch section of
# RESULTS (default benchmarks/RESULTS.md). Needs /usr/bin/python3 with sklearn and torch (Debian: apt-get install -y
# python3-torch libopenblas0-pthread python3-sklearn). PAIRS (5) pairs for adam/128, one for each other optimizer and
# batch of GRID (adam,momentum,gd:64,128,512), then COURSE_PAIRS (3) pairs of the course's nets; about 10 minutes on
# a quiet 2-core machine (--quick: 2 pairs, batch 128 only, one course pair; DL4J adds about 3 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${DENSETRAIN_BENCH_THREADS:-$(nproc)}"
PY="${PEER_PYTHON:-/usr/bin/python3}"
OUT=benchmarks/target/results
mkdir -p "$OUT"
PAIRS="${PAIRS:-5}"; GRID="${GRID:-adam,momentum,gd:64,128,512}"
COURSE_PAIRS="${COURSE_PAIRS:-3}"
if [[ "${1:-}" == "--quick" ]]; then PAIRS=2; GRID="adam:128"; COURSE_PAIRS=1; fi
[[ -f target/densetrain.jar ]] || mvn -q -B -DskipTests package
[[ -f benchmarks/target/classpath.txt ]] || mvn -q -B -f benchmarks/pom.xml -DskipTests package
CP="benchmarks/target/classes:target/densetrain.jar:$(cat benchmarks/target/classpath.txt)"
NATIVE="-Djava.io.tmpdir=$PWD/benchmarks/target -Dorg.bytedeco.javacpp.cachedir=$PWD/benchmarks/target/javacpp-cache"
DATA=benchmarks/target/mnist-shaped.bin
java -cp "$CP" io.densetrain.bench.MnistShaped "$DATA"
PEERS=""
"$PY" -c 'import sklearn' 2>/dev/null && PEERS="sklearn" || echo "scikit-learn peer skipped: $PY has no sklearn"
"$PY" -c 'import torch' 2>/dev/null && PEERS="$PEERS,torch-float32,torch-float64" || echo "PyTorch peer skipped: $PY has no torch"
DL4J_CP=""
if [[ "${DL4J:-0}" == 1 ]]; then # Deeplearning4j: its own project, ~200 MB of jars fetched on the first build
  mvn -q -B -f benchmarks/peers/dl4j/pom.xml package
  DL4J_CP="benchmarks/peers/dl4j/target/classes:$(cat benchmarks/peers/dl4j/target/classpath.txt)"
  PEERS="$PEERS,dl4j-float32,dl4j-float64"
fi
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS
# Debian's OpenBLAS (under numpy, scikit-learn and PyTorch) picks a slower kernel on this CPU unless told its type.
export OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}"
exec "$PY" benchmarks/minibatch.py --cp "$CP" --native "$NATIVE" --data "$DATA" --out "$OUT" --python "$PY" \
  --threads "$THREADS" --pairs "$PAIRS" --grid "$GRID" --course-pairs "$COURSE_PAIRS" --peers "${PEERS#,}" --dl4j-cp "$DL4J_CP" --results "${RESULTS:-benchmarks/RESULTS.md}" --commit "$(git rev-parse --short HEAD 2>/dev/null || true)"
