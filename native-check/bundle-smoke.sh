#!/usr/bin/env bash
# Smoke test of a built GPU bundle on its own runtime with an empty environment (no JDK, no
# JAVA_HOME, nothing on the PATH but /usr/bin:/bin): the size limit, --version (the project's version,
# not "dev"), --help of every subcommand (picocli loads every command class at start-up, so one that
# needs a module the jlinked JRE lacks breaks all of them), a CPU train on OpenBLAS, and native-check,
# which must end in its own verdict (exit 0 with a GPU, 1 with the reason without one), never a Java
# exception. Exit 1 on the first failure, naming it.
# Usage: bundle-smoke.sh [BUNDLE_DIR]   (default: the folder of this script if it is a bundle, else
#        target/gpu-bundle of the source tree)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ge 1 ]; then bundle="$(cd "$1" && pwd)"
elif [ -x "$here/jre/bin/java" ]; then bundle="$here"
else bundle="$here/../target/gpu-bundle"; fi
[ -x "$bundle/densetrain" ] || { echo "bundle-smoke.sh: no bundle at $bundle (run native-check/build-bundle.sh)" >&2; exit 2; }
limit_mib=60
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "bundle-smoke.sh: FAILED: $*" >&2; exit 1; }
# An empty environment: HOME in a scratch folder so nothing of this machine's caches is used.
dt() { env -i HOME="$tmp/home" PATH=/usr/bin:/bin "$bundle/densetrain" "$@"; }
mkdir -p "$tmp/home"
no_exception() { ! grep -E 'Exception|Error:|^\s+at [a-z]' "$1" >/dev/null; }

bytes=$(du -sb "$bundle" | cut -f1)
mib=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
[ "$bytes" -le $((limit_mib * 1048576)) ] || fail "the bundle is $mib MiB, over $limit_mib MiB"
echo "  size: $mib MiB (limit $limit_mib MiB)"

dt --version > "$tmp/version" 2>&1 || fail "--version: $(cat "$tmp/version")"
grep -Eq '^densetrain [0-9]+\.[0-9]+' "$tmp/version" || fail "--version printed '$(cat "$tmp/version")', not the project's version"
echo "  --version: $(cat "$tmp/version")"

# Every subcommand's --help, found from the Commands: lists of picocli's help, depth first.
helped=0
help_tree() {
    local out
    out="$tmp/help.$helped"
    dt "$@" --help > "$out" 2>&1 || fail "densetrain $* --help: $(head -n 3 "$out")"
    no_exception "$out" || fail "densetrain $* --help printed an exception: $(grep -m1 -E 'Exception|Error' "$out")"
    helped=$((helped + 1))
    local sub
    for sub in $(awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^[^ ]/ { on = 0 }' "$out"); do
        [ "$sub" = help ] && continue
        help_tree "$@" "$sub"
    done
}
help_tree
[ "$helped" -ge 10 ] || fail "only $helped commands answered --help (the command list was not found)"
echo "  --help: $helped commands (densetrain and every subcommand) answered without an exception"

dt train --device cpu --iterations 200 --json > "$tmp/cpu.json" 2> "$tmp/cpu.err" || fail "CPU train: $(cat "$tmp/cpu.err")"
grep -q '"device":"cpu (float64, OpenBLAS' "$tmp/cpu.json" || fail "CPU train without OpenBLAS: $(head -c 400 "$tmp/cpu.json")"
echo "  train --device cpu: $(grep -o '"device":"[^"]*"' "$tmp/cpu.json"), $(grep -o '"train_accuracy":[0-9.]*' "$tmp/cpu.json")"

# Plots and PNGs need java.desktop, which the bundle's runtime lacks: one line and exit 2, no exception.
for cmd in "train --iterations 10 --out $tmp/plots" "augment preview --out $tmp/grid.png" "experiment init --iterations 10 --out $tmp/init"; do
    set +e
    # shellcheck disable=SC2086
    dt $cmd > "$tmp/desktop.out" 2> "$tmp/desktop.err"
    status=$?
    set -e
    [ "$status" = 2 ] && [ "$(wc -l < "$tmp/desktop.err")" = 1 ] && grep -q 'needs the java.desktop module' "$tmp/desktop.err" \
        || fail "densetrain $cmd on the bundle: exit $status, stderr: $(head -c 300 "$tmp/desktop.err")"
done
echo "  plots and PNG output: one line naming the missing java.desktop module, exit 2"

# A sweep with --out writes its trials, trials.csv and sweep.json and says why there are no plots.
dt sweep --device cpu --iterations 20 --split 0.6,0.2,0.2 --grid lr=0.1,0.3 --parallel 1 --out "$tmp/sweep" \
    > "$tmp/sweep.out" 2> "$tmp/sweep.err" || fail "sweep --out on the bundle: $(head -c 300 "$tmp/sweep.err")"
no_exception "$tmp/sweep.err" && [ -s "$tmp/sweep/trials.csv" ] && [ -s "$tmp/sweep/sweep.json" ] \
    && grep -q 'no plots in .*java.desktop' "$tmp/sweep.err" || fail "sweep --out on the bundle: $(head -c 300 "$tmp/sweep.err")"
echo "  sweep --out: trials, trials.csv and sweep.json written, a note instead of the plots"

set +e
dt native-check --iterations 3 > "$tmp/check.txt" 2>&1
status=$?
set -e
sed 's/^/    /' "$tmp/check.txt"
no_exception "$tmp/check.txt" || fail "native-check printed a Java exception"
case $status in
    0) echo "  native-check: all checks passed (a GPU host)";;
    1) grep -q '^native-check: FAILED' "$tmp/check.txt" || fail "native-check exited 1 without its verdict line"
       echo "  native-check: exit 1 with its reasons (expected without a GPU)";;
    *) fail "native-check exited $status";;
esac
echo "bundle-smoke.sh: passed"
