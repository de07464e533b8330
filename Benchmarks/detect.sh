#!/usr/bin/env bash
# The detection benchmark (issue 5): every detector on simulated cases of 1M and 10M transfers
# (accounts = N/10, gangs = N/100,000 + 10), wall time per detector and in total, and peak RSS.
#
#   Benchmarks/detect.sh            1M and 10M
#   Benchmarks/detect.sh 1000000    one size
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
swift build -c release >/dev/null 2>&1
bin=.build/release
for n in "${sizes[@]}"; do
  dir=Benchmarks/data/detect-$n
  accounts=$((n / 10))
  scale=$((n / 100000))
  [ -f "$dir/transfers.csv" ] || $bin/fundflow simulate --out "$dir" --force --seed 11 --accounts $accounts --transfers "$n" \
    --gangs $((scale + 10)) --employers $((scale * 20)) --shops $((scale * 20)) --families $((scale * 40)) \
    --landlords $((scale * 20)) --salary-cashouts $((scale * 30)) >/dev/null
  echo "### $n simulated transfers"
  $bin/fundflow-bench detect "$dir/transfers.csv" | sed 's/^/    /'
done
