#!/usr/bin/env bash
# Masker throughput: 1 GiB of log-like text in 64 KiB chunks through StreamMasker with 0, 1
# and 10 secrets, in a release build. Reports MiB/s; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
PIPESHELL_BENCH_MASKER=1 swift test -c release -Xswiftc -enable-testing --filter MaskerThroughput 2>&1 |
  grep '^masker:'
