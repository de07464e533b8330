#!/usr/bin/env bash
# The PostgreSQL source at scale: N transfers (default 10M; the dumps of Benchmarks/run.sh, and the
# simulated cases of Benchmarks/detect.sh when present) loaded into a throwaway PostgreSQL with
# `fundflow db load`, 100 victims, and a FIFO trace by pushdown against fetching every row (rows
# fetched, queries, wall time; both traced locally and the freeze lists compared); then detection
# from candidates' aggregates against fetching every row (findings compared).
#
#   Benchmarks/db.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000000)
scratch=.build-pg-release
echo "== building (release, --traits PostgreSQL)"
swift build -c release --traits PostgreSQL --scratch-path $scratch --product fundflow > /dev/null
swift build -c release --traits PostgreSQL --scratch-path $scratch --product fundflow-bench > /dev/null
bin=$scratch/release
. scripts/pg-server.sh
mkdir -p Benchmarks/data
for n in "${sizes[@]}"; do
    file=Benchmarks/data/canonical-$n.csv
    [ -f "$file" ] || $bin/fundflow-bench generate "$n" "$file"
    victims=Benchmarks/data/victims-$n-100.csv
    $bin/fundflow-bench victims "$file" 100 "$victims" > /dev/null
    echo "### $n transfers, 100 victims"
    $bin/fundflow db init --source "$url?table=t$n" > /dev/null
    /usr/bin/time -f "db load: %e s wall, peak RSS %M KB" $bin/fundflow db load "$file" --source "$url?table=t$n"
    "${as_server[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U fundflow -d fundflow -qc "ANALYZE t$n" > /dev/null
    $bin/fundflow-bench pgtrace "$url?table=t$n" "$victims"
    $bin/fundflow-bench pgdetect "$url?table=t$n"
    # The simulated case of Benchmarks/detect.sh (gangs among legitimate traffic), when present,
    # with its first 100 victim reports.
    case=Benchmarks/data/detect-$n
    [ -f "$case/transfers.csv" ] || continue
    head -n 101 "$case/victims.csv" > "$case/victims-100.csv"
    echo "### $n simulated transfers, 100 victims"
    $bin/fundflow db init --source "$url?table=s$n" > /dev/null
    /usr/bin/time -f "db load: %e s wall, peak RSS %M KB" $bin/fundflow db load "$case/transfers.csv" --source "$url?table=s$n"
    "${as_server[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U fundflow -d fundflow -qc "ANALYZE s$n" > /dev/null
    $bin/fundflow-bench pgtrace "$url?table=s$n" "$case/victims-100.csv"
    $bin/fundflow-bench pgdetect "$url?table=s$n"
done
