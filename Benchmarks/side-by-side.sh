#!/usr/bin/env bash
# Times two builds of `fundflow-bench read` on the same file at the same time, one per core, N
# times: on this shared VM wall times swing about 2x between spells, and two builds run side by
# side see the same spell (they share the memory bandwidth, so the gap reads smaller than alone).
# Prints one line per round: A's seconds, B's seconds.
#
#   Benchmarks/side-by-side.sh N FILE BINARY_A BINARY_B
#   (e.g. copy .build/release/fundflow-bench to /tmp/a before a change and to /tmp/b after)
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 N FILE BINARY_A BINARY_B" >&2; exit 2; }
n=$1 file=$2 a=$3 b=$4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$n"); do
    "$a" read "$file" > "$out/a" &
    "$b" read "$file" > "$out/b" &
    wait
    echo "A $(head -1 "$out/a" | awk '{print $(NF-1)}') s  B $(head -1 "$out/b" | awk '{print $(NF-1)}') s"
done
