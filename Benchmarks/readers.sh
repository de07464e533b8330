#!/usr/bin/env bash
# The readers of the returns investigators receive (issue 19) against the canonical reader, per MB:
# N rows (default 500,000) of each format from Benchmarks/make_returns.py, and the realistic
# canonical dump of the same row count, each read by `fundflow stats` (release) RUNS times
# (default 3, median), in one session. Prints MB/s and the ratio to the canonical reader.
#
#   Benchmarks/readers.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500000}
runs=${RUNS:-3}
swift build -c release --product fundflow >/dev/null
swift build -c release --product fundflow-bench >/dev/null
bin=.build/release
dir=Benchmarks/data/returns-$n
[ -f "$dir/wechat_bill_bench.csv" ] || python3 Benchmarks/make_returns.py "$n" "$dir"
canonical=Benchmarks/data/realistic-$n.csv
[ -f "$canonical" ] || $bin/fundflow-bench generate "$n" "$canonical" --realistic >/dev/null
echo "| input | rows | MB | stats (median of $runs) | MB/s | per MB vs canonical |"
echo "| --- | --- | --- | --- | --- | --- |"
measure() {
  local file=$1
  python3 - "$bin/fundflow" "$file" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
binary, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
walls = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([binary, "stats", path], check=True, stdout=subprocess.DEVNULL)
    walls.append(time.perf_counter() - start)
print(f"{os.path.getsize(path) / 1e6:.1f} {statistics.median(walls):.3f}")
PY
}
read -r cmb cs < <(measure "$canonical")
crate=$(python3 -c "print($cmb / $cs)")
printf "| canonical dump (realistic) | %s | %.1f | %.2f s | %.0f | 1.00 |\n" "$n" "$cmb" "$cs" "$crate"
for f in TenpayTrades_bench.txt bank_query_feedback_bench.csv payment_institution_bench.csv alipay_account_detail_bench.csv wechat_bill_bench.csv; do
  read -r mb s < <(measure "$dir/$f")
  python3 -c "import sys; mb, s, c = $mb, $s, $crate; print(f'| $f | $n | {mb:.1f} | {s:.2f} s | {mb / s:.0f} | {c / (mb / s):.2f} |')"
done
