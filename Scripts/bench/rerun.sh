#!/usr/bin/env bash
# Rerun decisions and run history, side by side with GNU make and the sqlite3 shell:
#  1. deciding a rerun of a 1,000-step pipeline (100 chains of 10 steps, step sI uses
#     parameter pI) after changing one parameter that one step uses: pipeshell-bench decide
#     (in process: resolve, plan, previous run, every step's fingerprint and cache lookup),
#     then end to end `pipeshell -c 'rerun p505=7' P` (runs the 5 affected steps). The peer is
#     make on the same graph over files after touching one step's input: `make -n` (decide
#     only) and `make` (rebuild the 5 targets);
#  2. a store of 10,000 runs (20 parameters, 5 steps, 4 metrics each): pipeshell-bench
#     store-query (`runs 20` and `diff A B` below their tables), then end to end
#     `pipeshell -c 'runs 20' P` and `pipeshell -c 'diff 5000 10000' P`. The peer is the
#     sqlite3 shell running the same queries.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_deps
bench_build
bench_workdir

# --- 1. rerun decision --------------------------------------------------------
d="$WORK/decide"
mkdir -p "$d/params" "$d/out"
awk -v pipeline="$d/decide-1000.yaml" -v makefile="$d/decide-1000.mk" 'BEGIN {
  n = 1000
  print "name: decide-1000" > pipeline
  print "params:" > pipeline
  for (i = 0; i < n; i++) print "  p" i ": " i > pipeline
  print "steps:" > pipeline
  printf "all:" > makefile
  for (i = 9; i < n; i += 10) printf " out/s%d", i > makefile
  print "" > makefile
  for (i = 0; i < n; i++) {
    print "  s" i ":" > pipeline
    print "    run: \"true ${p" i "}\"" > pipeline
    if (i % 10) print "    needs: [s" i - 1 "]" > pipeline
    printf "out/s%d: params/p%d%s\n\ttrue $$(cat params/p%d); touch $@\n", i, i, (i % 10 ? " out/s" i - 1 : ""), i > makefile
  } }'
for i in $(seq 0 999); do echo "$i" > "$d/params/p$i"; done
(cd "$d" && make -s -f decide-1000.mk) # the first real build

"$PIPESHELL_BENCH" --reps 20 decide "$d/decide-1000.yaml" p505=7 > "$d/decide.txt"
decide_ms="$(value decide.total "$d/decide.txt")"
steps_ms="$(value decide.fingerprint_and_lookup "$d/decide.txt")"
rerun_count="$(value decide.rerun "$d/decide.txt" | cut -d. -f1)"
# The store now holds the first run; every timed rerun starts from a copy of it.
cp -a "$d/.pipeshell" "$d/pristine"
rerun_ms="$(hf_ms 10 --prepare "sh -c 'rm -rf $d/.pipeshell && cp -a $d/pristine $d/.pipeshell'" -- \
  "$PIPESHELL -c 'rerun p505=7' $d/decide-1000.yaml")"
make_n_ms="$(hf_ms 10 --prepare "touch $d/params/p505" -- "make -s -n -C $d -f decide-1000.mk")"
make_ms="$(hf_ms 10 --prepare "touch $d/params/p505" -- "make -s -C $d -f decide-1000.mk")"

echo "rerun of a 1,000-step pipeline after one parameter changed ($rerun_count steps rerun); median ms"
{
  row "what" "pipeshell" "make" "pipeshell / make"
  row "decide (pipeshell in process; make -n whole process)" "$decide_ms" "$make_n_ms" "(not alike)"
  row "  of which fingerprints + lookups" "$steps_ms" "" ""
  row "rerun, whole process" "$rerun_ms" "$make_ms" "$(ratio "$rerun_ms" "$make_ms")"
} | table
echo "goal: decide < 50 ms"
summary "decide rerun, 1,000 steps (in process)" "$decide_ms" ms "make -n $make_n_ms (whole process)" "-" "< 50 ms"
summary "rerun p505=7, 1,000 steps, whole process" "$rerun_ms" ms "make $make_ms" "$(versus "$rerun_ms" "$make_ms")" "-"

# --- 2. run history -----------------------------------------------------------
s="$WORK/store"
mkdir -p "$s"
{
  echo "name: store-bench"
  echo "params:"
  echo "  lr: 0.1"
  echo "  epochs: 10"
  echo "  seed: 0"
  for k in $(seq 0 16); do echo "  opt_$k: value-$k"; done
  echo "steps:"
  for step in prepare featurize train evaluate report; do echo "  $step: {run: \"true\"}"; done
} > "$s/store-bench.yaml"
"$PIPESHELL_BENCH" store-fill "$s/.pipeshell" 10000 > "$s/fill.txt"
"$PIPESHELL_BENCH" --reps 20 store-query "$s/.pipeshell" > "$s/query.txt"
runs_ms="$(value store.query.runs "$s/query.txt")"
diff_ms="$(value store.query.diff "$s/query.txt")"
runs_e2e="$(hf_ms 20 -- "$PIPESHELL -c 'runs 20' $s/store-bench.yaml")"
diff_e2e="$(hf_ms 20 -- "$PIPESHELL -c 'diff 5000 10000' $s/store-bench.yaml")"
startup="$(hf_ms 20 -- "$PIPESHELL -c 'params lr' $s/store-bench.yaml")"

# The same rows through the sqlite3 shell: what `runs 20` and `diff` read.
cat > "$s/runs.sql" << 'EOF'
SELECT id, started_at, finished_at, status, pipeline_name, pipeline_hash, profile, command, parent_run_id, owner_pid FROM runs ORDER BY id DESC LIMIT 21;
SELECT run_id, name, value, layer, source, is_secret, fingerprint_value FROM parameters WHERE run_id BETWEEN 9980 AND 10000 ORDER BY run_id, position;
SELECT run_id, name, state, reason, exit_code, started_at, finished_at, fingerprint, attempts FROM steps WHERE run_id BETWEEN 9980 AND 10000 ORDER BY run_id, position;
SELECT run_id, step, name, value FROM metrics WHERE run_id BETWEEN 9980 AND 10000;
EOF
for id in 5000 10000; do
  cat << EOF
SELECT id, started_at, finished_at, status, pipeline_name, pipeline_hash, profile, command, parent_run_id, owner_pid FROM runs WHERE id = $id;
SELECT run_id, name, value, layer, source, is_secret, fingerprint_value FROM parameters WHERE run_id BETWEEN $id AND $id ORDER BY run_id, position;
SELECT run_id, name, state, reason, exit_code, started_at, finished_at, fingerprint, attempts FROM steps WHERE run_id BETWEEN $id AND $id ORDER BY run_id, position;
SELECT run_id, step, name, value FROM metrics WHERE run_id BETWEEN $id AND $id;
EOF
done > "$s/diff.sql"
sq_runs="$(hf_ms 20 -- "sqlite3 -readonly $s/.pipeshell/runs.db '.read $s/runs.sql'")"
sq_diff="$(hf_ms 20 -- "sqlite3 -readonly $s/.pipeshell/runs.db '.read $s/diff.sql'")"

echo "a store of $(value store.fill.runs "$s/fill.txt" | cut -d. -f1) runs (filled in $(value store.fill.total "$s/fill.txt") ms); median ms"
{
  row "what" "pipeshell in process" "pipeshell whole process" "sqlite3 shell, same queries" "whole / sqlite3"
  row "runs 20" "$runs_ms" "$runs_e2e" "$sq_runs" "$(ratio "$runs_e2e" "$sq_runs")"
  row "diff 5000 10000" "$diff_ms" "$diff_e2e" "$sq_diff" "$(ratio "$diff_e2e" "$sq_diff")"
  row "startup: params lr (no store)" "" "$startup" "" ""
} | table
echo "goal: runs and diff < 100 ms each"
summary "runs 20, 10,000-run store (in process)" "$runs_ms" ms "-" "-" "< 100 ms"
summary "runs 20, 10,000-run store, whole process" "$runs_e2e" ms "sqlite3 $sq_runs" "$(versus "$runs_e2e" "$sq_runs")" "< 100 ms"
summary "diff, 10,000-run store (in process)" "$diff_ms" ms "-" "-" "< 100 ms"
summary "diff, 10,000-run store, whole process" "$diff_e2e" ms "sqlite3 $sq_diff" "$(versus "$diff_e2e" "$sq_diff")" "< 100 ms"
