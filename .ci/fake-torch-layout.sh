#!/usr/bin/env bash
# Builds a stand-in of PyTorch's CUDA 13 pip layout for the GPU dress rehearsal: DIR/.venv with
# bin/python3 (a link to /usr/bin/python3) and, in lib/python3.12/site-packages/nvidia, cu13/lib with
# libcublas.so.13 and libcublasLt.so.13 and curand/lib with libcurand.so.10: empty shared objects with
# the right SONAME (gcc), which load but define no symbol, so discovery finds and loads them and the
# bindings fail with their one-line reasons. Prints DIR/.venv.
# Usage: .ci/fake-torch-layout.sh DIR
set -euo pipefail
dir="$1"
venv="$dir/.venv"
site="$venv/lib/python3.12/site-packages/nvidia"
mkdir -p "$venv/bin" "$site/cu13/lib" "$site/curand/lib"
ln -sf /usr/bin/python3 "$venv/bin/python3"
printf 'home = /usr/bin\ninclude-system-site-packages = true\nversion = 3.12.0\n' > "$venv/pyvenv.cfg"
src="$dir/empty.c"
echo 'int densetrain_stand_in;' > "$src"
for lib in cu13/lib/libcublas.so.13 cu13/lib/libcublasLt.so.13 curand/lib/libcurand.so.10; do
    gcc -shared -fPIC -Wl,-soname,"$(basename "$lib")" -o "$site/$lib" "$src"
done
echo "$venv"
