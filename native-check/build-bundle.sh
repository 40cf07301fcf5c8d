#!/usr/bin/env bash
# Builds the self-contained GPU bundle for hosts with an NVIDIA driver but no JDK and no network:
# target/gpu-bundle/ with a jlinked Temurin 25 JRE (java.base, java.logging, java.management,
# jdk.unsupported; FFM for libcublas.so.13 included), the fat jar built on JDK 25 (so it carries the
# Java 22 FFM cuBLAS binding), the `densetrain` launcher, native-check.sh, gpu-run.sh and the PyTorch
# peer. The bundle must stay within 60 MiB (the source tree travels with it); it leaves out what a GPU
# host does not need (see README "GPU bundle"): OpenBLAS's LAPACK builds, JCublas v1, the PDF/SVG
# export of XChart (plots need java.desktop, which this JRE lacks anyway), other platforms' natives of
# lz4 and jline, and the symbol tables of the JRE's shared libraries (strip --strip-unneeded).
# Then it runs bundle-smoke.sh: --version and every subcommand's --help on the bundle's own runtime
# with an empty environment, a CPU train, and native-check.
# Usage: native-check/build-bundle.sh   (JDK25_HOME overrides the Temurin 25 location)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jdk="${JDK25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}"
[ -x "$jdk/bin/jlink" ] || { echo "build-bundle.sh: a JDK 25 is needed (set JDK25_HOME)" >&2; exit 2; }
limit_mib=60
out="$root/target/gpu-bundle"
cd "$root"
echo "building the jar with $jdk"
rm -f target/densetrain.jar
set +e
JAVA_HOME="$jdk" mvn -q -DskipTests package > target/bundle-mvn.log 2>&1
status=$?
set -e
grep -v '^WARNING' target/bundle-mvn.log || true
[ "$status" = 0 ] && [ -f target/densetrain.jar ] || { echo "build-bundle.sh: mvn package failed (exit $status)" >&2; exit 1; }
unzip -l target/densetrain.jar | grep 'META-INF/versions/22/io/densetrain/device/cuda/FfmCublas.class' >/dev/null \
    || { echo "build-bundle.sh: the jar lacks the Java 22 FFM binding" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$out/jre"
# libjvm.so ships with its full symbol table (5 MiB); the JVM does not need it to run.
if command -v strip >/dev/null 2>&1; then
    find "$out/jre" -name '*.so' -exec strip --strip-unneeded {} +
else
    echo "build-bundle.sh: strip (binutils) not found: the JRE's libraries keep their symbol tables (about 5 MiB more)"
fi
cp target/densetrain.jar "$out/densetrain.jar"
zip -q -d "$out/densetrain.jar" \
    'org/bytedeco/openblas/linux-x86_64/libjniopenblas.so' 'org/bytedeco/openblas/linux-x86_64/libjniopenblas_full.so' \
    'org/bytedeco/openblas/linux-x86_64/include/*' 'org/bytedeco/openblas/global/openblas_full.class' \
    'org/bytedeco/openblas/global/openblas.class' 'lib/libJCublas-*' \
    'org/apache/pdfbox/*' 'org/apache/fontbox/*' 'de/rototor/*' 'de/erichseifert/*' \
    'net/jpountz/util/windows/*' 'net/jpountz/util/darwin/*' 'net/jpountz/util/linux/aarch64/*' \
    'net/jpountz/util/linux/i386/*' 'net/jpountz/util/linux/ppc64le/*' 'net/jpountz/util/linux/riscv64/*' \
    'net/jpountz/util/linux/s390x/*' 'org/jline/nativ/Windows/*' 'org/jline/nativ/Mac/*' 'org/jline/nativ/FreeBSD/*' \
    'org/jline/nativ/Linux/arm*' 'org/jline/nativ/Linux/ppc64/*' 'org/jline/nativ/Linux/x86/*' >/dev/null
cp native-check/native-check.sh native-check/gpu-run.sh native-check/bundle-smoke.sh "$out/"
mkdir -p "$out/peers"
cp benchmarks/peers/gpu_torch.py "$out/peers/"
cat > "$out/densetrain" <<'LAUNCHER'
#!/bin/sh
# densetrain from the GPU bundle: its own Java runtime, no JDK needed. LD_BIND_NOW: a JNI library
# whose NVIDIA library lacks a symbol (a stand-in, a wrong version) then fails to load with a reason
# instead of killing the JVM with "symbol lookup error" at its first call (DENSETRAIN_LAZY_BIND=1: off).
here="$(cd "$(dirname "$0")" && pwd)"
[ "${DENSETRAIN_LAZY_BIND:-0}" = 1 ] || export LD_BIND_NOW=1
exec "$here/jre/bin/java" --enable-native-access=ALL-UNNAMED -jar "$here/densetrain.jar" "$@"
LAUNCHER
chmod +x "$out/densetrain" "$out/native-check.sh" "$out/gpu-run.sh" "$out/bundle-smoke.sh"
bytes=$(du -sb "$out" | cut -f1)
mib=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
jre_mib=$(awk "BEGIN { printf \"%.1f\", $(du -sb "$out/jre" | cut -f1) / 1048576 }")
jar_mib=$(awk "BEGIN { printf \"%.1f\", $(stat -c %s "$out/densetrain.jar") / 1048576 }")
echo "densetrain $(unzip -p "$out/densetrain.jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r'), built $(date -u +%Y-%m-%dT%H:%MZ) with $("$jdk/bin/java" -version 2>&1 | head -n 1)" > "$out/BUNDLE.txt"
echo "size: $mib MiB ($bytes bytes; jre $jre_mib MiB, jar $jar_mib MiB; limit $limit_mib MiB)" >> "$out/BUNDLE.txt"
echo "bundle: $out, $mib MiB (jre $jre_mib MiB, jar $jar_mib MiB; limit $limit_mib MiB)"
[ "$bytes" -le $((limit_mib * 1048576)) ] || { echo "build-bundle.sh: the bundle ($mib MiB) exceeds $limit_mib MiB" >&2; exit 1; }
bash native-check/bundle-smoke.sh "$out"
