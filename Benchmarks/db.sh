#!/usr/bin/env bash
# The PostgreSQL source at scale: N transfers (default 10M; the dumps of Benchmarks/run.sh, and the
# simulated cases of Benchmarks/detect.sh when present) loaded into a throwaway PostgreSQL with
# `fundflow db load`, 100 victims, and a FIFO trace by pushdown against fetching every row (rows
# fetched, queries, wall time; both traced locally and the freeze lists compared); then detection
# from candidates' aggregates against fetching every row (findings compared).
#
#   Benchmarks/db.sh [N...]
#   DB_DATA=simulated Benchmarks/db.sh 10000000    only the simulated case (or DB_DATA=random)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000000)
echo "== building (release)"
swift build -c release --product fundflow > /dev/null
swift build -c release --product fundflow-bench > /dev/null
bin=.build/release
. scripts/pg-server.sh
mkdir -p Benchmarks/data
data=${DB_DATA:-both}
# Loads FILE into TABLE, then traces VICTIMS and detects by pushdown against fetching every row.
measure() {
    local table=$1 file=$2 victims=$3
    $bin/fundflow db init --source "$url?table=$table" > /dev/null
    /usr/bin/time -f "db load: %e s wall, peak RSS %M KB" $bin/fundflow db load "$file" --source "$url?table=$table"
    "${as_server[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U fundflow -d fundflow -qc "ANALYZE $table" > /dev/null
    $bin/fundflow-bench pgtrace "$url?table=$table" "$victims"
    $bin/fundflow-bench pgdetect "$url?table=$table"
}
for n in "${sizes[@]}"; do
    if [ "$data" != simulated ]; then
        file=Benchmarks/data/canonical-$n.csv
        [ -f "$file" ] || $bin/fundflow-bench generate "$n" "$file"
        victims=Benchmarks/data/victims-$n-100.csv
        $bin/fundflow-bench victims "$file" 100 "$victims" > /dev/null
        echo "### $n transfers, 100 victims"
        measure "t$n" "$file" "$victims"
    fi
    # The simulated case of Benchmarks/detect.sh (gangs among legitimate traffic), when present,
    # with its first 100 victim reports.
    case=Benchmarks/data/detect-$n
    [ "$data" != random ] && [ -f "$case/transfers.csv" ] || continue
    head -n 101 "$case/victims.csv" > "$case/victims-100.csv"
    echo "### $n simulated transfers, 100 victims"
    measure "s$n" "$case/transfers.csv" "$case/victims-100.csv"
done
