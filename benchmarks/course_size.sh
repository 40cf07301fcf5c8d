#!/usr/bin/env bash
# The course-size check of issue 8: the four-layer network [12288, 20, 7, 5, 1] (xavier, lr 0.0075,
# 2500 full-batch iterations) on a generated stand-in for the course's cat-vs-non-cat files
# (209 train / 50 test pictures, 64x64x3 uint8, HDF5 in the course's layout), trained by densetrain's
# CPU device and by the plain numpy float64 peer in peers/deep_nn_numpy.py on the same files.
#
# usage: [THREADS=T] [REPEATS=R] benchmarks/course_size.sh [ITERATIONS]
#   needs python3 with numpy and h5py; THREADS: OpenBLAS threads, default all cores; REPEATS: pairs
#   run alternately (densetrain, numpy, densetrain, ...), default 3, so that a slow spell of a shared
#   machine hits both sides; the speed-up reported is the median of the per-pair ratios.
set -euo pipefail
iterations="${1:-2500}"
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/densetrain.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package)
python=python3
if ! "$python" -c "import h5py, numpy" 2>/dev/null; then
  python=/usr/bin/python3
  "$python" -c "import h5py, numpy" || { echo "the numpy peer needs h5py and numpy (Debian: apt-get install python3-h5py)"; exit 2; }
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -jar "$jar" export-h5 --data shapes --classes 2 --samples 209 --test-samples 50 --image-size 64x64 --channels 3 \
     --out "$work/train.h5" --test-out "$work/test.h5" >/dev/null
repeats="${REPEATS:-3}"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for r in $(seq 1 "$repeats"); do
  java -jar "$jar" train --train "$work/train.h5" --test "$work/test.h5" --layers 12288,20,7,5,1 --init xavier --lr 0.0075 --no-normalize \
       --iterations "$iterations" --device cpu --threads "${THREADS:-0}" --json > "$work/densetrain.$r.json"
  # Debian's OpenBLAS mis-detects this CPU's type; told it, the peer runs at its best (no harm elsewhere).
  OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-SkylakeX}" "$python" "$root/benchmarks/peers/deep_nn_numpy.py" "$work/train.h5" "$work/test.h5" "$iterations" > "$work/numpy.$r.json"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$work" "$repeats" <<'PY'
import json, statistics, sys
work, repeats = sys.argv[1], int(sys.argv[2])
print("| pair | implementation | iterations | seconds | train acc | test acc | final cost |")
print("|---|---|---|---|---|---|---|")
ratios = []
for r in range(1, repeats + 1):
    d = json.load(open("%s/densetrain.%d.json" % (work, r))); n = json.load(open("%s/numpy.%d.json" % (work, r)))
    print("| %d | densetrain %s | %d | %.2f | %.4f | %.4f | %.6f |" % (r, d["device"], d["iterations"], d["seconds"], d["train_accuracy"], d["test_accuracy"], d["final_cost"]))
    print("| %d | %s float64 | %d | %.2f | %.4f | %.4f | %.6f |" % (r, n["peer"], n["iterations"], n["seconds"], n["train_accuracy"], n["test_accuracy"], n["final_cost"]))
    ratios.append(n["seconds"] / d["seconds"])
print("speed-up of densetrain over numpy, per pair: %s; median %.2fx" % (", ".join("%.2fx" % x for x in ratios), statistics.median(ratios)))
PY
