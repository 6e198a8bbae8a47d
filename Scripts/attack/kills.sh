#!/usr/bin/env bash
# Kills a running shell again and again, at random moments, with SIGKILL, SIGTERM, SIGHUP or
# SIGINT, and checks after each kill what the next start must find: the store opens and passes
# SQLite's integrity check, the run is recorded as interrupted (by the shell itself, or marked
# at the next start), no step process is left running, and every run recorded before is intact.
#   Scripts/attack/kills.sh [KILLS]   (default 60; not part of CI: it takes a few minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
kills="${1:-60}"
swift build --product pipeshell >&2
P="$PWD/.build/debug/pipeshell"
work="$(mktemp -d "${TMPDIR:-/tmp}/pipeshell-kills.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > p.yaml <<'YAML'
name: kills
params:
  n: {type: int, default: 1}
steps:
  a: {run: "echo $$ >> pids; seq 1 2000 | while read i; do echo line $i; done; sleep 0.2", outputs: [a.txt]}
  b: {needs: [a], run: "echo $$ >> pids; sleep 0.3; echo b > b.txt", outputs: [b.txt]}
  c: {needs: [a], run: "echo $$ >> pids; sleep 0.4; echo ::metric m=${n}"}
  d: {needs: [b, c], run: "echo $$ >> pids; sleep 0.2"}
YAML
sed -i 's/sleep 0.2", outputs: \[a.txt\]/sleep 0.2; echo a > a.txt", outputs: [a.txt]/' p.yaml
signals=(KILL TERM HUP INT)
survived=0 failures=0 before=0
for i in $(seq 1 "$kills"); do
  : > pids
  "$P" -c "run n=$i --jobs 2" p.yaml > out.txt 2>&1 &
  pid=$!
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", (r % 120) / 100 }')"
  signal=${signals[$((RANDOM % 4))]}
  kill -"$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # The next start: marks the run if the shell could not, stops leftovers, must not fail.
  if ! "$P" -c 'runs 3' p.yaml > next.txt 2>&1; then
    echo "kill $i ($signal): the next start failed:"; cat next.txt; failures=$((failures + 1)); continue
  fi
  sleep 0.3
  left=""
  while read -r step; do
    state=$(cut -d' ' -f3 "/proc/$step/stat" 2>/dev/null || true)
    if [ -n "$state" ] && [ "$state" != Z ]; then left="$left $step"; fi
  done < pids
  integrity=$(sqlite3 .pipeshell/runs.db 'PRAGMA integrity_check' 2>&1)
  running=$(sqlite3 .pipeshell/runs.db "SELECT COUNT(*) FROM runs WHERE status = 'running'" 2>&1)
  recorded=$(sqlite3 .pipeshell/runs.db "SELECT COUNT(*) FROM runs" 2>&1)
  # A shell killed before it recorded its run adds none; none recorded before may go missing.
  if [ -n "$left" ] || [ "$integrity" != ok ] || [ "$running" != 0 ] || [ "$recorded" -lt "$before" ]; then
    echo "kill $i ($signal): left:[$left] integrity:$integrity running:$running runs:$recorded"
    failures=$((failures + 1))
  else
    survived=$((survived + 1))
  fi
  before=$recorded
done
echo "kills: $kills, survived: $survived, failed: $failures"
[ "$failures" = 0 ]
