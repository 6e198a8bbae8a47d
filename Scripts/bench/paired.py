#!/usr/bin/env python3
"""Two builds of pipeshell side by side, run in turn (old, new, new, old, ...), so that both
see the same minutes of a machine whose speed moves from one minute to the next: the median
time of each and the median of the paired ratios.

  Scripts/bench/paired.py OLD_PIPESHELL NEW_PIPESHELL DVC_YAML [RUNS]

Each run is `pipeshell -c plan DVC_YAML` (output discarded); RUNS pairs, 100 by default.
"""
import os
import statistics
import subprocess
import sys
import time


def timed(executable, project, sink):
    start = time.perf_counter()
    subprocess.run([executable, "-c", "plan", project], stdout=sink, stderr=sink, check=True)
    return time.perf_counter() - start


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    old, new, project = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) == 5 else 100
    if not 1 <= runs <= 100_000:
        sys.exit("RUNS must be between 1 and 100000")
    olds, news = [], []
    with open(os.devnull, "w") as sink:
        for i in range(runs):
            order = ((old, olds), (new, news)) if i % 2 == 0 else ((new, news), (old, olds))
            for executable, times in order:
                times.append(timed(executable, project, sink))
    old_ms, new_ms = statistics.median(olds) * 1000, statistics.median(news) * 1000
    paired = statistics.median(a / b for a, b in zip(olds, news))
    print(f"{project}: old {old_ms:.2f} ms, new {new_ms:.2f} ms (medians of {runs}); "
          f"old/new {old_ms / new_ms:.3f}, median of the paired ratios {paired:.3f}")


if __name__ == "__main__":
    main()
