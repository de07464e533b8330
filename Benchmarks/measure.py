#!/usr/bin/env python3
"""Runs a command RUNS times and prints the median wall time and the peak RSS of the child.

usage: measure.py RUNS LABEL ROWS MB -- COMMAND...
Prints: LABEL  wall_s  rows/s  MB/s  peak_RSS_MB  bytes/row
With MEASURE_OUTPUT=FILE in the environment, the last run's standard output goes to FILE.
With MEASURE_WARMUP=N, N untimed runs of the command go first (hyperfine's --warmup): on this
2-core VM a short run is slower when it follows idle or another process's long CPU burst
(fundflow's trace of the realistic 1M dump, 2026-12-04: 0.36 s right after the Python peer, 0.35-0.43 s
with 2 s of idle before each run, 0.31-0.34 s back to back).
"""
import os
import statistics
import subprocess
import sys
import time

runs, label, rows, megabytes = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
command = sys.argv[sys.argv.index("--") + 1:]
walls, peaks = [], []
for _ in range(int(os.environ.get("MEASURE_WARMUP", "0"))):
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
for _ in range(runs):
    start = time.perf_counter()
    output = open(os.environ["MEASURE_OUTPUT"], "w") if os.environ.get("MEASURE_OUTPUT") else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=output)
    _, status, usage = os.wait4(process.pid, 0)
    walls.append(time.perf_counter() - start)
    peaks.append(usage.ru_maxrss * 1024)
    if status != 0:
        sys.exit(f"{label}: command failed: {' '.join(command)}")
wall = statistics.median(walls)
peak = max(peaks)
print(f"| {label} | {wall:.2f} s | {rows / wall / 1e6:.2f} M | {megabytes / wall:.0f} | {peak / 2**20:.0f} MB | {peak / rows:.0f} |")
