#!/usr/bin/env bash
# Checks gpu-run.sh's RESULTS.md drafting on the logs of a successful GPU run (fabricated here in the
# exact formats native-check and peers/gpu_torch.py print), which CI cannot produce without a GPU:
# every throughput row must carry both implementations' figures and their ratio.
# Usage: .ci/gpu-run-draft-test.sh   (after native-check/build-bundle.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
log="$dir/logs"
mkdir -p "$log"
printf 'step\tstatus\tseconds\tlog\n' > "$log/steps.tsv"
printf -- '---- nvidia-smi\nname, driver_version, memory.total [MiB]\nNVIDIA H200, 580.65.06, 143771 MiB\n---- CUDA library files\n' > "$log/environment.txt"
printf '[ok  ] gpu                    NVIDIA H200 (sm_90, 132 SMs, 139.7 GiB), driver CUDA 13.0\nnative-check: all checks passed\n' > "$log/native-check.txt"
for p in parity-curand parity-philox parity-tf32; do echo "parity: PASSED" > "$log/$p.txt"; done
torch="$log/torch.txt"
echo '{"suite": "gpu-env", "peer": "torch", "torch": "2.9.0+cu130", "cuda": "13.0", "device": "cuda", "gpu": "NVIDIA H200"}' > "$torch"
for layers in 784,1024,1024,10 4096,4096,4096,4096,10; do
    for batch in 4096 16384; do
        for keep in 1 0.8; do
            f="$log/throughput-${layers//,/-}-b$batch-keep$keep.txt"
            shown="[${layers//,/, }] relu/softmax batch $batch$( [ "$keep" = 1 ] || echo " dropout keep 0.80")"
            printf '[ok  ] throughput             %s: 100000 examples/s, 2.00 ms/iteration, 3.0 TFLOP/s (GEMMs), cost 2.3 → 2.2\n' "$shown" > "$f"
            printf '[ok  ] throughput (tf32)      %s: 300000 examples/s, 0.67 ms/iteration, 9.0 TFLOP/s (GEMMs), cost 2.3 → 2.2\n' "$shown" >> "$f"
            printf '%s\texit 0\t3\t%s\n' "$(basename "$f" .txt)" "$(basename "$f")" >> "$log/steps.tsv"
            kp=$( [ "$keep" = 1 ] && echo 1.0 || echo "$keep")
            for tf32 in false true; do
                echo "{\"suite\": \"gpu-throughput\", \"peer\": \"torch\", \"layers\": [${layers//,/, }], \"batch\": $batch, \"tf32\": $tf32, \"keep_prob\": $kp, \"examples_per_s\": 200000.0, \"ms_per_iteration\": 1.0, \"tflops\": 6.0, \"cost_before\": 2.3, \"cost_after\": 2.2}" >> "$torch"
            done
        done
    done
done
for s in environment native-check parity-curand parity-philox parity-tf32 torch; do printf '%s\texit 0\t1\t%s.txt\n' "$s" "$s" >> "$log/steps.tsv"; done
printf 'sweep-small-parallel1\texit 0\t12\tsweep-small-parallel1.txt\nsweep-small-parallel4\texit 0\t5\tsweep-small-parallel4.txt\n' >> "$log/steps.tsv"
printf 'sweep-large-parallel1\texit 0\t16\tsweep-large-parallel1.txt\nsweep-large-parallel4\texit 0\t9\tsweep-large-parallel4.txt\n' >> "$log/steps.tsv"
GPU_RUN_REDRAFT=1 GPU_RUN_RESULTS="$dir/RESULTS.md" bash native-check/gpu-run.sh "$log" > "$dir/out.txt" 2>&1 \
    || { cat "$dir/out.txt"; echo "gpu-run-draft-test: redraft of a passing run exited non-zero"; exit 1; }
r="$dir/RESULTS.md"
grep -q '^# GPU run: densetrain on NVIDIA H200, 580.65.06' "$r" || { cat "$r"; echo "gpu-run-draft-test: the GPU is not named"; exit 1; }
rows=$(grep -c '^| \[' "$r")
[ "$rows" = 16 ] || { cat "$r"; echo "gpu-run-draft-test: $rows throughput rows, 16 expected"; exit 1; }
grep -q '^| \[4096,4096,4096,4096,10\] | 16384 | tf32 | keep 0.8 | 300000 | 0.67 | 9.0 | 200000 | 1.00 | 6.0 | 1.50 |$' "$r" \
    || { grep '^| \[' "$r"; echo "gpu-run-draft-test: a row lacks its figures"; exit 1; }
grep -q '^| \[784,1024,1024,10\] | 4096 | float32 | none | 100000 | 2.00 | 3.0 | 200000 | 1.00 | 6.0 | 0.50 |$' "$r" \
    || { grep '^| \[' "$r"; echo "gpu-run-draft-test: a row lacks its figures"; exit 1; }
grep -q '^| small | 12 | 5 | 2.40 |$' "$r" && grep -q '^| large | 16 | 9 | 1.78 |$' "$r" \
    || { grep -A5 '^## sweep' "$r"; echo "gpu-run-draft-test: the sweep table is wrong"; exit 1; }
echo "gpu-run-draft-test: passed (16 rows with densetrain, PyTorch and the ratio)"
