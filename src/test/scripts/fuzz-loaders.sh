#!/usr/bin/env bash
# Fuzzes densetrain's loaders with Jazzer for N minutes each (default 10), one after the other or the
# targets named: src/test/scripts/fuzz-loaders.sh [MINUTES] [TARGET...]
# Targets: safetensors modelJson manifest checkpointJson csv hdf5 image idx npy npz. Each run starts from the committed
# seed corpus (copied, so new inputs stay out of the tree), prints libFuzzer's "#N DONE" line (N = inputs
# tried), and leaves a crash input and stack trace under target/fuzz/TARGET/ when a loader throws anything
# but the one-line error.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-10}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(safetensors modelJson manifest checkpointJson csv hdf5 image idx npy npz)
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)"
for t in "${targets[@]}"; do
  work="target/fuzz/$t"; rm -rf "$work"; mkdir -p "$work/corpus"
  cp src/test/resources/io/densetrain/fuzz/LoaderFuzzTestInputs/"$t"/* "$work/corpus/"
  echo "== $t: $minutes min"
  java -Xmx1g -Ddensetrain.fuzz.target="$t" -cp "$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class=io.densetrain.fuzz.FuzzTarget \
    --instrumentation_includes='io.densetrain.**:com.google.gson.**:org.apache.commons.csv.**:io.jhdf.**' \
    -max_total_time=$((minutes * 60)) -rss_limit_mb=2048 -artifact_prefix="$work/" --reproducer_path="$work" "$work/corpus" 2>&1 \
    | tee "$work/log.txt" | grep -E "DONE|== Java Exception|Test unit written" || true
done
