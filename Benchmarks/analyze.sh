#!/usr/bin/env bash
# The end-to-end benchmark (issue 7): `fundflow analyze` with victim reports on the simulated
# cases of Benchmarks/detect.sh (1M and 10M transfers): wall time by stage and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
swift build -c release >/dev/null 2>&1
for n in "${sizes[@]}"; do
  dir=Benchmarks/data/detect-$n
  [ -f "$dir/transfers.csv" ] || Benchmarks/detect.sh "$n" >/dev/null
  .build/release/fundflow-bench analyze "$dir" "Benchmarks/data/analyze-$n"
done
