#!/usr/bin/env bash
# What a change costs `fundflow analyze` (or `trace`, with COMMAND=trace): two binaries (before
# and after) run alternately on the realistic dump with 1,000 victims, RUNS times each; prints the
# median wall and CPU seconds and the peak RSS.
#
#   cp .build/release/fundflow /tmp/fundflow-before   # before the change
#   swift build -c release --product fundflow         # after it
#   Benchmarks/compare.sh /tmp/fundflow-before .build/release/fundflow [N]
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 n=${3:-1000000} runs=${RUNS:-3} command=${COMMAND:-analyze}
file=Benchmarks/data/realistic-$n.csv
victims=Benchmarks/data/victims-realistic-$n.csv
[ -f "$file" ] || .build/release/fundflow-bench generate "$n" "$file" --realistic >/dev/null
[ -f "$victims" ] || .build/release/fundflow-bench victims "$file" 1000 "$victims" >/dev/null
log=$(mktemp)
for _ in $(seq "$runs"); do
    for b in "$before" "$after"; do
        quiet=()
        [ "$command" = analyze ] && quiet=(--quiet)
        /usr/bin/time -f "$b %e %U %S %M" "$b" "$command" "$file" --victims "$victims" --out Benchmarks/data/compare-out --force "${quiet[@]}" > /dev/null 2>> "$log"
    done
done
python3 - "$log" "$command" "$before" "$after" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if len(line.split()) == 5]
for name in sys.argv[3:]:
    mine = [r for r in rows if r[0] == name]
    wall = statistics.median(float(r[1]) for r in mine)
    cpu = statistics.median(float(r[2]) + float(r[3]) for r in mine)
    rss = max(int(r[4]) for r in mine) / 1024
    print(f"{name}: {sys.argv[2]} median {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss:.0f} MB over {len(mine)} runs")
PY
rm -f "$log"
