#!/usr/bin/env bash
# Memory safety of the Graphviz boundary: renders COUNT (default 1,000) varied charts in one
# process under valgrind (2–40 nodes; dot, limited dot and sfdp; SVG, PNG and PDF; one in 20 a DOT
# text Graphviz refuses) and fails unless valgrind finds no invalid access and no definite leak.
#
#   scripts/render-valgrind.sh [COUNT]
#
# fontconfig's pattern cache (held by pango for the process's life) is suppressed by
# scripts/valgrind-fontconfig.supp; so that the suppression cannot hide a leak per render, the
# suppressed bytes after COUNT renders must equal, within 64 KiB, those after 10.
# About 0.7 s a render under valgrind on this machine (1,000 renders: 716 s).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
command -v valgrind > /dev/null || { echo "valgrind is not installed (apt-get install -y valgrind)"; exit 2; }
swift build -c release --product fundflow-bench > /dev/null
bench=.build/release/fundflow-bench
mkdir -p .build/valgrind

run() {  # run COUNT LOG: valgrind over COUNT renders; prints the suppressed definite bytes
    valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
        --suppressions=scripts/valgrind-fontconfig.supp --error-exitcode=99 \
        "$bench" renderloop "$1" 7 > "$2" 2>&1 || { echo "valgrind reports errors: see $2" >&2; grep -E "Invalid|definitely lost|ERROR SUMMARY" "$2" | head -20 >&2; return 1; }
    grep -E "suppressed: [0-9,]+ bytes" "$2" | tail -1 | sed -E 's/.*suppressed: ([0-9,]+) bytes.*/\1/' | tr -d ,
}

small=$(run 10 .build/valgrind/renders-10.log)
start=$(date +%s)
large=$(run "$count" ".build/valgrind/renders-$count.log")
elapsed=$(( $(date +%s) - start ))
grep -E "renderloop:|ERROR SUMMARY|definitely lost" ".build/valgrind/renders-$count.log" | sed 's/^==[0-9]*== //'
echo "suppressed (fontconfig cache): ${small} bytes after 10 renders, ${large} after $count"
if [ $(( large - small )) -gt 65536 ]; then
    echo "the suppressed bytes grow with the renders: a leak per render hides under the suppression" >&2
    exit 1
fi
echo "clean: $count renders, no invalid access, no definite leak (${elapsed}s under valgrind)"
