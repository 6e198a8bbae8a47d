# Shared by the scripts in Scripts/bench (sourced, not run): the release build, a temporary
# workload folder, hyperfine medians, and the summary lines all.sh collects.
#
#   BENCH_SKIP_BUILD=1   do not rebuild (all.sh builds once)
#   BENCH_SUMMARY=FILE   append "name<TAB>value<TAB>unit<TAB>peer<TAB>ratio<TAB>goal" rows
#   BENCH_KEEP=1         keep the workload folder (its path is printed)

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$BENCH_ROOT/.build/release"
PIPESHELL="$BIN/pipeshell"
PIPESHELL_BENCH="$BIN/pipeshell-bench"

bench_build() {
  if [[ "${BENCH_SKIP_BUILD:-}" == 1 && -x "$PIPESHELL" && -x "$PIPESHELL_BENCH" ]]; then return; fi
  echo "building release (swift build -c release) ..." >&2
  (cd "$BENCH_ROOT" && swift build -c release --static-swift-stdlib --product pipeshell >&2 &&
    swift build -c release --static-swift-stdlib --product pipeshell-bench >&2)
}

# A fresh folder for generated workloads, removed on exit unless BENCH_KEEP=1.
bench_workdir() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/pipeshell-bench.XXXXXX")"
  if [[ "${BENCH_KEEP:-}" == 1 ]]; then
    echo "workloads in $WORK" >&2
  else
    trap 'rm -rf "$WORK"' EXIT
  fi
}

# The Debian packages the benchmarks use (peers and timers), installed when missing.
bench_deps() {
  local packages=(hyperfine time make sqlite3 bsdextrautils python3-venv) missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [[ ${#missing[@]} -gt 0 ]] && command -v apt-get > /dev/null; then
    echo "bench: installing ${missing[*]}" >&2
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" > /dev/null
  fi
}

# hf_ms RUNS [hyperfine options ...] -- COMMAND: the median wall time in ms of COMMAND,
# run without a shell (-N) after one warm-up.
hf_ms() {
  local runs="$1"
  shift
  local options=()
  while [[ "$1" != "--" ]]; do
    options+=("$1")
    shift
  done
  shift
  local csv
  csv="$(mktemp "$WORK/hf.XXXXXX.csv")"
  hyperfine -N --style none --warmup 1 --runs "$runs" "${options[@]}" --export-csv "$csv" -- "$1" > /dev/null
  awk -F, 'NR == 2 { printf "%.2f", $(NF - 4) * 1000 }' "$csv"  # the command may hold commas
}

# value NAME FILE: the value of a `name value unit` line printed by pipeshell-bench.
value() { awk -v n="$1" '$1 == n { print $2 }' "$2"; }

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

# versus PIPESHELL PEER (two times): "12.3x faster" or "1.90x slower", pipeshell against the peer.
versus() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a + 0 <= 0 || b + 0 <= 0) printf "-"
    else if (a <= b) printf "%.1fx faster", b / a
    else printf "%.2fx slower", a / b }'
}

# per_step WALL_N WALL_1 N: (wall(N) - wall(1)) / (N - 1), as in perf-anchors.
per_step() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.3f", (a - b) / (n - 1) }'; }

# median V1 V2 ...: the median of some numbers.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# summary NAME VALUE UNIT PEER RATIO GOAL: one row for all.sh's table.
summary() {
  if [[ -n "${BENCH_SUMMARY:-}" ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$BENCH_SUMMARY"
  fi
}

# row COLUMNS...: one table row (tab-separated); table: aligns rows with `column`.
row() { printf '%s\n' "$(IFS=$'\t'; echo "$*")"; }
table() { column -t -s $'\t'; }
