#!/usr/bin/env bash
# The tracing benchmark (issue 4): `fundflow trace` end to end (read included) on the canonical
# dumps of Benchmarks/run.sh with 1,000 victims, per policy, and a plain Python FIFO tracer
# (Benchmarks/trace_fifo.py) as the peer, whose held and cashed-out totals must match fundflow's.
#
#   Benchmarks/trace.sh            1M and 10M transfers
#   Benchmarks/trace.sh 1000000    one size
#
# Each measurement, fundflow's and the peer's, starts with WARMUP untimed runs (default 1; see
# measure.py): right after the peer's 15 s of CPU, or after idle, fundflow's runs were 15-25% slower.
set -euo pipefail
export MEASURE_WARMUP=${WARMUP:-1}
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
runs=${RUNS:-3}
swift build -c release >/dev/null 2>&1
bin=.build/release
mkdir -p Benchmarks/data
for n in "${sizes[@]}"; do
  file=Benchmarks/data/canonical-$n.csv
  [ -f "$file" ] || $bin/fundflow-bench generate "$n" "$file"
  victims=Benchmarks/data/victims-$n.csv
  $bin/fundflow-bench victims "$file" 1000 "$victims" >/dev/null
  mb=$(python3 -c "import os; print(os.path.getsize('$file') / 2**20)")
  echo
  echo "### $n transfers, 1,000 victims"
  echo
  echo "| what | wall (median of $runs) | transfers/s | MB/s | peak RSS | RSS bytes/transfer |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for policy in fifo lifo proportional poison; do
    python3 Benchmarks/measure.py "$runs" "fundflow trace --policy $policy" "$n" "$mb" -- \
      $bin/fundflow trace "$file" --victims "$victims" --policy $policy --out "Benchmarks/data/trace-$policy" --force
  done
  peer_runs=$runs
  [ "$n" -gt 2000000 ] && peer_runs=1
  MEASURE_OUTPUT=Benchmarks/data/trace-peer-$n.txt python3 Benchmarks/measure.py "$peer_runs" \
    "Python FIFO peer (trace_fifo.py, $peer_runs run(s))" "$n" "$mb" -- python3 Benchmarks/trace_fifo.py "$file" "$victims"
  echo
  echo "    fundflow fifo: $($bin/fundflow trace "$file" --victims "$victims" --out Benchmarks/data/trace-fifo --force | sed -n 2p)"
  echo "    python peer:   $(cat Benchmarks/data/trace-peer-$n.txt)"
done
for n in "${sizes[@]}"; do
  file=Benchmarks/data/realistic-$n.csv
  [ -f "$file" ] || $bin/fundflow-bench generate "$n" "$file" --realistic >/dev/null
  victims=Benchmarks/data/victims-realistic-$n.csv
  $bin/fundflow-bench victims "$file" 1000 "$victims" >/dev/null
  mb=$(python3 -c "import os; print(os.path.getsize('$file') / 2**20)")
  echo
  echo "### $n transfers as users get them ($(printf '%.0f' "$mb") MB), 1,000 victims"
  echo
  echo "| what | wall (median of $runs) | transfers/s | MB/s | peak RSS | RSS bytes/transfer |"
  echo "| --- | --- | --- | --- | --- | --- |"
  results=$(mktemp)
  python3 Benchmarks/measure.py "$runs" "fundflow trace --policy fifo" "$n" "$mb" -- \
    $bin/fundflow trace "$file" --victims "$victims" --policy fifo --out Benchmarks/data/trace-realistic --force | tee -a "$results"
  peer_runs=$runs
  [ "$n" -gt 2000000 ] && peer_runs=1
  MEASURE_OUTPUT=Benchmarks/data/trace-peer-realistic-$n.txt python3 Benchmarks/measure.py "$peer_runs" \
    "Python FIFO peer (trace_fifo.py, $peer_runs run(s))" "$n" "$mb" -- python3 Benchmarks/trace_fifo.py "$file" "$victims" | tee -a "$results"
  echo
  echo "    fundflow fifo: $($bin/fundflow trace "$file" --victims "$victims" --out Benchmarks/data/trace-realistic --force | sed -n 2p)"
  echo "    python peer:   $(cat Benchmarks/data/trace-peer-realistic-$n.txt)"
  python3 - "$results" <<'PY'
import sys
walls = [float(line.split("|")[2].split()[0]) for line in open(sys.argv[1]) if line.startswith("|")]
print(f"    peer / fundflow: {walls[1] / walls[0]:.0f}x (target >= 50)")
PY
  rm -f "$results"
done
