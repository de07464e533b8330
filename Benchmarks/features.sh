#!/usr/bin/env bash
# What issue 20's features add to `fundflow analyze` at about 1M transfers, on a case fundflow did
# not generate: ../shared/eval/casegen.py seed 7, scale 20 (1.1M transfers with cash deposits,
# ATM and branch places, holder names and 1,246 victim reports).
#   - cash bridges: `analyze` against `analyze --cash-bridges`, and the matcher's own stage time
#     (`cash_bridges`, run with every trace to list the candidates);
#   - shared devices: the same dump with `ip` and `mac` columns added (Benchmarks/add_devices.py)
#     against the dump without them, and against itself with the detector off (rules
#     `max_accounts = 0`): what the columns cost to read, and what the detector and its findings
#     cost; and the detector's own time (`detect.shared_device`).
# RUNS (default 3) alternating runs of each; prints medians of wall seconds and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
dir=Benchmarks/data/casegen-7-20
[ -f "$dir/transfers.csv" ] || python3 ../shared/eval/casegen.py "$dir" --seed 7 --scale 20 > /dev/null
[ -f "$dir/transfers-devices.csv" ] || python3 Benchmarks/add_devices.py "$dir/transfers.csv" "$dir/transfers-devices.csv"
swift build -c release --product fundflow > /dev/null 2>&1
ff=.build/release/fundflow
log=$(mktemp)
run() {  # name, then the arguments
    local name=$1; shift
    FUNDFLOW_TIMINGS=1 /usr/bin/time -f "wall $name %e %M" "$ff" analyze "$@" --victims "$dir/victims.csv" --out Benchmarks/data/features-out --force --quiet \
        > /dev/null 2> >(sed "s/^fundflow: timing /stage $name /" >> "$log")
    wait
}
off=Benchmarks/data/features-devices-off.toml
printf '[shared_device]\nmax_accounts = 0\n' > "$off"
for _ in $(seq "$runs"); do
    run plain "$dir/transfers.csv"
    run bridges "$dir/transfers.csv" --cash-bridges
    run devices "$dir/transfers-devices.csv"
    run devices-off "$dir/transfers-devices.csv" --rules "$off"
done
python3 - "$log" <<'PY'
import statistics, sys
wall, stage = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[:1] == ["wall"]: wall.setdefault(f[1], []).append((float(f[2]), int(f[3])))
    elif f[:1] == ["stage"] and len(f) >= 4: stage.setdefault((f[1], f[2]), []).append(float(f[3]))
def w(n): return statistics.median(x for x, _ in wall[n])
def rss(n): return max(m for _, m in wall[n]) / 1024
def st(n, s): return statistics.median(stage.get((n, s), [0]))
def stages(n):  # read + cash_bridges + trace + detect + provenance + flag, per run: the work before the files are written
    runs = len(wall[n])
    return statistics.median(sum(v[i] for (m, s), v in stage.items() if m == n and "." not in s and s != "write" and i < len(v)) for i in range(runs))
p = w("plain")
print(f"analyze, no option:          {p:.2f} s wall, peak RSS {rss('plain'):.0f} MB; of it the bridge matcher {st('plain', 'cash_bridges'):.0f} ms ({100 * st('plain', 'cash_bridges') / 1000 / p:.1f}%)")
print(f"analyze --cash-bridges:      {w('bridges'):.2f} s wall ({100 * (w('bridges') / p - 1):+.1f}%), trace stage {st('plain', 'trace'):.0f} -> {st('bridges', 'trace'):.0f} ms")
print(f"the stages before writing:   {stages('plain'):.0f} ms plain, {stages('bridges'):.0f} ms with --cash-bridges ({100 * (stages('bridges') / stages('plain') - 1):+.1f}%), "
      f"{stages('devices'):.0f} ms with device columns ({100 * (stages('devices') / stages('plain') - 1):+.1f}%)")
print(f"analyze with ip/mac columns: {w('devices'):.2f} s wall ({100 * (w('devices') / p - 1):+.1f}%), peak RSS {rss('devices'):.0f} MB; detect.shared_device {st('plain', 'detect.shared_device'):.0f} -> {st('devices', 'detect.shared_device'):.0f} ms, read {st('plain', 'read'):.0f} -> {st('devices', 'read'):.0f} ms")
print(f"the same, detector off:      {w('devices-off'):.2f} s wall (max_accounts = 0); the detector and its findings add {100 * (w('devices') / w('devices-off') - 1):+.1f}% "
      f"(stages {stages('devices-off'):.0f} -> {stages('devices'):.0f} ms, {100 * (stages('devices') / stages('devices-off') - 1):+.1f}%)")
# The runs alternate, so a pair (run i of each) shares the machine's state: the median of the
# pairs' ratios is steadier than the ratio of medians when other work comes and goes.
def paired(a, b): return statistics.median(x / y for (x, _), (y, _) in zip(wall[a], wall[b]))
print(f"paired medians (run i of each): --cash-bridges {100 * (paired('bridges', 'plain') - 1):+.1f}%, detector on vs off {100 * (paired('devices', 'devices-off') - 1):+.1f}%")
print("stage medians, ms (device columns: detector on / off):")
for s in ["read", "trace", "detect", "detect.shared_device", "provenance", "flag", "write"]:
    on, off = st("devices", s), st("devices-off", s)
    print(f"  {s:22} {on:7.0f} {off:7.0f}  {on - off:+6.0f}")
PY
rm -f "$log"
