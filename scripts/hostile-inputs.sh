#!/usr/bin/env bash
# The two hostile inputs too big for the debug tests, through the release `fundflow stats` with its
# defaults: a 1 GiB line (stopped at the 64 MiB record limit) and a header and a row of 10^6
# columns. Prints each message, wall time and peak RSS. Writes 1 GiB under .build/hostile/.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product fundflow > /dev/null
dir=.build/hostile
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
with open(f"{d}/gigabyte-line.csv", "wb") as f:
    f.write(b"id,time,from,to,amount\n1,2024-03-01 10:00:00,A,B,5\n2,2024-03-01 10:00:00,A,B,")
    block = b"9" * (1 << 20)
    for _ in range(1024):
        f.write(block)
    f.write(b"\n3,2024-03-01 10:00:00,A,B,5\n")
n = 10**6
with open(f"{d}/million-column-header.csv", "w") as f:
    f.write(",".join(f"c{i}" for i in range(n)) + "\n" + ",".join("1" for _ in range(n)) + "\n")
with open(f"{d}/million-column-row.csv", "w") as f:
    f.write("id,time,from,to,amount\n1,2024-03-01 10:00:00,A,B,5" + ",x" * (n - 5) + "\n2,2024-03-01 10:00:00,A,B,7\n")
PY
for file in gigabyte-line million-column-header million-column-row; do
    echo "== $file.csv ($(du -h "$dir/$file.csv" | cut -f1))"
    /usr/bin/time -f "   %e s, peak RSS %M KB" .build/release/fundflow stats "$dir/$file.csv" 2>&1 \
        | grep -E "fundflow:|^Rows|^Rejected|line [0-9]+|s, peak RSS" | sed 's/^/   /' || true
done
rm -f "$dir/gigabyte-line.csv"
