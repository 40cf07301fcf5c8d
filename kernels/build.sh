#!/usr/bin/env bash
# Regenerates src/main/resources/io/densetrain/kernels/*.ptx from kernels/*.cu, one PTX module per
# .cu file (native-check/STACK.md §4):
#   1. nvcc -ptx -arch=compute_75 (compute_75 is nvcc 13's minimum; the driver JITs it for sm_75+);
#   2. lower ".version X.Y" to 7.8 so that every driver from CUDA 11.8 (r520) on can JIT it; nvcc
#      13 writes 9.0, which only r580+ drivers accept, and the generated code uses nothing newer;
#   3. check each module with ptxas for sm_75, sm_80 and sm_90 (ptxas rejects an invalid lowering).
# Usage: kernels/build.sh [OUTPUT_DIR]   (default: the committed resource directory)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../src/main/resources/io/densetrain/kernels}"
PTX_VERSION=7.8
command -v nvcc >/dev/null || { echo "build.sh: nvcc not found on PATH (CUDA toolkit 12.x or 13.x)" >&2; exit 2; }
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for cu in "$here"/*.cu; do
    name="$(basename "$cu" .cu)"
    nvcc -ptx -arch=compute_75 -std=c++14 -I"$here" -o "$tmp/$name.ptx" "$cu"
    sed -E "s/^\.version [0-9]+\.[0-9]+$/.version $PTX_VERSION/" "$tmp/$name.ptx" > "$out/$name.ptx"
    grep -q "^\.version $PTX_VERSION$" "$out/$name.ptx" || { echo "build.sh: no .version line in $name.ptx" >&2; exit 1; }
    if command -v ptxas >/dev/null; then
        for sm in sm_75 sm_80 sm_90; do
            ptxas -arch="$sm" -o "$tmp/$name.$sm.cubin" "$out/$name.ptx"
        done
        echo "$name.ptx: .version $PTX_VERSION, assembles for sm_75 sm_80 sm_90"
    else
        echo "$name.ptx: .version $PTX_VERSION (ptxas not found: not assembled)"
    fi
done
