#!/usr/bin/env bash
# The one command to run on a GPU machine, rehearsed in CI against a fake PyTorch layout:
#   bash native-check/gpu-run.sh [LOG_DIR]
# with the GPU bundle beside it (target/gpu-bundle of the source tree, native-check/gpu-bundle, the
# folder of this script when it is the bundle's copy, or $DENSETRAIN_BUNDLE). Within 6 minutes it
#   1. records the environment (nvidia-smi, every CUDA library file found and the file it resolves to,
#      which names its version; the bundle's version and size),
#   2. runs native-check with the parity suite (search path, libraries, GPU, parity cuRAND + Philox),
#   3. runs `parity` for each uniform source (curand, philox) and with TF32,
#   4. measures densetrain's throughput for [784,1024,1024,10] and [4096,4096,4096,4096,10] at batch
#      4096 and 16384, float32 and TF32, without and with dropout (keep 0.8),
#   5. runs the same cases in PyTorch eager on the same GPU (peers/gpu_torch.py),
#   6. drafts RESULTS.md from what it measured (LOG_DIR/RESULTS.md, and native-check/RESULTS.md of
#      the source tree, or $GPU_RUN_RESULTS).
# Nothing needs a JDK, Maven or the network. Every step has its own timeout and the whole run a budget
# (GPU_RUN_BUDGET seconds, default 350): a hang costs one step, never the window. A failing step is
# recorded with its exit status and the script goes on; it exits 0 when every step passed, else 1.
# GPU_RUN_REDRAFT=1 only drafts RESULTS.md again from the logs already in LOG_DIR.
set -uo pipefail
start_epoch=$(date +%s)
budget=${GPU_RUN_BUDGET:-350}
here="$(cd "$(dirname "$0")" && pwd)"

bundle=""
for b in "${DENSETRAIN_BUNDLE:-}" "$here" "$here/gpu-bundle" "$here/../target/gpu-bundle"; do
    if [ -n "$b" ] && [ -f "$b/jre/bin/java" ] && [ -f "$b/densetrain.jar" ]; then bundle="$(cd "$b" && pwd)"; break; fi
done
# A copy that lost its permission bits still runs.
if [ -n "$bundle" ] && { [ ! -x "$bundle/jre/bin/java" ] || [ ! -x "$bundle/densetrain" ]; }; then
    chmod u+x "$bundle/jre/bin/"* "$bundle/jre/lib/jspawnhelper" "$bundle/densetrain" "$bundle"/*.sh 2>/dev/null || true
fi
[ -n "$bundle" ] || { echo "gpu-run.sh: no GPU bundle found beside $here (build it with native-check/build-bundle.sh and copy target/gpu-bundle)" >&2; exit 2; }
if [ -f "$here/../pom.xml" ] && [ -d "$here/../src" ]; then tree="$(cd "$here/.." && pwd)"; else tree=""; fi
log="${1:-${tree:-$PWD}/target/gpu-run}"
mkdir -p "$log" || { echo "gpu-run.sh: cannot create $log" >&2; exit 2; }
log="$(cd "$log" && pwd)"
results="${GPU_RUN_RESULTS:-${tree:+$tree/native-check/RESULTS.md}}"
peer="$bundle/peers/gpu_torch.py"
[ -f "$peer" ] || peer="$here/../benchmarks/peers/gpu_torch.py"
dt="$bundle/densetrain"
steps="$log/steps.tsv"
redraft=${GPU_RUN_REDRAFT:-0}
if [ "$redraft" = 1 ]; then
    [ -f "$steps" ] || { echo "gpu-run.sh: GPU_RUN_REDRAFT=1 needs the logs of a run in $log" >&2; exit 2; }
else
    printf 'step\tstatus\tseconds\tlog\n' > "$steps"
fi
failures=0
# The throughput cases: layers, batch, timed iterations.
cases=("784,1024,1024,10 4096 50" "784,1024,1024,10 16384 50" "4096,4096,4096,4096,10 4096 20" "4096,4096,4096,4096,10 16384 20")

remaining() { echo $(( budget - ($(date +%s) - start_epoch) )); }

# run NAME CAP COMMAND...: runs COMMAND with stdout+stderr in LOG_DIR/NAME.txt, under a timeout of CAP
# seconds or what is left of the budget (keeping 10 s for RESULTS.md), whichever is less.
run() {
    local name=$1 cap=$2; shift 2
    local left=$(( $(remaining) - 10 )) t0 status secs
    [ "$left" -lt "$cap" ] && cap=$left
    if [ "$cap" -lt 5 ]; then
        printf '%s\tskipped (budget spent)\t0\t-\n' "$name" >> "$steps"
        echo "  $name: skipped, the ${budget}s budget is spent"
        failures=$((failures + 1))
        return 1
    fi
    t0=$(date +%s)
    timeout -k 5 "$cap" "$@" > "$log/$name.txt" 2>&1 < /dev/null
    status=$?
    secs=$(( $(date +%s) - t0 ))
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
        printf '%s\ttimed out after %ss\t%s\t%s.txt\n' "$name" "$cap" "$secs" "$name" >> "$steps"
        echo "  $name: TIMED OUT after ${cap}s (log $log/$name.txt)"
    else
        printf '%s\texit %s\t%s\t%s.txt\n' "$name" "$status" "$secs" "$name" >> "$steps"
        echo "  $name: exit $status in ${secs}s"
    fi
    [ "$status" = 0 ] || failures=$((failures + 1))
    return "$status"
}

echo "gpu-run.sh: bundle $bundle, logs $log, budget ${budget}s"
if [ "$redraft" != 1 ]; then

# ---- 1. the environment ----
environment() {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(uname -a)"
    echo "cpus: $(nproc 2>/dev/null), memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
    echo "bundle: $bundle"
    sed 's/^/  /' "$bundle/BUNDLE.txt" 2>/dev/null
    echo "bundle java: $("$bundle/jre/bin/java" -version 2>&1 | head -n 1)"
    for v in PATH LD_LIBRARY_PATH CUDA_HOME CUDA_PATH VIRTUAL_ENV CONDA_PREFIX DENSETRAIN_CUDA_LIBS CUDA_VISIBLE_DEVICES NVIDIA_VISIBLE_DEVICES; do
        echo "$v=${!v:-}"
    done
    echo "---- nvidia-smi"
    if command -v nvidia-smi >/dev/null 2>&1; then
        timeout 20 nvidia-smi 2>&1
        timeout 20 nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap,clocks.max.sm,power.limit --format=csv 2>&1
    else
        echo "nvidia-smi: not found"
    fi
    echo "---- CUDA library files (file -> what it resolves to)"
    local dirs=() d f
    IFS=: read -r -a dirs <<< "${DENSETRAIN_CUDA_LIBS:-}:${LD_LIBRARY_PATH:-}"
    for d in "${CUDA_HOME:-/nonexistent}"/lib64 "${CUDA_PATH:-/nonexistent}"/lib64 /usr/local/cuda*/lib64 \
             /opt/*/.venv/lib/python3*/site-packages/nvidia/*/lib /opt/conda/lib/python3*/site-packages/nvidia/*/lib \
             "$HOME"/.local/lib/python3*/site-packages/nvidia/*/lib "${VIRTUAL_ENV:-/nonexistent}"/lib/python3*/site-packages/nvidia/*/lib \
             /usr/local/lib/python3*/dist-packages/nvidia/*/lib /usr/lib/python3/dist-packages/nvidia/*/lib \
             /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu; do
        dirs+=("$d")
    done
    for p in $(type -a -P python3 2>/dev/null); do
        for d in "$(dirname "$(dirname "$p")")"/lib/python3*/site-packages/nvidia/*/lib; do dirs+=("$d"); done
    done
    printf '%s\n' "${dirs[@]}" | awk 'NF && !seen[$0]++' | while read -r d; do
        [ -d "$d" ] || continue
        for f in "$d"/libcuda.so* "$d"/libcublas.so* "$d"/libcublasLt.so* "$d"/libcurand.so* "$d"/libcudart.so* "$d"/libnvrtc.so* "$d"/libnvJitLink.so*; do
            [ -e "$f" ] && echo "$f -> $(readlink -f "$f")"
        done
    done
    return 0
}
export bundle log peer
export -f environment
run environment 40 bash -c environment

# ---- 2. native-check with the parity suite ----
run native-check 100 "$dt" native-check --iterations 20

# Should the driver's library lack a symbol the JCuda driver binding references but never calls, the
# launcher's LD_BIND_NOW refuses the binding: then run once more with lazy binding and keep it.
if grep -q "JCuda's driver binding did not load (.*undefined symbol" "$log/native-check.txt" 2>/dev/null; then
    export DENSETRAIN_LAZY_BIND=1
    echo "  the driver binding needs lazy binding here (see native-check.txt): DENSETRAIN_LAZY_BIND=1 from now on"
    run native-check-lazy-bind 100 "$dt" native-check --iterations 20
fi

# ---- 3. parity: each uniform source, and TF32 ----
run parity-curand 45 "$dt" parity --rng curand
run parity-philox 45 "$dt" parity --rng philox
run parity-tf32 45 "$dt" parity --tf32

# ---- 4. densetrain throughput (each run: float32, then TF32) ----
for c in "${cases[@]}"; do
    read -r layers batch iterations <<< "$c"
    for keep in 1 0.8; do
        name="throughput-${layers//,/-}-b$batch-keep$keep"
        run "$name" 60 "$dt" native-check --skip-parity --layers "$layers" --batch "$batch" --iterations "$iterations" --keep-prob "$keep"
    done
done

# ---- 5. PyTorch eager on the same GPU ----
torch_python() {
    local c
    for c in "${TORCH_PYTHON:-}" /opt/*/.venv/bin/python3 "$(command -v python3 2>/dev/null)" /usr/bin/python3; do
        [ -n "$c" ] && [ -x "$c" ] || continue
        if timeout 60 "$c" -c 'import torch' >/dev/null 2>&1; then echo "$c"; return 0; fi
    done
    return 1
}
torch_step() {
    local py
    py=$(torch_python) || { echo "no python3 with torch found (tried \$TORCH_PYTHON, /opt/*/.venv/bin/python3, python3 on the PATH, /usr/bin/python3)"; return 2; }
    echo "python: $py"
    timeout 20 "$py" -m pip list 2>/dev/null | grep -i -E '^(torch|nvidia-)' | sed 's/^/  /'
    "$py" "$peer" --device cuda --cases "$TORCH_CASES" --keep-prob 0.8
}
TORCH_CASES=""
for c in "${cases[@]}"; do
    read -r layers batch iterations <<< "$c"
    TORCH_CASES="$TORCH_CASES${TORCH_CASES:+;}$layers@$batch@$iterations"
done
export TORCH_CASES
export -f torch_python torch_step
run torch 150 bash -c torch_step

# ---- 6. sweep on one GPU: the same 2x2 sweep with its four trials one after another, then all at once ----
# (each trial is a child JVM with its own CUDA context; which order is faster decides sweep's default on CUDA)
for size in small large; do
    if [ "$size" = small ]; then sweep_data=(--samples 20000 --features 256 --hidden 1024,1024 --batch-size 512 --epochs 3)
    else sweep_data=(--samples 40000 --features 784 --hidden 4096,4096 --batch-size 4096 --epochs 5); fi
    for parallel in 1 4; do
        run "sweep-$size-parallel$parallel" 45 "$dt" sweep --data blobs --classes 10 "${sweep_data[@]}" --optimizer adam --lr 0.001 \
            --split 0.8,0.1,0.1 --device cuda --grid l2=0,0.7 --grid keep-prob=1,0.8 --parallel "$parallel" --json
    done
done
fi # not GPU_RUN_REDRAFT

# ---- 7. RESULTS.md ----
num() { sed -n "s/.*$1 *\([-0-9.e+]*\).*/\1/p" | head -n 1; }
# densetrain LOG MODE: "examples/s|ms|TFLOP/s" from the throughput line of MODE (float32 | tf32), or the failure.
densetrain_cell() {
    local f=$1 mode=$2 line
    [ -f "$f" ] || { echo "not run|—|—"; return; }
    if [ "$mode" = tf32 ]; then line=$(grep -E '^\[(ok  |FAIL)\] throughput \(tf32\)' "$f" | head -n 1)
    else line=$(grep -E '^\[(ok  |FAIL)\] throughput ' "$f" | grep -v '(tf32)' | head -n 1); fi
    if [ -n "$line" ]; then
        echo "$(echo "$line" | sed -n 's/.*: \([0-9]*\) examples\/s.*/\1/p')|$(echo "$line" | sed -n 's/.* \([0-9.]*\) ms\/iteration.*/\1/p')|$(echo "$line" | sed -n 's/.* \([0-9.]*\) TFLOP\/s.*/\1/p')"
    else
        local why
        why=$(grep -m1 -E '^\[FAIL\] (cuda|throughput)' "$f" || grep -m1 -E '^\[FAIL\]|error' "$f" || tail -n 1 "$f")
        echo "failed: $(echo "$why" | sed 's/^\[FAIL\] *//' | tr '|' '/' | cut -c 1-100)|—|—"
    fi
}
torch_cell() {
    local layers=$1 batch=$2 tf32=$3 keep=$4 line
    line=$(grep '"suite": "gpu-throughput"' "$log/torch.txt" 2>/dev/null | grep "\"layers\": \[${layers//,/, }\], \"batch\": $batch, \"tf32\": $tf32, \"keep_prob\": $keep[,}]" | head -n 1)
    if [ -z "$line" ]; then echo "not measured|—|—"; return; fi
    if echo "$line" | grep -q '"error"'; then echo "error: $(echo "$line" | sed -n 's/.*"error": "\([^"]*\)".*/\1/p' | cut -c 1-80)|—|—"; return; fi
    awk -v l="$line" 'BEGIN {
        match(l, /"examples_per_s": [0-9.e+]+/); e = substr(l, RSTART + 18, RLENGTH - 18);
        match(l, /"ms_per_iteration": [0-9.e+]+/); m = substr(l, RSTART + 20, RLENGTH - 20);
        match(l, /"tflops": [0-9.e+]+/); t = substr(l, RSTART + 10, RLENGTH - 10);
        printf "%.0f|%.2f|%.1f\n", e, m, t }'
}
draft() {
    echo "# GPU run: densetrain on $( [ -n "$gpu" ] && echo "$gpu" || echo "a machine without a usable GPU")"
    echo
    echo "Drafted by \`native-check/gpu-run.sh\` on $(date -u +%Y-%m-%d\ %H:%M\ UTC) in $(( $(date +%s) - start_epoch )) s;"
    echo "logs in \`$(basename "$log")/\`. $(sed -n 1p "$bundle/BUNDLE.txt" 2>/dev/null); $(sed -n 2p "$bundle/BUNDLE.txt" 2>/dev/null)."
    echo
    echo "## Steps"
    echo
    echo "| step | result | seconds |"
    echo "|---|---|---|"
    tail -n +2 "$steps" | awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }'
    echo
    echo "## Stack (native-check)"
    echo
    echo '```'
    grep -v -E '^\[(ok  |FAIL)\] throughput' "$log/native-check.txt" 2>/dev/null | cut -c 1-400
    echo '```'
    echo
    echo "## Parity"
    echo
    local p
    for p in parity-curand parity-philox parity-tf32; do
        echo "- \`$p\`: $(awk -F'\t' -v s="$p" '$1 == s { print $2 }' "$steps"); $(grep -v '^\s*$' "$log/$p.txt" 2>/dev/null | tail -n 1 | cut -c 1-200)"
    done
    echo
    echo "## Throughput: densetrain vs PyTorch eager (examples/s, ms per training step, GEMM TFLOP/s)"
    echo
    echo "One training step = forward, backward, SGD update, data resident on the GPU. Dropout keep 0.8 on the hidden layers where shown."
    echo
    echo "| network | batch | math | dropout | densetrain ex/s | ms | TFLOP/s | PyTorch ex/s | ms | TFLOP/s | densetrain/PyTorch |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    local c layers batch iterations keep mode d t de te
    for c in "${cases[@]}"; do
        read -r layers batch iterations <<< "$c"
        for mode in float32 tf32; do
            for keep in 1 0.8; do
                d=$(densetrain_cell "$log/throughput-${layers//,/-}-b$batch-keep$keep.txt" "$mode")
                t=$(torch_cell "$layers" "$batch" "$( [ "$mode" = tf32 ] && echo true || echo false)" "$( [ "$keep" = 1 ] && echo 1.0 || echo "$keep")")
                de=${d%%|*}; te=${t%%|*}
                ratio=$(awk -v a="$de" -v b="$te" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "—" }')
                echo "| [$layers] | $batch | $mode | $( [ "$keep" = 1 ] && echo none || echo "keep $keep") | ${d//|/ | } | ${t//|/ | } | $ratio |"
            done
        done
    done
    echo
    echo "## sweep on one GPU: four trials one after another (--parallel 1) or at once (--parallel 4)"
    echo
    echo "2x2 grid (l2 0/0.7 x keep-prob 1/0.8) on blobs, Adam, 10 classes; small = [256,1024,1024,10] batch 512, 3 epochs of 16,000;"
    echo "large = [784,4096,4096,10] batch 4096, 5 epochs of 32,000. Wall seconds of the whole sweep (child JVMs and CUDA start included)."
    echo
    echo "| network | --parallel 1 | --parallel 4 | sequential/concurrent |"
    echo "|---|---|---|---|"
    local size s1 s4
    for size in small large; do
        s1=$(awk -F'\t' -v s="sweep-$size-parallel1" '$1 == s { print ($2 == "exit 0" ? $3 : $2) }' "$steps")
        s4=$(awk -F'\t' -v s="sweep-$size-parallel4" '$1 == s { print ($2 == "exit 0" ? $3 : $2) }' "$steps")
        echo "| $size | ${s1:-not run} | ${s4:-not run} | $(awk -v a="$s1" -v b="$s4" 'BEGIN { if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/ && b > 0) printf "%.2f", a / b; else print "—" }') |"
    done
    echo
    echo "## PyTorch"
    echo
    echo '```'
    grep -v '"suite": "gpu-throughput"' "$log/torch.txt" 2>/dev/null | head -n 20
    echo '```'
    echo
    echo "## To check by hand before committing"
    echo
    echo "- every step above passed, or its failure is understood (logs in \`$(basename "$log")/\`);"
    echo "- the README's CUDA section quotes these figures."
}
gpu=$(sed -n '/^---- nvidia-smi/,/^----/p' "$log/environment.txt" 2>/dev/null | grep -A1 '^name, driver_version' | tail -n 1)
draft > "$log/RESULTS.md"
if [ -n "$results" ]; then cp "$log/RESULTS.md" "$results" && echo "gpu-run.sh: drafted $results"; fi
failures=$(tail -n +2 "$steps" | awk -F'\t' '$2 != "exit 0"' | wc -l)
echo "gpu-run.sh: $failures failing step(s), $(( $(date +%s) - start_epoch )) s; steps in $steps, draft in $log/RESULTS.md"
[ "$failures" = 0 ]
