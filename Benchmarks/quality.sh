#!/usr/bin/env bash
# Detection quality (issue 5): account-level precision and recall of `fundflow analyze` on
# simulated cases, without and with victim reports, over several seeds and sizes.
#
#   Benchmarks/quality.sh
# Prints a Markdown table, then the per-role recall and the look-alikes flagged of the largest case.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product fundflow >/dev/null 2>&1
bin=.build/release/fundflow
work=Benchmarks/data/quality
mkdir -p "$work"
echo "| case | victims given | flagged | precision | recall | F1 | look-alikes flagged |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
cases=(
  "seed=1 demo:--demo --seed 1"
  "seed=2 demo:--demo --seed 2"
  "seed=3 default (20K transfers, 3 gangs):--seed 3"
  "seed=4 default:--seed 4"
  "seed=5 default:--seed 5"
  "seed=6 200K transfers, 20K accounts, 10 gangs:--seed 6 --accounts 20000 --transfers 200000 --gangs 10 --employers 40 --shops 40 --families 80 --landlords 40"
  "seed=7 1M transfers, 100K accounts, 30 gangs:--seed 7 --accounts 100000 --transfers 1000000 --gangs 30 --employers 200 --shops 200 --families 400 --landlords 200 --salary-cashouts 300"
)
for entry in "${cases[@]}"; do
  label=${entry%%:*}
  args=${entry#*:}
  dir=$work/case
  # shellcheck disable=SC2086
  $bin simulate --out "$dir" --force $args >/dev/null
  for victims in no yes; do
    out=$work/out-$victims
    if [ $victims = yes ]; then
      $bin analyze "$dir/transfers.csv" --victims "$dir/victims.csv" --out "$out" --force --quiet >/dev/null 2>&1
    else
      $bin analyze "$dir/transfers.csv" --out "$out" --force --quiet >/dev/null 2>&1
    fi
    $bin evaluate --truth "$dir/truth.csv" "$out/flagged.csv" --json > "$work/eval-$victims.json"
    python3 - "$work/eval-$victims.json" "$label" "$victims" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
lookalike = {"employer", "client", "salary_cashout", "shop", "supplier", "family", "landlord"}
wrong = sum(r["flagged"] for r in e["roles"] if r["role"] in lookalike)
print(f"| {sys.argv[2]} | {sys.argv[3]} | {e['flagged']} | {e['precision']} | {e['recall']} | {e['f1']} | {wrong} |")
PY
  done
done
echo
echo "Largest case, without victims: recall per gang role, and wrong flags per role"
python3 - "$work/eval-no.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
for r in e["roles"]:
    if r["flagged"] or r["positive"]:
        print(f"  {r['role']:16} {r['accounts']:7} accounts {r['flagged']:7} flagged  {'recall' if r['positive'] else 'wrong'} {r['rate']}")
PY
