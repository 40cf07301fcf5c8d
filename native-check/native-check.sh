#!/usr/bin/env bash
# Diagnoses this machine's CUDA stack and runs the GPU parity suite and a short throughput run:
# driver and CUDA versions, GPU name, compute capability and memory, which of libcuda / libcublas
# (.12 or .13) / libcurand loaded and from where, every PTX module; exit status 0 only when every
# check passed. The checks themselves are `densetrain native-check` (Java); this script only finds a
# Java and the jar: the GPU bundle's own (bundle layout: jre/, densetrain.jar, native-check.sh side by
# side), else $JAVA_HOME or java on the PATH with target/densetrain.jar of a source checkout.
# Usage: native-check.sh [native-check options, e.g. --iterations 20 --skip-parity]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$here/jre/bin/java" ] && [ -f "$here/densetrain.jar" ]; then
    java="$here/jre/bin/java"; jar="$here/densetrain.jar"
else
    java="${JAVA_HOME:+$JAVA_HOME/bin/}java"; jar="$here/../target/densetrain.jar"
    [ -f "$jar" ] || { echo "native-check.sh: $jar not found: build it with 'mvn -q -DskipTests package'" >&2; exit 2; }
fi
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader \
    | sed 's/^/[info] nvidia-smi             /' || echo "[info] nvidia-smi             not found"
# a library missing a symbol fails to load with a reason instead of killing the JVM later
[ "${DENSETRAIN_LAZY_BIND:-0}" = 1 ] || export LD_BIND_NOW=1
exec "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" native-check "$@"
