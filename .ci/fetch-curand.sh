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
cat > "$dir/sources.list" <<'SRC'
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main non-free
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main non-free
SRC
opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$dir/lists"
      -o "Dir::Cache=$dir/cache" -o APT::Sandbox::User=root)
timeout 300 apt-get "${opts[@]}" -qq update >&2
(cd "$dir" && timeout 300 apt-get "${opts[@]}" -qq download libcurand10 >&2)
dpkg-deb -x "$dir"/libcurand10_*.deb "$dir/root"
[ -e "$lib/libcurand.so.10" ]
echo "$lib"
