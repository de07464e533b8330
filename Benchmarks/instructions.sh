#!/usr/bin/env bash
# Instructions executed by the library's read + graph build (fundflow-bench read) on the first
# N rows (default 200,000) of the 1M canonical dump, counted by valgrind's callgrind: a figure that,
# unlike wall time on a shared virtual machine, does not move with the neighbours. Prints the
# total and the ten costliest functions.
#
#   Benchmarks/instructions.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200000}
command -v valgrind > /dev/null || { echo "instructions.sh needs valgrind (apt-get install valgrind)" >&2; exit 3; }
swift build -c release --product fundflow-bench > /dev/null
mkdir -p Benchmarks/data
[ -f Benchmarks/data/canonical-1000000.csv ] || .build/release/fundflow-bench generate 1000000 Benchmarks/data/canonical-1000000.csv
head -n $((n + 1)) Benchmarks/data/canonical-1000000.csv > "Benchmarks/data/head-$n.csv"
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" .build/release/fundflow-bench read "Benchmarks/data/head-$n.csv" 2>&1 \
    | grep -E "read\+build|refs" | sed 's/^==[0-9]*== //'
total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$((total / n)) instructions a row"
callgrind_annotate "$out" 2>/dev/null | grep -E "^ *[0-9,]+ \(" | grep -v "PROGRAM TOTALS" | head -10 | cut -c1-150
rm -f "$out"
