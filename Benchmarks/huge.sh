#!/usr/bin/env bash
# 10^8 transfers on one machine (issue 17): writes a realistic dump of N rows (default
# 100,000,000: shuffled per-account runs, holder names, places, Chinese memos, 16–19 digit cards
# and wallet ids; about 12.6 GB), picks VICTIMS (default 1,000) victim reports from it, and
# measures `fundflow stats`, `fundflow trace --policy fifo` and `fundflow analyze` on it: wall
# time, peak RSS and bytes a transfer; and `fundflow-bench read` for the graph's own arrays
# (attributes apart). The dump is deleted afterwards unless KEEP=1; STEPS picks the measurements
# (default "stats trace analyze read").
#
#   Benchmarks/huge.sh [N]
#
# Needs about 13 GB of disk for the dump and, for N = 10^8, most of a 24 GB machine's memory.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000000}
victims=${VICTIMS:-1000}
swift build -c release --product fundflow >/dev/null
swift build -c release --product fundflow-bench >/dev/null
bin=.build/release
dir=Benchmarks/data/huge-$n
mkdir -p "$dir"
dump=$dir/transfers.csv
if [ ! -f "$dump" ]; then
    /usr/bin/time -f "generate: %e s, peak RSS %M KB" $bin/fundflow-bench generate "$n" "$dump" --realistic
fi
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT
mb=$(python3 -c "import os; print(round(os.path.getsize('$dump') / 1e6))")
echo "dump: $n rows, $mb MB"
[ -f "$dir/victims.csv" ] || $bin/fundflow-bench victims "$dump" "$victims" "$dir/victims.csv"

measure() {  # measure LABEL COMMAND...: wall, peak RSS and bytes a transfer of one run
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > "$dir/out.txt" 2>&1 || { echo "$label failed:"; tail -5 "$dir/out.txt"; return 0; }
    read -r wall kb < "$dir/time.txt"
    python3 - "$label" "$wall" "$kb" "$n" <<'PY'
import sys
label, wall, kb, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"| {label} | {wall:.1f} s | {kb / 1048576:.2f} GiB | {kb * 1024 / n:.0f} |")
PY
}
echo
echo "| what ($n transfers, $victims victims) | wall | peak RSS | bytes a transfer |"
echo "| --- | --- | --- | --- |"
steps=${STEPS:-stats trace analyze read}
for step in $steps; do case $step in
stats)
measure "fundflow stats" $bin/fundflow stats "$dump" ;;
trace)
measure "fundflow trace --policy fifo" $bin/fundflow trace "$dump" --victims "$dir/victims.csv" --policy fifo --out "$dir/trace" --force
sed -n 1,3p "$dir/out.txt" | sed 's/^/    /' ;;
analyze)
measure "fundflow analyze" $bin/fundflow analyze "$dump" --victims "$dir/victims.csv" --out "$dir/case" --force ;;
read)
measure "fundflow-bench read (library read + graph, 2 threads)" $bin/fundflow-bench read --threads 2 "$dump"
sed -n 1,4p "$dir/out.txt" | sed 's/^/    /' ;;
esac; done
