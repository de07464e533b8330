#!/usr/bin/env bash
# Fuzzes fundflow's readers and parsers with libFuzzer for a bounded time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS (default 60) is shared among the targets: table (CSV/TSV of any layout and encoding),
# xlsx, amount, time, victims; each runs in one process per core (at most 2; FUZZ_WORKERS sets
# it), the processes sharing one corpus folder. It prints each target's inputs a second and the
# total. The seed corpus is every fixture plus fixtures/fuzz/ (earlier
# findings). An input that crashes, hangs past 10 s, or breaks an invariant (rows or money not
# accounted for, a parse that does not round-trip) stops the run with exit code 1 and is saved
# under .build-fuzz/findings/TARGET/: fix it, then keep it in fixtures/fuzz/TARGET/ as a
# regression fixture (FuzzRegressionTests replays that folder in `make test`).
# Exit code 3: this toolchain cannot build libFuzzer targets (the pass is skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(table xlsx amount time victims)

work=.build-fuzz
mkdir -p "$work"
echo "== building the fuzz target (libFuzzer + AddressSanitizer, optimized: a debug build tried ~10x fewer inputs a second)"
if ! swift build -c release --package-path Fuzz --scratch-path "$work/build" -Xswiftc -sanitize=fuzzer,address \
        > "$work/build.log" 2>&1; then
    if grep -q "unsupported option\|sanitizer.*not supported\|cannot find.*fuzzer" "$work/build.log"; then
        echo "this toolchain cannot build libFuzzer targets: skipped (see $work/build.log)"
        exit 3
    fi
    tail -30 "$work/build.log"
    exit 2
fi
binary="$work/build/release/FundFlowFuzz"

seed() {  # seed TARGET: fills $work/corpus/TARGET
    local target=$1 dir="$work/corpus/$1"
    mkdir -p "$dir"
    case $target in
        table) find fixtures -type f \( -name '*.csv' -o -name '*.tsv' \) -size -200k -exec cp {} "$dir/" \; ;;
        xlsx) find fixtures -type f -name '*.xlsx' -exec cp {} "$dir/" \; ;;
        amount)
            local i=0
            for a in '1,234.50' '¥1234.5' '1234.50元' '-12.00' '0.00' '+3' '12.345' '1e5' '92233720368547758.07' \
                     '（100.00）' '¥-0.01' ' 7 ' '1,2,3' '.5' '5.' '00012.10'; do
                printf '%s' "$a" > "$dir/seed$((i++))"
            done ;;
        time)
            local i=0
            for t in '2024-03-01T14:02:00' '2024-03-01 14:02:00.123' '2024-03-01T14:02:00Z' '2024-03-01T14:02:00+05:30' \
                     '2024/03/01 14:02:00' '2024/03/01 14:02' '20240301140200' '1900-01-01 00:00:00' '2199-12-31 23:59:59' \
                     '0000-01-01 00:00:00' '9999-12-31 23:59:59' '2024-02-30 10:00:00' '2024-03-01T24:00:00-12:00'; do
                printf '%s' "$t" > "$dir/seed$((i++))"
            done ;;
        victims) cp fixtures/demo/victims.csv "$dir/" ;;
    esac
    if [ -d "fixtures/fuzz/$target" ]; then cp fixtures/fuzz/"$target"/* "$dir/" 2>/dev/null || true; fi
}

per=$(( seconds / ${#targets[@]} ))
# One process per core (at most 2), sharing the corpus folder: the inputs a second add up.
workers=${FUZZ_WORKERS:-$(nproc 2>/dev/null || echo 1)}
[ "$workers" -le 2 ] || workers=2
[ "$per" -ge 1 ] || per=1
status=0
total=0
for target in "${targets[@]}"; do
    seed "$target"
    findings="$work/findings/$target"
    mkdir -p "$findings"
    maxlen=16384  # records past 16 KB are the hostile-input tests' (a 1 GiB line, 10^6 columns)
    [ "$target" = xlsx ] && maxlen=262144
    [ "$target" = amount ] || [ "$target" = time ] && maxlen=64
    echo "== $target: ${per}s, $workers processes"
    pids=()
    for w in $(seq 1 "$workers"); do
        SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=Fuzz/lsan.supp FUNDFLOW_FUZZ_TARGET=$target "$binary" "$work/corpus/$target" \
            -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 -max_len=$maxlen -seed=$w \
            -artifact_prefix="$findings/" -print_final_stats=1 > "$work/$target.$w.log" 2>&1 &
        pids+=($!)
    done
    failed=0
    for w in $(seq 1 "$workers"); do
        if ! wait "${pids[$((w - 1))]}"; then
            echo "FINDING in $target (process $w):"
            grep -E "ERROR|Fatal error|SUMMARY|Test unit written|timeout|out-of-memory" "$work/$target.$w.log" | head -12
            failed=1
        fi
    done
    if [ $failed -ne 0 ]; then status=1; continue; fi
    runs=0
    rss=0
    for w in $(seq 1 "$workers"); do
        n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.$w.log")
        m=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/$target.$w.log")
        runs=$(( runs + ${n:-0} ))
        [ "${m:-0}" -gt "$rss" ] && rss=${m:-0}
    done
    echo "   $runs inputs, $(( runs / per )) a second ($(( runs / per / workers )) a process), peak RSS $rss MB a process"
    total=$(( total + runs ))
done
echo "== ${total} inputs in all"
if [ $status -ne 0 ]; then echo "findings are in $work/findings/ (logs in $work/*.log)"; fi
exit $status
