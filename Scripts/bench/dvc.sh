#!/usr/bin/env bash
# Loading DVC projects, side by side with DVC itself (`dvc stage list`, DVC 3.67.1):
#  - matrix-4000: one `matrix` stage of 40 x 100 = 4,000 items;
#  - foreach-120: 20 chained stages and a `foreach` of 100 items (120 stages);
# pipeshell in process (`pipeshell-bench dvc-load`: load, expand, template, order, then map to
# today's model) and whole process, the shell itself loading and planning (`pipeshell -c plan`:
# every stage rendered, checked and printed), DVC whole process; peak memory (GNU time) of each.
# DVC comes from Scripts/setup-dvc (or PIPESHELL_DVC); without it pipeshell is reported alone.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_deps
bench_build
bench_workdir

DVC="${PIPESHELL_DVC:-/work/venvs/dvc/bin/dvc}"
[[ -x "$DVC" ]] || DVC=""

project() {  # project NAME SCRIPT...: a folder marked as a DVC project without git, with its scripts
  mkdir -p "$WORK/$1/.dvc"
  printf '[core]\n    no_scm = True\n' > "$WORK/$1/.dvc/config"
  local name="$1" script
  shift
  for script in "$@"; do : > "$WORK/$name/$script"; done  # the deps `plan` checks are there
}

# --- matrix-4000 -----------------------------------------------------------
project matrix-4000 train.py prepare.py
awk 'BEGIN {
  print "train:"; print "  lr: 0.001"; print "  epochs: 10"; print "  layers: [64, 32]"
  printf "seeds: ["; for (i = 0; i < 40; i++) printf "%s%d", (i ? ", " : ""), i; print "]"
}' > "$WORK/matrix-4000/params.yaml"
awk 'BEGIN {
  print "stages:"
  print "  prepare:"
  print "    cmd: python prepare.py --out data"
  print "    outs: [data]"
  print "  train:"
  print "    matrix:"
  print "      seed: ${seeds}"
  printf "      model: ["; for (i = 0; i < 100; i++) printf "%sm%03d", (i ? ", " : ""), i; print "]"
  print "    cmd: python train.py --seed ${item.seed} --model ${item.model} --lr ${train.lr} --epochs ${train.epochs}"
  print "    deps: [data, train.py]"
  print "    params: [train]"
  print "    outs: [\"models/${item.model}-${item.seed}.pkl\"]"
  print "    metrics: [{\"metrics/${key}.json\": {cache: false}}]"
}' > "$WORK/matrix-4000/dvc.yaml"

# --- foreach-120 -----------------------------------------------------------
project foreach-120 step.py region.py
awk 'BEGIN {
  print "train:"; print "  lr: 0.01"; print "  batch: 32"
  print "regions:"; for (i = 0; i < 100; i++) printf "  r%03d: {size: %d, weight: 0.%d}\n", i, i + 1, i % 10
}' > "$WORK/foreach-120/params.yaml"
awk 'BEGIN {
  print "stages:"
  for (s = 0; s < 20; s++) {
    print "  step" s ":"
    print "    cmd: python step.py " s " --lr ${train.lr} --batch ${train.batch}"
    if (s) print "    deps: [out/step" s - 1 ".csv, step.py]"; else print "    deps: [step.py]"
    print "    params: [train.lr]"
    print "    outs: [out/step" s ".csv]"
  }
  print "  region:"
  print "    foreach: ${regions}"
  print "    do:"
  print "      cmd: python region.py ${key} --size ${item.size} --weight ${item.weight}"
  print "      deps: [out/step19.csv, region.py]"
  print "      params: [train.batch]"
  print "      outs: [\"out/regions/${key}.csv\"]"
}' > "$WORK/foreach-120/dvc.yaml"

peak_kib() { /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -1; }
mib() { awk -v k="$1" 'BEGIN { if (k + 0 > 0) printf "%.1f", k / 1024; else printf "-" }'; }

echo "loading DVC projects; median ms (peak memory in MiB)"
{
  row "project" "stages" "load (in process)" "load + map (in process)" "whole process" "plan, whole process" "dvc stage list" "DVC / load" "DVC / whole process" "DVC / plan" "peak MiB pipeshell" "peak MiB plan" "peak MiB DVC"
  for name in matrix-4000 foreach-120; do
    file="$WORK/$name/dvc.yaml"
    "$PIPESHELL_BENCH" --reps 20 dvc-load "$file" > "$WORK/$name.txt"
    stages="$(value dvc.stages "$WORK/$name.txt" | awk '{ printf "%d", $1 }')"
    load="$(value dvc.load "$WORK/$name.txt")"
    in_process="$(value dvc.total "$WORK/$name.txt")"
    process="$(hf_ms 10 -- "$PIPESHELL_BENCH --reps 0 dvc-load $file")"
    ps_peak="$(peak_kib "$PIPESHELL_BENCH" --reps 0 dvc-load "$file")"
    planned="$("$PIPESHELL" -c plan "$file" | grep -c ' runs ' || true)"
    [[ "$planned" == "$stages" ]] || echo "warning: pipeshell plans $planned of $stages stages of $name" >&2
    plan_ms="$(hf_ms 10 -- "$PIPESHELL -c plan $file")"
    plan_peak="$(peak_kib "$PIPESHELL" -c plan "$file")"
    if [[ -n "$DVC" ]]; then
      dvc_ms="$(hf_ms 3 -- "$DVC --cd $WORK/$name stage list")"
      dvc_peak="$(peak_kib "$DVC" --cd "$WORK/$name" stage list)"
      listed="$("$DVC" --cd "$WORK/$name" stage list --name-only | wc -l)"
      [[ "$listed" == "$stages" ]] || echo "warning: DVC lists $listed stages of $name, pipeshell $stages" >&2
    else
      dvc_ms=- dvc_peak=-
    fi
    row "$name" "$stages" "$load" "$in_process" "$process" "$plan_ms" "$dvc_ms" "$(ratio "$dvc_ms" "$load")" "$(ratio "$dvc_ms" "$process")" "$(ratio "$dvc_ms" "$plan_ms")" "$(mib "$ps_peak")" "$(mib "$plan_peak")" "$(mib "$dvc_peak")"
    summary "dvc $name: load + expand (in process)" "$load" ms "dvc stage list $dvc_ms" "$(versus "$load" "$dvc_ms")" ">= 100x faster"
    summary "dvc $name: whole process" "$process" ms "dvc stage list $dvc_ms" "$(versus "$process" "$dvc_ms")" "-"
    summary "dvc $name: load and plan (pipeshell -c plan)" "$plan_ms" ms "dvc stage list $dvc_ms" "$(versus "$plan_ms" "$dvc_ms")" ">= 100x faster"
    summary "dvc $name: peak memory" "$(mib "$plan_peak")" MiB "DVC $(mib "$dvc_peak")" "-" "< 100 MiB"
  done
} | table
echo "load: dvc.yaml to expanded, templated, ordered stages; map: to today's pipeline model"
echo "whole process: pipeshell-bench loading and mapping once (cold), against dvc stage list"
echo "plan, whole process: pipeshell -c plan (load, map, resolve, plan and print every stage)"
echo "goals: >= 100x faster than 'dvc stage list' on the same file, peak memory < 100 MiB"
