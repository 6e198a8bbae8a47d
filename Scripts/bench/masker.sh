#!/usr/bin/env bash
# Masking throughput, two ways:
#  1. end to end: a step prints 1 GB (`head -c 1000000000 /dev/zero | tr '\0' a`) through
#     `pipeshell -c 'secret s1 --from-env S1; ...; run' P` with 10 secrets bound, output to
#     /dev/null; wall time, MB/s and peak RSS (GNU time), side by side with the same stream
#     through `tee LOG` (a process that reads the pipe and writes the log, as pipeshell does);
#  2. in process: 1 GiB of log-like text in 64 KiB chunks through StreamMasker with 0, 1 and
#     10 secrets (a `swift test -c release` build, several minutes the first time).
# Reports figures; asserts nothing.
#   masker.sh [--e2e-only | --in-process-only]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mode="${1:-all}"

if [[ "$mode" != --in-process-only ]]; then
  bench_deps
  bench_build
  bench_workdir
  bytes=1000000000
  {
    echo "name: mask-1g"
    echo "params:"
    for i in $(seq 1 10); do echo "  s$i: {type: secret}"; done
    echo "  bytes: {type: int, default: $bytes}"
    echo "steps:"
    echo "  print:"
    echo "    run: \"head -c \${bytes} /dev/zero | tr '\\\\0' a\""
    echo "    env:"
    for i in $(seq 1 10); do echo "      S$i: \"\${s$i}\""; done
  } > "$WORK/mask.yaml"
  export S1=ghp_R2d2C3poBb8Ww1Lk9Qz7Xy4Mn6Vt0Jh5Fs S2=AKIAIOSFODNN7EXAMPLE \
    S3=sk-live-4eC39HqLyjWDarjtT1zdp7dc S4="correct horse battery staple" S5=hunter2-but-longer \
    S6=xoxb-123456789012-abcdefABCDEF S7=postgres://admin:Pa55w0rd@db \
    S8=eyJhbGciOiJIUzI1NiJ9.payload S9=S3cr3t/Key+With=Symbols S10=q9Lm-Zx7Tp-long
  commands="$(for i in $(seq 1 10); do printf 'secret s%d --from-env S%d; ' "$i" "$i"; done)run"
  ps_walls=() ps_rss=() tee_walls=() tee_rss=() floor_walls=()
  for attempt in 1 2 3; do
    rm -rf "$WORK/.pipeshell"
    /usr/bin/time -o "$WORK/time.txt" -f '%e %M' "$PIPESHELL" -c "$commands" "$WORK/mask.yaml" > /dev/null
    read -r wall rss < "$WORK/time.txt"
    ps_walls+=("$wall") ps_rss+=("$rss")
    /usr/bin/time -o "$WORK/time.txt" -f '%e %M' \
      sh -c "head -c $bytes /dev/zero | tr '\\0' a | tee '$WORK/tee.log' > /dev/null"
    read -r wall rss < "$WORK/time.txt"
    tee_walls+=("$wall") tee_rss+=("$rss")
    rm -f "$WORK/tee.log"
    /usr/bin/time -o "$WORK/time.txt" -f '%e %M' sh -c "head -c $bytes /dev/zero | tr '\\0' a > /dev/null"
    read -r wall rss < "$WORK/time.txt"
    floor_walls+=("$wall")
  done
  rm -rf "$WORK/.pipeshell"
  ps_s="$(median "${ps_walls[@]}")" tee_s="$(median "${tee_walls[@]}")" floor_s="$(median "${floor_walls[@]}")"
  ps_mbs="$(awk -v s="$ps_s" -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 / s }')"
  tee_mbs="$(awk -v s="$tee_s" -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 / s }')"
  ps_mb="$(awk -v k="$(median "${ps_rss[@]}")" 'BEGIN { printf "%.1f", k / 1024 }')"
  tee_mb="$(awk -v k="$(median "${tee_rss[@]}")" 'BEGIN { printf "%.1f", k / 1024 }')"
  echo "1 GB printed by one step, 10 secrets bound, output to /dev/null (median of 3)"
  {
    row "what" "wall s" "MB/s" "peak RSS MiB"
    row "pipeshell run (masked, logged)" "$ps_s" "$ps_mbs" "$ps_mb"
    row "sh: head | tr | tee LOG (no masking)" "$tee_s" "$tee_mbs" "$tee_mb"
    row "floor: head | tr > /dev/null (the producer alone)" "$floor_s" "$(awk -v s="$floor_s" -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 / s }')" ""
    row "pipeshell / tee" "$(ratio "$ps_s" "$tee_s")" "" ""
  } | table
  echo "goal: > 500 MB/s, peak RSS < 50 MiB (RSS is the largest single process: pipeshell, not head or tr)"
  summary "1 GB through run, 10 secrets: throughput" "$ps_mbs" MB/s "tee $tee_mbs" "$(versus "$ps_s" "$tee_s")" "> 500 MB/s"
  summary "1 GB through run, 10 secrets: peak RSS" "$ps_mb" MiB "tee $tee_mb" "-" "< 50 MiB"
fi

if [[ "$mode" != --e2e-only ]]; then
  echo "in process: StreamMasker over 1 GiB of log-like text (release test build)"
  cd "$BENCH_ROOT"
  PIPESHELL_BENCH_MASKER=1 swift test -c release -Xswiftc -enable-testing --filter MaskerThroughput 2>&1 |
    grep '^masker:'
fi
