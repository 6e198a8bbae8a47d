#!/usr/bin/env bash
# Runs every benchmark once (release build first), each side by side with its peer, then
# prints one summary table with the ratios. About 5-7 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"
bench_deps
bench_build
export BENCH_SKIP_BUILD=1
BENCH_SUMMARY="$(mktemp "${TMPDIR:-/tmp}/pipeshell-bench-summary.XXXXXX")"
export BENCH_SUMMARY
trap 'rm -f "$BENCH_SUMMARY"' EXIT
started=$SECONDS

echo "pipeshell benchmarks: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -sr)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for script in resolve chain rerun masker sweep; do
  echo
  echo "== $script.sh"
  "$here/$script.sh"
done

echo
echo "== summary ($((SECONDS - started)) s; ratio: pipeshell against the peer)"
{
  row "benchmark" "pipeshell" "unit" "peer" "ratio" "goal"
  while IFS=$'\t' read -r name value unit peer ratio goal; do
    row "$name" "$value" "$unit" "$peer" "$ratio" "$goal"
  done < "$BENCH_SUMMARY"
} | table
