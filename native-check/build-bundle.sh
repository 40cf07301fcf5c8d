#!/usr/bin/env bash
# Builds the self-contained GPU bundle for hosts with an NVIDIA driver but no JDK and no network
# (GPU-STACK.md §7): target/gpu-bundle/ with a jlinked Temurin 25 JRE (java.base, java.logging,
# java.management, jdk.unsupported; FFM for libcublas.so.13 included), the fat jar built on JDK 25
# (so it carries the Java 22 FFM cuBLAS binding), the `densetrain` launcher and native-check.sh.
# The bundle must stay within 64 MiB; it leaves out what a GPU host does not need (see README):
# OpenBLAS's LAPACK builds (libjniopenblas*.so other than nolapack, headers) and JCublas v1.
# Then it smoke-tests the bundle with an empty environment (no JDK on the PATH).
# Usage: native-check/build-bundle.sh   (JDK25_HOME overrides the Temurin 25 location)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jdk="${JDK25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}"
[ -x "$jdk/bin/jlink" ] || { echo "build-bundle.sh: a JDK 25 is needed (set JDK25_HOME)" >&2; exit 2; }
out="$root/target/gpu-bundle"
cd "$root"
echo "building the jar with $jdk"
JAVA_HOME="$jdk" mvn -q -DskipTests package 2>&1 | grep -v '^WARNING' || true
[ -f target/densetrain.jar ] || { echo "build-bundle.sh: mvn package failed" >&2; exit 1; }
unzip -l target/densetrain.jar | grep 'META-INF/versions/22/io/densetrain/device/cuda/FfmCublas.class' >/dev/null \
    || { echo "build-bundle.sh: the jar lacks the Java 22 FFM binding" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$out/jre"
cp target/densetrain.jar "$out/densetrain.jar"
zip -q -d "$out/densetrain.jar" 'org/bytedeco/openblas/linux-x86_64/libjniopenblas.so' \
    'org/bytedeco/openblas/linux-x86_64/libjniopenblas_full.so' 'org/bytedeco/openblas/linux-x86_64/include/*' \
    'lib/libJCublas-*' >/dev/null
cp native-check/native-check.sh "$out/"
cat > "$out/densetrain" <<'LAUNCHER'
#!/bin/sh
# densetrain from the GPU bundle: its own Java runtime, no JDK needed.
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/jre/bin/java" --enable-native-access=ALL-UNNAMED -jar "$here/densetrain.jar" "$@"
LAUNCHER
chmod +x "$out/densetrain" "$out/native-check.sh"
bytes=$(du -sb "$out" | cut -f1)
mib=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
echo "bundle: $out, $mib MiB (jre $(du -sh "$out/jre" | cut -f1), jar $(du -sh "$out/densetrain.jar" | cut -f1))"
[ "$bytes" -le $((64 * 1048576)) ] || { echo "build-bundle.sh: the bundle exceeds 64 MiB" >&2; exit 1; }
echo "smoke test from the bundle with an empty environment:"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
env -i HOME="$tmp" PATH=/usr/bin:/bin "$out/densetrain" --version
env -i HOME="$tmp" PATH=/usr/bin:/bin "$out/densetrain" train --device cpu --iterations 200 --json > "$tmp/cpu.json"
grep -q '"device":"cpu (float64, OpenBLAS' "$tmp/cpu.json" || { echo "CPU device without OpenBLAS in the bundle:"; cat "$tmp/cpu.json"; exit 1; }
env -i HOME="$tmp" PATH=/usr/bin:/bin "$out/densetrain" train --device auto --iterations 200 --json > "$tmp/auto.json" 2> "$tmp/auto.err"
echo "  train --device auto: $(grep -o '"device":"[^"]*"' "$tmp/auto.json"); stderr: $(cat "$tmp/auto.err")"
set +e
env -i HOME="$tmp" PATH=/usr/bin:/bin "$out/native-check.sh" --iterations 5 > "$tmp/check.txt" 2>&1
status=$?
set -e
sed 's/^/  /' "$tmp/check.txt"
echo "  native-check exit status $status (0 on a GPU host with every check passed)"
