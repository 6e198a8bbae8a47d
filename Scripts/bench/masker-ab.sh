#!/usr/bin/env bash
# The in-process masker of this checkout against another build of pipeshell-bench, side by
# side in one run: both over the same 128 MiB of log text and of `a`s, with masker.sh's 10
# secrets, alternating ROUNDS times (median of 5 inside each), so drift of the shared machine
# hits both alike. Reports each round and the medians, MB/s of CPU time.
#   masker-ab.sh OTHER_PIPESHELL_BENCH [ROUNDS]
# To build the other side from a commit:
#   git archive COMMIT | tar -x -C /tmp/base && (cd /tmp/base && swift build -c release --product pipeshell-bench)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
other="${1:?usage: masker-ab.sh OTHER_PIPESHELL_BENCH [ROUNDS]}"
rounds="${2:-3}"

bench_build
bench_workdir
export S1=ghp_R2d2C3poBb8Ww1Lk9Qz7Xy4Mn6Vt0Jh5Fs S2=AKIAIOSFODNN7EXAMPLE \
  S3=sk-live-4eC39HqLyjWDarjtT1zdp7dc S4="correct horse battery staple" S5=hunter2-but-longer \
  S6=xoxb-123456789012-abcdefABCDEF S7=postgres://admin:Pa55w0rd@db \
  S8=eyJhbGciOiJIUzI1NiJ9.payload S9=S3cr3t/Key+With=Symbols S10=q9Lm-Zx7Tp-long
awk -v bytes=$((16 << 20)) -f "$(dirname "$0")/logtext.awk" > "$WORK/block.txt"
for _ in 1 2 3 4 5 6 7 8 9; do cat "$WORK/block.txt"; done > "$WORK/log144.txt"
head -c $((128 << 20)) "$WORK/log144.txt" > "$WORK/log128.txt"
head -c $((128 << 20)) /dev/zero > "$WORK/zero.txt"
tr '\0' a < "$WORK/zero.txt" > "$WORK/a128.txt"
rm "$WORK/log144.txt" "$WORK/zero.txt"

for text in log128 a128; do
  for side in other this; do : > "$WORK/$text.$side"; done
  for round in $(seq 1 "$rounds"); do
    for side in other this; do
      binary="$PIPESHELL_BENCH"
      [[ "$side" == other ]] && binary="$other"
      "$binary" --reps 5 mask "$WORK/$text.txt" > "$WORK/out.txt"
      printf '%s %s %s\n' "$(value mask.0_secrets "$WORK/out.txt")" "$(value mask.1_secrets "$WORK/out.txt")" \
        "$(value mask.10_secrets "$WORK/out.txt")" >> "$WORK/$text.$side"
      echo "$text round $round $side: $(tail -1 "$WORK/$text.$side") (0 / 1 / 10 secrets, MB/s)" >&2
    done
  done
done

column_median() { median $(awk -v c="$2" '{ print $c }' "$1"); }
echo "in process, 128 MiB in 128 KiB chunks, MB/s of CPU time, median of $rounds rounds (each a median of 5)"
{
  row "text" "side" "1 secret" "10 secrets"
  for text in log128 a128; do
    for side in other this; do
      row "$text" "$side" "$(column_median "$WORK/$text.$side" 2)" "$(column_median "$WORK/$text.$side" 3)"
    done
  done
} | table
