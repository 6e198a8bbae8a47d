#!/usr/bin/env bash
# Parameter resolution, side by side with OmegaConf (the resolver Hydra uses):
#  - params-10000 (as in shared/research/perf-anchors.md: p0..p8999 literals cycling int,
#    float, string, bool; p9000..p9999 = ${p0}..${p999}), in process and whole process;
#  - `pipeshell -c 'load P; params'` on a 100-parameter pipeline, whole process.
# OmegaConf comes from PyPI into a venv under ~/.cache/pipeshell-bench (skipped if that fails).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_deps
bench_build
bench_workdir

# The same flat mapping twice: as a pipeline's `params:` and as plain YAML for OmegaConf.
awk 'BEGIN {
  for (i = 0; i < 10000; i++) {
    if (i >= 9000) v = "${p" (i - 9000) "}"
    else if (i % 4 == 0) v = i
    else if (i % 4 == 1) v = i ".5"
    else if (i % 4 == 2) v = "s" i
    else v = (i % 8 == 3) ? "true" : "false"
    print "p" i ": " v
  } }' > "$WORK/params-10000.yaml"
{
  echo "name: params-10000"
  echo "params:"
  sed 's/^/  /' "$WORK/params-10000.yaml"
  echo "steps:"
  echo "  noop: {run: \"true\"}"
} > "$WORK/params-10000.pipeline.yaml"

# 100 parameters of every scalar type with a few interpolations, and five steps; the same
# values as plain YAML for OmegaConf.
awk -v pipeline="$WORK/params-100.pipeline.yaml" -v plain="$WORK/params-100.yaml" 'BEGIN {
  print "name: params-100" > pipeline
  print "params:" > pipeline
  for (i = 0; i < 100; i++) {
    if (i % 5 == 0) { spec = "{type: int, default: " i ", min: 0, max: 1000}"; v = i }
    else if (i % 5 == 1) { spec = "{type: float, default: 0." i "}"; v = "0." i }
    else if (i % 5 == 2) { spec = "{type: choice, choices: [a, b, c], default: b}"; v = "b" }
    else if (i % 5 == 3) { spec = "{type: bool, default: true}"; v = "true" }
    else { v = "\"run-${p" (i - 4) "}\""; spec = "{type: string, default: " v ", description: parameter " i "}" }
    print "  p" i ": " spec > pipeline
    print "p" i ": " v > plain
  }
  print "steps:" > pipeline
  for (s = 0; s < 5; s++) {
    print "  s" s ":" > pipeline
    print "    run: \"echo ${p" s * 5 "} ${p" s * 5 + 4 "}\"" > pipeline
    if (s) print "    needs: [s" s - 1 "]" > pipeline
  } }'

# --- pipeshell ---------------------------------------------------------------
"$PIPESHELL_BENCH" --reps 20 resolve "$WORK/params-10000.pipeline.yaml" > "$WORK/ps.txt"
ps_load="$(value resolve.load "$WORK/ps.txt")"
ps_resolve="$(value resolve.resolve "$WORK/ps.txt")"
ps_total="$(value resolve.total "$WORK/ps.txt")"
ps_process="$(hf_ms 10 -- "$PIPESHELL -c 'get p9999' $WORK/params-10000.pipeline.yaml")"
ps_params100="$(hf_ms 30 -- "$PIPESHELL -c 'load $WORK/params-100.pipeline.yaml; params'")"

# --- OmegaConf ---------------------------------------------------------------
venv="${XDG_CACHE_HOME:-$HOME/.cache}/pipeshell-bench/omegaconf-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import omegaconf' 2> /dev/null; then
  echo "installing omegaconf into $venv ..." >&2
  python3 -m venv "$venv" >&2 && "$venv/bin/pip" install -q omegaconf >&2 || true
fi
oc_version=""
if "$venv/bin/python" -c 'import omegaconf' 2> /dev/null; then
  oc_version="$("$venv/bin/python" -c 'import omegaconf; print(omegaconf.__version__)')"
  export OMEGACONF_MAX_YAML_EXPANDED_NODES=1000000 # 2.4 refuses 10,000 keys by default
  cat > "$WORK/oc_inprocess.py" << 'EOF'
import statistics, sys, time
from omegaconf import OmegaConf
loads, resolves = [], []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    cfg = OmegaConf.load(sys.argv[1])
    t1 = time.perf_counter()
    OmegaConf.to_container(cfg, resolve=True)
    t2 = time.perf_counter()
    loads.append((t1 - t0) * 1000)
    resolves.append((t2 - t1) * 1000)
totals = [a + b for a, b in zip(loads, resolves)]
print(f"{statistics.median(loads):.2f} {statistics.median(resolves):.2f} {statistics.median(totals):.2f}")
EOF
  read -r oc_load oc_resolve oc_total < <("$venv/bin/python" "$WORK/oc_inprocess.py" "$WORK/params-10000.yaml" 5)
  oc_process="$(hf_ms 5 -- "$venv/bin/python -c 'from omegaconf import OmegaConf; OmegaConf.to_container(OmegaConf.load(\"$WORK/params-10000.yaml\"), resolve=True)'")"
  oc_params100="$(hf_ms 10 -- "$venv/bin/python -c 'from omegaconf import OmegaConf; print(OmegaConf.to_yaml(OmegaConf.load(\"$WORK/params-100.yaml\"), resolve=True))'")"
else
  echo "OmegaConf unavailable: reporting pipeshell alone" >&2
  oc_load=- oc_resolve=- oc_total=- oc_process=- oc_params100=-
fi

echo "resolution, 10,000 parameters (1,000 interpolated); median ms"
{
  row "what" "pipeshell" "OmegaConf ${oc_version:-n/a}" "OmegaConf / pipeshell"
  row "load (in process)" "$ps_load" "$oc_load" "$(ratio "$oc_load" "$ps_load")"
  row "resolve (in process)" "$ps_resolve" "$oc_resolve" "$(ratio "$oc_resolve" "$ps_resolve")"
  row "load + resolve (in process)" "$ps_total" "$oc_total" "$(ratio "$oc_total" "$ps_total")"
  row "whole process" "$ps_process" "$oc_process" "$(ratio "$oc_process" "$ps_process")"
  row "100 parameters: load; params (whole process)" "$ps_params100" "$oc_params100" "$(ratio "$oc_params100" "$ps_params100")"
} | table
echo "goals: resolve < 20 ms and >= 20x OmegaConf; 'load P; params' (100 parameters) < 15 ms"

summary "resolve 10k: resolve (in process)" "$ps_resolve" ms "OmegaConf $oc_resolve" "$(versus "$ps_resolve" "$oc_resolve")" "< 20 ms, >= 20x faster"
summary "resolve 10k: load + resolve (in process)" "$ps_total" ms "OmegaConf $oc_total" "$(versus "$ps_total" "$oc_total")" ">= 20x faster"
summary "resolve 10k: whole process" "$ps_process" ms "OmegaConf $oc_process" "$(versus "$ps_process" "$oc_process")" "-"
summary "load P; params (100 params), whole process" "$ps_params100" ms "OmegaConf $oc_params100" "$(versus "$ps_params100" "$oc_params100")" "< 15 ms"
