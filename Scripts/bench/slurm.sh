#!/usr/bin/env bash
# A chain of N `true` steps on Slurm (each submitted once the one before has ended) against a
# plain shell loop that submits the same jobs with `sbatch --parsable` and polls `squeue` every
# SLURM_LOOP_POLL seconds (default 0.02, as eagerly as pipeshell polls a young job) until each
# has ended. Both write the job's output to files and remove them, as pipeshell does. Rounds
# alternate the two (SLURM_ROUNDS, default 3); the medians and their ratio are reported (goal:
# pipeshell at most 1.1x the loop). The one-node cluster comes up through Scripts/slurm-up; the
# benchmark is skipped where that cannot run.
#
#   SLURM_CHAIN=20 (steps)   SLURM_ROUNDS=3   SLURM_LOOP_POLL=0.02
#   SLURM_BENCH_MODE=bench   pipeshell's side in process: `pipeshell-bench slurm-chain N DIR`
#   SLURM_BENCH_MODE=run     pipeshell's side as users run it:
#                            `pipeshell -c 'run --executor slurm --jobs 1 --no-cache' chain.yaml`
#                            (switch to this once `run --executor slurm` exists)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

up="$("$BENCH_ROOT/Scripts/slurm-up")"
if grep -q '^skipped: ' <<<"$up"; then
  echo "slurm.sh: $(grep '^skipped: ' <<<"$up")"
  exit 0
fi
bench_deps
bench_build
bench_workdir

n="${SLURM_CHAIN:-20}"
rounds="${SLURM_ROUNDS:-3}"
poll="${SLURM_LOOP_POLL:-0.02}"
mode="${SLURM_BENCH_MODE:-run}"

# The pipeline the `run` mode runs: s0 -> s1 -> ... each `true`.
awk -v n="$n" 'BEGIN {
  print "name: slurm-chain-" n
  print "steps:"
  for (i = 0; i < n; i++) {
    print "  s" i ":"
    print "    run: \"true\""
    if (i) print "    needs: [s" i - 1 "]"
  } }' > "$WORK/chain.yaml"
printf '#!/bin/sh\ntrue\n' > "$WORK/true.sh"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

pipeshell_chain() {
  rm -rf "$WORK/.pipeshell"
  local start
  start="$(now_ms)"
  case "$mode" in
    bench) "$PIPESHELL_BENCH" slurm-chain "$n" "$WORK" > "$WORK/bench.out" ;;
    run) "$PIPESHELL" -c 'run --executor slurm --jobs 1 --no-cache' "$WORK/chain.yaml" > /dev/null ;;
    *) echo "slurm.sh: SLURM_BENCH_MODE must be bench or run" >&2 && exit 2 ;;
  esac
  echo $(($(now_ms) - start))
}

loop_chain() {
  local start id state
  start="$(now_ms)"
  for _ in $(seq 1 "$n"); do
    id="$(sbatch --parsable --export=ALL --chdir="$WORK" --output="$WORK/job-%j.out" --error="$WORK/job-%j.err" \
      "$WORK/true.sh")"
    while :; do
      state="$(squeue -h -t all -j "$id" -o %T)"
      case "$state" in
        COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | PREEMPTED | BOOT_FAIL | DEADLINE | OUT_OF_MEMORY) break ;;
      esac
      sleep "$poll"
    done
    rm -f "$WORK/job-$id.out" "$WORK/job-$id.err"
  done
  echo $(($(now_ms) - start))
}

echo "slurm chain of $n steps, $rounds rounds ($mode mode; loop polls every $poll s)"
ps=() lp=() squeue_calls=()
for round in $(seq 1 "$rounds"); do
  ps+=("$(pipeshell_chain)")
  [[ "$mode" == bench ]] && squeue_calls+=("$(value slurm-chain.squeue-per-step "$WORK/bench.out")")
  lp+=("$(loop_chain)")
  echo "  round $round: pipeshell ${ps[-1]} ms, loop ${lp[-1]} ms"
done
ps_ms="$(median "${ps[@]}")"
lp_ms="$(median "${lp[@]}")"
{
  row "" "median ms" "per step ms"
  row "pipeshell ($mode)" "$ps_ms" "$(awk -v a="$ps_ms" -v n="$n" 'BEGIN { printf "%.1f", a / n }')"
  row "sbatch + squeue loop" "$lp_ms" "$(awk -v a="$lp_ms" -v n="$n" 'BEGIN { printf "%.1f", a / n }')"
} | table
[[ ${#squeue_calls[@]} -gt 0 ]] && echo "pipeshell's squeue calls per step: $(median "${squeue_calls[@]}")"
echo "ratio (pipeshell / loop): $(ratio "$ps_ms" "$lp_ms") (goal <= 1.1)"
summary "slurm chain $n" "$ps_ms" "ms" "sbatch+squeue loop $lp_ms ms" "$(ratio "$ps_ms" "$lp_ms")" "<= 1.1x"
