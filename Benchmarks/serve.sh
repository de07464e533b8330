#!/usr/bin/env bash
# `fundflow serve` under load (issue 18): on the realistic dump of N transfers (default 1M) with
# 1,000 victims, the p50/p95/p99 latency of the account, transfers and 2-hop graph endpoints with
# 8 concurrent clients on loopback (Benchmarks/serve_load.py), and the server's peak RSS against
# `fundflow analyze`'s on the same files, measured in the same run.
#
# The server lays charts out in Graphviz helper processes (`--render-helpers`, one per core by
# default); HELPERS=0 measures the in-process renderer instead. The memory line counts the
# helpers too: their private memory (what they add; most of their RSS is the shared libraries the
# server maps as well) is added to the server's peak RSS before the ratio is taken.
#
#   Benchmarks/serve.sh [N]        CLIENTS=8 REQUESTS=40 (per client and endpoint) by default
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
clients=${CLIENTS:-8}
requests=${REQUESTS:-40}
swift build -c release --product fundflow >/dev/null
swift build -c release --product fundflow-bench >/dev/null
bin=.build/release
mkdir -p Benchmarks/data
file=Benchmarks/data/realistic-$n.csv
[ -f "$file" ] || $bin/fundflow-bench generate "$n" "$file" --realistic >/dev/null
victims=Benchmarks/data/victims-realistic-$n.csv
$bin/fundflow-bench victims "$file" 1000 "$victims" >/dev/null

echo "### fundflow serve on $n realistic transfers, 1,000 victims, $clients clients"
echo
analyze_kb=$( { /usr/bin/time -f "%M" $bin/fundflow analyze "$file" --victims "$victims" --out Benchmarks/data/serve-analyze --force --quiet > /dev/null; } 2>&1 | tail -1)

case_dir=Benchmarks/data/serve-case
rm -rf "$case_dir"
out=$(mktemp)
start=$SECONDS
helpers=()
[ -n "${HELPERS:-}" ] && helpers=(--render-helpers "$HELPERS")
$bin/fundflow serve "$file" --victims "$victims" --case "$case_dir" --port 0 "${helpers[@]}" > "$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
until grep -q "^fundflow serving" "$out"; do
    kill -0 $pid 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.2
done
ready=$((SECONDS - start))
url=$(head -1 "$out" | awk '{print $3}')
# Accounts an investigator opens: the freeze list and flagged accounts, and accounts drawn at random.
accounts=Benchmarks/data/serve-accounts.txt
python3 - "$url" "$file" "$accounts" <<'PY'
import csv, json, random, sys, urllib.request
url, dump, path = sys.argv[1:]
summary = json.load(urllib.request.urlopen(url + "api/summary"))
chosen = [f["account"] for f in summary.get("freeze", [])[:100]] + [f["account"] for f in summary["flagged"][:100]]
rng = random.Random(7)
with open(dump, encoding="utf-8") as f:
    reader = csv.DictReader(f)
    payers = [row["from"] for _, row in zip(range(200000), reader) if row["from"]]
chosen += rng.sample(payers, 200)
open(path, "w", encoding="utf-8").write("\n".join(chosen) + "\n")
PY
python3 Benchmarks/serve_load.py "$url" "$clients" "$requests" "$accounts"
serve_kb=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
helper_kb=0
helper_rss_kb=0
helper_count=0
for child in $(pgrep -P $pid || true); do
    private=$(awk '/^Private_(Clean|Dirty)/ {sum += $2} END {print sum + 0}' /proc/$child/smaps_rollup)
    helper_kb=$((helper_kb + private))
    helper_rss_kb=$((helper_rss_kb + $(awk '/VmHWM/ {print $2}' /proc/$child/status)))
    helper_count=$((helper_count + 1))
done
echo
echo "ready to serve after ${ready} s; peak RSS: serve $((serve_kb / 1024)) MB + $helper_count render helpers $((helper_kb / 1024)) MB private ($((helper_rss_kb / 1024)) MB RSS, shared libraries included); analyze $((analyze_kb / 1024)) MB; ratio $(python3 -c "print(f'{($serve_kb + $helper_kb) / $analyze_kb:.2f}')")"
