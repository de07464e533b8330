#!/usr/bin/env bash
# Instruction counts, not seconds: two binaries (before and after a change) run `analyze` under
# valgrind's callgrind on ../shared/eval/casegen.py seed 1 (48K transfers), and the inclusive
# instruction count of each stage's function is printed side by side. On a shared machine whose
# wall times swing by ±10% from run to run, this tells whether a change altered the code that
# runs (a refactor such as the sealed graph should not). Needs valgrind (apt-get install valgrind).
#
#   cp .build/release/fundflow /tmp/fundflow-before   # before the change
#   swift build -c release --product fundflow         # after it
#   Benchmarks/instructions.sh /tmp/fundflow-before .build/release/fundflow
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2
dir=Benchmarks/data/casegen-1
[ -f "$dir/transfers.csv" ] || python3 ../shared/eval/casegen.py "$dir" --seed 1 > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in before after; do
    bin=$before; [ "$side" = after ] && bin=$after
    # valgrind 3.19 cannot read Swift's DWARF 5: the symbol table is enough for function names.
    strip --strip-debug -o "$work/$side" "$bin"
    valgrind --tool=callgrind --callgrind-out-file="$work/$side.out" "$work/$side" analyze "$dir/transfers.csv" \
        --victims "$dir/victims.csv" --out "$work/out-$side" --force --quiet > /dev/null 2> "$work/$side.log" &
done
wait
for side in before after; do callgrind_annotate --inclusive=yes --threshold=100 "$work/$side.out" > "$work/$side.txt" 2>/dev/null; done
python3 - "$work/before.txt" "$work/after.txt" <<'PY'
import sys
stages = ["IngestorO4read", "TracerV13runConserving", "CashBridgesV5graph", "DetectionEngineV3run",
          "FanInDetectorV6detect", "FanOutDetectorV6detect", "PassThroughDetectorV6detect",
          "LayeringChainDetectorV6detect", "RoundTripDetectorV6detect", "CashMuleDetectorV6detect",
          "SuspiciousMoneyV5graph", "FlaggerV4flag", "findingsJSON", "PROGRAM TOTALS"]
def load(path):
    counts = {}
    for line in open(path):
        for s in stages:
            if s in line and s not in counts:
                counts[s] = int(line.split()[0].replace(",", ""))
    return counts
a, b = load(sys.argv[1]), load(sys.argv[2])
print(f"{'function':32} {'before':>15} {'after':>15}  change")
for s in stages:
    if s in a and s in b:
        print(f"{s:32} {a[s]:>15,} {b[s]:>15,}  {100 * (b[s] / a[s] - 1):+.1f}%")
PY
