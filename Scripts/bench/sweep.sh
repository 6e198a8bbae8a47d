#!/usr/bin/env bash
# A parallel sweep side by side with Hydra's multirun (joblib launcher): 8 points of one step
# that takes 1 s (`sh work.sh X`: sleeps 1 s, writes X), 2 at a time.
#   pipeshell: `sweep x=1,...,8 --jobs 2` (each point in an isolated copy of the project
#              folder, recorded in the run store, outputs kept in the cache), from an empty
#              store each time (so every point runs);
#   hydra:     `python app.py --multirun x=1,...,8` with hydra/launcher=joblib, n_jobs=2
#              (each job in its own output folder), the app running the same `sh work.sh X`.
# The project holds the script, a 5 MB data file (a declared input) and 40 small source
# files, copied for each pipeshell point. Goal: pipeshell's whole sweep no slower than Hydra's.
# Hydra comes from Scripts/setup-hydra (HYDRA_VENV, default /work/venvs/hydra).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_deps
bench_build
bench_workdir
venv="${HYDRA_VENV:-/work/venvs/hydra}"
[[ -x "$venv/bin/python" ]] || "$BENCH_ROOT/Scripts/setup-hydra"
runs="${SWEEP_RUNS:-5}"

p="$WORK/project"
mkdir -p "$p/data" "$p/src"
printf 'sleep 1\necho "x=$1" > out.txt\n' > "$p/work.sh"
head -c 5000000 /dev/urandom > "$p/data/train.csv"
for i in $(seq 1 40); do printf 'def f%d():\n    return %d\n' "$i" "$i" > "$p/src/m$i.py"; done
cat > "$p/pipeline.yaml" <<'YAML'
name: bench-sweep
params:
  x: {type: int, default: 0}
steps:
  work:
    run: sh work.sh ${x}
    inputs: [work.sh, data/train.csv]
    outputs: [out.txt]
YAML
cat > "$p/app.py" <<'PY'
import subprocess
import hydra
from hydra.utils import to_absolute_path
from omegaconf import DictConfig

@hydra.main(version_base=None, config_path=".", config_name="config")
def main(cfg: DictConfig) -> None:
    subprocess.run(["sh", to_absolute_path("work.sh"), str(cfg.x)], check=True)

if __name__ == "__main__":
    main()
PY
cat > "$p/config.yaml" <<'YAML'
defaults:
  - override hydra/launcher: joblib
  - _self_
x: 0
hydra:
  launcher:
    n_jobs: 2
  job:
    chdir: true
YAML

points="1,2,3,4,5,6,7,8"
csv="$WORK/sweep.csv"
hyperfine --style basic --runs "$runs" --export-csv "$csv" \
  --prepare "rm -rf $p/.pipeshell $p/multirun $p/outputs" \
  -n pipeshell "cd $p && $PIPESHELL -c 'sweep x=$points --jobs 2' pipeline.yaml" \
  -n hydra "cd $p && $venv/bin/python app.py --multirun x=$points" >&2
ps_ms="$(awk -F, '$1 == "pipeshell" { printf "%.0f", $4 * 1000 }' "$csv")"
hy_ms="$(awk -F, '$1 == "hydra" { printf "%.0f", $4 * 1000 }' "$csv")"
# Every point really ran, each with its own output.
(cd "$p" && rm -rf .pipeshell && "$PIPESHELL" -c "sweep x=$points --jobs 2" pipeline.yaml > "$WORK/check.txt" 2>&1)
ran="$(grep -c ' ok in .* (1 ran, 0 reused)' "$WORK/check.txt" || true)"

echo "sweep of 8 points of a 1 s step, 2 at a time (median of $runs, ms; 2 at a time cannot take less than 4000)"
{
  row "tool" "median ms" "per point ms" "pipeshell / hydra"
  row "pipeshell sweep --jobs 2 (isolated)" "$ps_ms" "$(awk -v a="$ps_ms" 'BEGIN { printf "%.0f", a / 8 }')" "$(ratio "$ps_ms" "$hy_ms")"
  row "hydra multirun, joblib n_jobs=2" "$hy_ms" "$(awk -v a="$hy_ms" 'BEGIN { printf "%.0f", a / 8 }')" ""
} | table
echo "points that ran in the check sweep: $ran of 8"
echo "goal: pipeshell no slower than hydra (ratio <= 1.00)"
summary "sweep 8 x 1 s, --jobs 2, isolated" "$ps_ms" ms "hydra joblib $hy_ms" "$(versus "$ps_ms" "$hy_ms")" "<= hydra"
