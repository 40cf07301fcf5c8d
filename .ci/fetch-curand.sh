#!/usr/bin/env bash
# Best effort, for CurandHostTest only: unpacks (does not install) Debian bookworm's non-free
# libcurand10 (cuRAND 10.3 from CUDA 11.8) under target/curand through a private apt configuration,
# and prints the directory holding libcurand.so.10. cuRAND's host generator runs without a GPU, so the
# test can compare it with DropoutStream. Exits non-zero (and the test is skipped) when apt cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/target/curand"
lib="$dir/root/usr/lib/x86_64-linux-gnu"
if [ -e "$lib/libcurand.so.10" ]; then echo "$lib"; exit 0; fi
mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
# The machine's own Debian sources (deb822 files), with the non-free component added: no mirror is
# named here, whichever this machine is configured with is used.
mkdir -p "$dir/parts"
found=0
for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    if grep -q '^Suites:.*bookworm' "$f"; then
        sed 's/^Components:\(.*\)$/Components:\1 non-free/' "$f" > "$dir/parts/$(basename "$f")"
        found=1
    fi
done
[ "$found" = 1 ] || { echo "no Debian bookworm apt sources on this machine" >&2; exit 1; }
opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$dir/parts" -o "Dir::State::Lists=$dir/lists"
      -o "Dir::Cache=$dir/cache" -o APT::Sandbox::User=root)
timeout 300 apt-get "${opts[@]}" -qq update >&2
(cd "$dir" && timeout 300 apt-get "${opts[@]}" -qq download libcurand10 >&2)
dpkg-deb -x "$dir"/libcurand10_*.deb "$dir/root"
[ -e "$lib/libcurand.so.10" ]
echo "$lib"
