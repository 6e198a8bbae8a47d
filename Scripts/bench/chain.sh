#!/usr/bin/env bash
# A linear chain of N `true` steps (each needs the one before), run by
#   pipeshell -c 'run --jobs 1 --no-cache' P
# side by side with GNU make running the same chain (`true;` recipes, so make starts
# `/bin/sh -c` per step as pipeshell does; see perf-anchors). Whole-process medians from
# hyperfine; per step = (wall(N) - wall(1)) / (N - 1). pipeshell's store is emptied before
# each run (untimed). One more row puts the store on tmpfs, where fsync costs nothing.
# Then the per-step ratio round by round (CHAIN_ROUNDS, default 7), and, where perf can trace
# the scheduler, the time between one step's shell exiting and the next one's exec
# (GAP_ROUNDS, default 5): the part of a step the orchestrator decides.
#   CHAIN_SIZES="1 100 1000" (default)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_deps
bench_build
bench_workdir

sizes=(${CHAIN_SIZES:-1 100 1000})
runs_for() { if (($1 >= 1000)); then echo 5; elif (($1 >= 100)); then echo 10; else echo 20; fi; }

generate() { # FOLDER N
  awk -v n="$2" 'BEGIN {
    print "name: chain-" n
    print "steps:"
    for (i = 0; i < n; i++) {
      print "  s" i ":"
      print "    run: \"true\""
      if (i) print "    needs: [s" i - 1 "]"
    } }' > "$1/chain-$2.yaml"
  awk -v n="$2" 'BEGIN {
    print "all: s" n - 1
    for (i = 0; i < n; i++) {
      if (i) print "s" i ": s" i - 1; else print "s0:"
      print "\ttrue;"
    }
    printf ".PHONY: all"
    for (i = 0; i < n; i++) printf " s%d", i
    print ""
  }' > "$1/chain-$2.mk"
}

declare -A ps mk
for n in "${sizes[@]}"; do
  mkdir -p "$WORK/$n"
  generate "$WORK/$n" "$n"
  runs="$(runs_for "$n")"
  ps[$n]="$(hf_ms "$runs" --prepare "rm -rf $WORK/$n/.pipeshell" -- \
    "$PIPESHELL -c 'run --jobs 1 --no-cache' $WORK/$n/chain-$n.yaml")"
  mk[$n]="$(hf_ms "$runs" -- "make -s -f $WORK/$n/chain-$n.mk")"
done

largest="${sizes[-1]}"

# Hyperfine times all of pipeshell's runs, then all of make's: on a shared VM the machine can
# drift between the two. So the per-step ratio is also taken round by round, each round
# running pipeshell and make on 1 and on N steps back to back (wall ms by `date`).
now_ms() { echo $(($(date +%s%N) / 1000000)); }
timed_ms() { local start; start="$(now_ms)"; "$@" > /dev/null; echo $(($(now_ms) - start)); }
rounds="${CHAIN_ROUNDS:-7}"
round_ratios=()
if ((largest > 1)); then
  mkdir -p "$WORK/1"
  [[ -f "$WORK/1/chain-1.yaml" ]] || generate "$WORK/1" 1
  for _ in $(seq 1 "$rounds"); do
    rm -rf "$WORK/1/.pipeshell" "$WORK/$largest/.pipeshell"
    ps1="$(timed_ms "$PIPESHELL" -c 'run --jobs 1 --no-cache' "$WORK/1/chain-1.yaml")"
    mk1="$(timed_ms make -s -f "$WORK/1/chain-1.mk")"
    psn="$(timed_ms "$PIPESHELL" -c 'run --jobs 1 --no-cache' "$WORK/$largest/chain-$largest.yaml")"
    mkn="$(timed_ms make -s -f "$WORK/$largest/chain-$largest.mk")"
    round_ratios+=("$(ratio "$((psn - ps1))" "$((mkn - mk1))")")
  done
fi

# What the orchestrator itself adds, apart from the shells it starts: from scheduler tracepoints
# (perf, root), the time from one step's `sh` exiting to the next one's exec (the step's own
# life, exec to exit, is the same /bin/sh for both). Per run the median over its steps; the
# median of GAP_ROUNDS (default 5) alternating runs. Much less moved by a noisy machine than
# whole-process times, which it explains. Skipped when perf cannot trace.
gap_us() { # gap_us COMMAND...: "median-gap-µs median-life-µs" of one traced run
  local data="$WORK/gaps.data"
  perf record -q -o "$data" -e sched:sched_process_exec,sched:sched_process_exit -a -- "$@" > /dev/null 2>&1 || return 1
  perf script -i "$data" -F comm,time,event 2> /dev/null | awk '
    $1 == "sh" && /sched_process_exec/ { t = $2 + 0; if (exited) gaps[++g] = (t - exited) * 1e6; started = t }
    $1 == "sh" && /sched_process_exit/ { exited = $2 + 0; if (started) lives[++l] = (exited - started) * 1e6 }
    function med(a, n,   i, j, x) { for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j > 0 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
      return n ? a[int((n + 1) / 2)] : 0 }
    END { if (g < 2) exit 1; printf "%.0f %.0f\n", med(gaps, g), med(lives, l) }'
}
gap_ps=() gap_mk=() life_ps=() life_mk=()
if ((largest > 1)) && command -v perf > /dev/null && gap_us make -s -f "$WORK/$largest/chain-$largest.mk" > /dev/null; then
  for _ in $(seq 1 "${GAP_ROUNDS:-5}"); do
    rm -rf "$WORK/$largest/.pipeshell"
    read -r g l < <(gap_us "$PIPESHELL" -c 'run --jobs 1 --no-cache' "$WORK/$largest/chain-$largest.yaml")
    gap_ps+=("$g") life_ps+=("$l")
    read -r g l < <(gap_us make -s -f "$WORK/$largest/chain-$largest.mk")
    gap_mk+=("$g") life_mk+=("$l")
  done
fi

tmpfs_ms=-
if [[ -d /dev/shm && -w /dev/shm ]]; then
  shm="$(mktemp -d /dev/shm/pipeshell-bench.XXXXXX)"
  generate "$shm" "$largest"
  tmpfs_ms="$(hf_ms 3 --prepare "rm -rf $shm/.pipeshell" -- \
    "$PIPESHELL -c 'run --jobs 1 --no-cache' $shm/chain-$largest.yaml")"
  rm -rf "$shm"
fi

echo "linear chain of 'true' steps, whole process; median ms"
{
  row "N" "pipeshell" "make" "pipeshell / make" "pipeshell per step" "make per step" "per-step ratio"
  for n in "${sizes[@]}"; do
    ps_step=- mk_step=- step_ratio=-
    if ((n > 1)) && [[ -n "${ps[1]:-}" ]]; then
      ps_step="$(per_step "${ps[$n]}" "${ps[1]}" "$n")"
      mk_step="$(per_step "${mk[$n]}" "${mk[1]}" "$n")"
      step_ratio="$(ratio "$ps_step" "$mk_step")"
    fi
    row "$n" "${ps[$n]}" "${mk[$n]}" "$(ratio "${ps[$n]}" "${mk[$n]}")" "$ps_step" "$mk_step" "$step_ratio"
  done
  if [[ "$tmpfs_ms" != - ]]; then
    row "$largest, store on tmpfs" "$tmpfs_ms" "${mk[$largest]}" "$(ratio "$tmpfs_ms" "${mk[$largest]}")" "" "" ""
  fi
} | table
if ((${#round_ratios[@]} > 0)); then
  sorted="$(printf '%s\n' "${round_ratios[@]}" | sort -g | tr '\n' ' ')"
  echo "per-step ratio at N=$largest, round by round ($rounds rounds, pipeshell and make alternating):"
  echo "  median $(median "${round_ratios[@]}"), each round: $sorted"
fi
if ((${#gap_ps[@]} > 0)); then
  whole() { median "$@" | awk '{ printf "%.0f", $1 }'; }
  gp="$(whole "${gap_ps[@]}")" gm="$(whole "${gap_mk[@]}")" lp="$(whole "${life_ps[@]}")" lm="$(whole "${life_mk[@]}")"
  echo "between steps at N=$largest (scheduler trace, ${#gap_ps[@]} runs each, alternating): one step's sh exits ->"
  echo "  the next one's exec: pipeshell ${gp} us, make ${gm} us (+$(awk -v a="$gp" -v b="$gm" 'BEGIN { printf "%.0f", a - b }') us);"
  echo "  a step's own sh, exec -> exit: ${lp} us under pipeshell, ${lm} us under make;"
  echo "  per step (gap + life): $(ratio "$(awk -v a="$gp" -v b="$lp" 'BEGIN { print a + b }')" "$(awk -v a="$gm" -v b="$lm" 'BEGIN { print a + b }')")x make"
fi
echo "goal: within 1.2x of make"

for n in "${sizes[@]}"; do
  ((n > 1)) || continue
  summary "chain N=$n, run --jobs 1 --no-cache" "${ps[$n]}" ms "make ${mk[$n]}" "$(versus "${ps[$n]}" "${mk[$n]}")" "<= 1.2x make"
done
if [[ -n "${ps[1]:-}" && "$largest" -gt 1 ]]; then
  summary "chain per step (N=$largest)" "$(per_step "${ps[$largest]}" "${ps[1]}" "$largest")" ms \
    "make $(per_step "${mk[$largest]}" "${mk[1]}" "$largest")" \
    "$(versus "$(per_step "${ps[$largest]}" "${ps[1]}" "$largest")" "$(per_step "${mk[$largest]}" "${mk[1]}" "$largest")")" "<= 1.2x make"
fi
((${#round_ratios[@]} == 0)) || summary "chain per step (N=$largest), alternating rounds" \
  "$(median "${round_ratios[@]}")" "x make" "make 1.00" "-" "<= 1.2x make"
((${#gap_ps[@]} == 0)) || summary "chain: between steps (sh exit -> next exec), traced" \
  "$(median "${gap_ps[@]}")" "us" "make $(median "${gap_mk[@]}")" "$(versus "$(median "${gap_ps[@]}")" "$(median "${gap_mk[@]}")")" "-"
[[ "$tmpfs_ms" == - ]] || summary "chain N=$largest, store on tmpfs" "$tmpfs_ms" ms "make ${mk[$largest]}" "$(versus "$tmpfs_ms" "${mk[$largest]}")" "(no fsync)"
