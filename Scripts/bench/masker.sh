#!/usr/bin/env bash
# Masking throughput with 10 secrets bound, two ways:
#  1. end to end: a step prints 1 GB through `pipeshell -c 'secret s1 --from-env S1; ...; run' P`,
#     output to /dev/null; wall time, MB/s and peak RSS (GNU time), median of 5. Two steps:
#     - `cat LOG`: 1 GB of log-like text (logtext.awk; one line in 500 holds a secret), so the
#       masker has real work and the producer costs little. Beside it, the same stream through
#       `tee LOG` (reads the pipe and writes a log, as pipeshell does, without masking) and
#       through `cat` (reads and drops it: no reader of this pipe can be faster). The step's
#       log is then checked: every secret line masked, no secret left.
#     - `head -c 1000000000 /dev/zero | tr '\0' a`: the earlier form of this benchmark. Its two
#       producers take about 1.7 CPU-seconds of the machine's two cores themselves, so on this
#       machine it measures them as much as pipeshell; `| cat` beside it shows that ceiling.
#  2. in process: StreamMasker alone over 128 MiB of the log text and of `a`s (pipeshell-bench
#     mask), in 128 KiB chunks, MB/s of CPU time.
# Reports figures; asserts only that the log was masked.
#   masker.sh [--e2e-only | --in-process-only]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mode="${1:-all}"
attempts=5

bench_deps
bench_build
bench_workdir
export S1=ghp_R2d2C3poBb8Ww1Lk9Qz7Xy4Mn6Vt0Jh5Fs S2=AKIAIOSFODNN7EXAMPLE \
  S3=sk-live-4eC39HqLyjWDarjtT1zdp7dc S4="correct horse battery staple" S5=hunter2-but-longer \
  S6=xoxb-123456789012-abcdefABCDEF S7=postgres://admin:Pa55w0rd@db \
  S8=eyJhbGciOiJIUzI1NiJ9.payload S9=S3cr3t/Key+With=Symbols S10=q9Lm-Zx7Tp-long
bytes=1000000000
# 16 MiB of log text, repeated up to 1 GB (generating it all with awk would take a minute).
awk -v bytes=$((16 << 20)) -f "$(dirname "$0")/logtext.awk" > "$WORK/block.txt"
block_size="$(stat -c %s "$WORK/block.txt")"
for _ in $(seq 1 $((bytes / block_size))); do cat "$WORK/block.txt"; done > "$WORK/log.txt"
head -c $((bytes % block_size)) "$WORK/block.txt" >> "$WORK/log.txt"
head -c $((128 << 20)) "$WORK/log.txt" > "$WORK/log128.txt"
sync  # or writing the new files back to disk competes with the runs below

# pipeline FILE RUN: a pipeline with the 10 secrets passed to one step `print` running RUN.
pipeline() {
  {
    echo "name: mask-1g"
    echo "params:"
    for i in $(seq 1 10); do echo "  s$i: {type: secret}"; done
    echo "steps:"
    echo "  print:"
    echo "    run: \"$2\""
    echo "    env:"
    for i in $(seq 1 10); do echo "      S$i: \"\${s$i}\""; done
  } > "$1"
}
commands="$(for i in $(seq 1 10); do printf 'secret s%d --from-env S%d; ' "$i" "$i"; done)run"

# timed NAME COMMAND...: runs COMMAND under GNU time, appends "wall rss_kib" to $WORK/NAME.
timed() {
  local name="$1"
  shift
  /usr/bin/time -o "$WORK/time.txt" -f '%e %M' "$@" > /dev/null
  cat "$WORK/time.txt" >> "$WORK/$name"
}
walls() { awk '{ print $1 }' "$WORK/$1"; }
mbs() { awk -v s="$1" -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 / s }'; }
rss_mib() { awk -v k="$(median $(awk '{ print $2 }' "$WORK/$1"))" 'BEGIN { printf "%.1f", k / 1024 }'; }

if [[ "$mode" != --in-process-only ]]; then
  pipeline "$WORK/log.yaml" 'cat log.txt'
  pipeline "$WORK/a.yaml" "head -c $bytes /dev/zero | tr '\\\\0' a"
  cd "$WORK"
  for attempt in $(seq 1 $attempts); do
    rm -rf .pipeshell
    timed ps-log "$PIPESHELL" -c "$commands" log.yaml
    if [[ "$attempt" == 1 ]]; then
      step_log=".pipeshell/logs/1/print.log"
      expected="$(grep -c 'auth=' log.txt)"
      masked="$(grep -c 'auth=\*\*\*\*$' "$step_log")"
      printf '%s\n' "$S1" "$S2" "$S3" "$S4" "$S5" "$S6" "$S7" "$S8" "$S9" "$S10" > secrets.txt
      if [[ "$masked" != "$expected" ]] || grep -q -F -f secrets.txt "$step_log"; then
        echo "masker.sh: the step's log is not masked ($masked of $expected secret lines)" >&2
        exit 1
      fi
      rm secrets.txt
    fi
    rm -rf .pipeshell
    timed tee-log sh -c 'cat log.txt | tee tee.log'
    rm -f tee.log
    timed cat-log sh -c 'cat log.txt | cat'
    timed ps-a "$PIPESHELL" -c "$commands" a.yaml
    rm -rf .pipeshell
    timed cat-a sh -c "head -c $bytes /dev/zero | tr '\\0' a | cat"
  done
  cd - > /dev/null
  for name in ps-log tee-log cat-log ps-a cat-a; do eval "${name//-/_}_s=$(median $(walls "$name"))"; done
  echo "1 GB printed by one step, 10 secrets bound, output to /dev/null (median of $attempts; ${masked} secret lines masked)"
  {
    row "what" "wall s" "MB/s" "peak RSS MiB"
    row "pipeshell run: cat LOG (log text, masked, logged)" "$ps_log_s" "$(mbs "$ps_log_s")" "$(rss_mib ps-log)"
    row "sh: cat LOG | tee COPY (no masking)" "$tee_log_s" "$(mbs "$tee_log_s")" "$(rss_mib tee-log)"
    row "sh: cat LOG | cat (a reader that only reads)" "$cat_log_s" "$(mbs "$cat_log_s")" ""
    row "pipeshell run: head | tr (1 GB of 'a')" "$ps_a_s" "$(mbs "$ps_a_s")" "$(rss_mib ps-a)"
    row "sh: head | tr | cat (that producer's ceiling here)" "$cat_a_s" "$(mbs "$cat_a_s")" ""
  } | table
  echo "goal: > 500 MB/s, peak RSS < 50 MiB (RSS is the largest single process: pipeshell, not cat, head or tr)"
  summary "1 GB of log text through run, 10 secrets: throughput" "$(mbs "$ps_log_s")" MB/s \
    "tee $(mbs "$tee_log_s")" "$(versus "$ps_log_s" "$tee_log_s")" "> 500 MB/s"
  summary "1 GB through run, 10 secrets: peak RSS" "$(rss_mib ps-log)" MiB "tee $(rss_mib tee-log)" "-" "< 50 MiB"
  summary "1 GB of 'a' (head | tr) through run: throughput" "$(mbs "$ps_a_s")" MB/s \
    "| cat $(mbs "$cat_a_s")" "$(versus "$ps_a_s" "$cat_a_s")" "-"
fi

if [[ "$mode" != --e2e-only ]]; then
  head -c $((128 << 20)) /dev/zero | tr '\0' a > "$WORK/a128.txt"
  echo "in process: StreamMasker over 128 MiB in 128 KiB chunks, MB/s of CPU time (median of 5)"
  {
    row "text" "no secrets" "1 secret" "10 secrets" "masks (10)"
    for text in log128 a128; do
      "$PIPESHELL_BENCH" --reps 5 mask "$WORK/$text.txt" > "$WORK/mask.txt"
      row "$text" "$(value mask.0_secrets "$WORK/mask.txt")" "$(value mask.1_secrets "$WORK/mask.txt")" \
        "$(value mask.10_secrets "$WORK/mask.txt")" "$(value mask.10_secrets.masks "$WORK/mask.txt")"
    done
  } | table
fi
