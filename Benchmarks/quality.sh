#!/usr/bin/env bash
# Detection quality in three worlds (issue 16): account-level precision and recall of
# `fundflow analyze`, without and with victim reports, counted by Benchmarks/score.py.
#
#   Benchmarks/quality.sh            # all three worlds; casegen's 1M case (seed 7) included
#   QUICK=1 Benchmarks/quality.sh    # without the 1M case
#
# 1. `fundflow simulate` (our own simulator).
# 2. ../shared/eval/casegen.py (an independent generator; rules were chosen on seeds 1-3 only,
#    seeds 4-6 at scale 1 and seed 7 at scale 20 are held out). CASEGEN=path overrides where it is.
# 3. AMLSim output (AMLSIM_CASES), converted by Benchmarks/amlsim_case.py; with rules/aml.toml
#    when the repository has one.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product fundflow >/dev/null 2>&1
bin=.build/release/fundflow
work=Benchmarks/data/quality
mkdir -p "$work"
casegen=${CASEGEN:-../shared/eval/casegen.py}

header() {
  echo
  echo "$1"
  echo
  echo "| case | victims given | flagged | right | wrong | neither | precision | recall | reported victims flagged | wrong by role |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
}

# score DIR LABEL: analyses DIR/transfers.csv without and with DIR/victims.csv and prints two rows.
score() {
  local dir=$1 label=$2 rules=${3:-}
  local extra=()
  [ -n "$rules" ] && extra=(--rules "$rules")
  $bin analyze "$dir/transfers.csv" --victims "$dir/victims.csv" --out "$dir/out-yes" --force --quiet "${extra[@]}" >/dev/null 2>&1
  $bin analyze "$dir/transfers.csv" --out "$dir/out-no" --force --quiet "${extra[@]}" >/dev/null 2>&1
  for victims in no yes; do
    python3 Benchmarks/score.py "$dir/truth.csv" "$dir/out-$victims/flagged.csv" --victims "$dir/victims.csv" \
      --held "$dir/out-yes/freeze.csv" --json > "$dir/score-$victims.json"
    python3 - "$dir/score-$victims.json" "$label" "$victims" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
roles = ", ".join(f"{r} {n}" for r, n in list(e["wrong_by_role"].items())[:4]) or "–"
print(f"| {sys.argv[2]} | {sys.argv[3]} | {e['flagged']} | {e['right']} | {e['wrong']} | {e['neither']} | {e['precision']} | {e['recall']} | {e['victims_flagged']} | {roles} |")
PY
  done
}

header "World 1: fundflow simulate"
sims=(
  "seed=1 demo (4K transfers):--demo --seed 1"
  "seed=3 (20K transfers, 3 gangs):--seed 3"
  "seed=4:--seed 4"
  "seed=6 200K transfers, 10 gangs:--seed 6 --accounts 20000 --transfers 200000 --gangs 10 --employers 40 --shops 40 --families 80 --landlords 40"
)
for entry in "${sims[@]}"; do
  # shellcheck disable=SC2086
  $bin simulate --out "$work/sim" --force ${entry#*:} >/dev/null
  score "$work/sim" "${entry%%:*}"
done

header "World 2: casegen.py (seeds 1-3 chose the rules; 4-7 held out)"
seeds="1 2 3 4 5 6"
[ -n "${QUICK:-}" ] || seeds="$seeds 7"
for seed in $seeds; do
  scale=1
  [ "$seed" = 7 ] && scale=20
  python3 "$casegen" "$work/casegen-$seed" --seed "$seed" --scale "$scale" >/dev/null
  held="chosen on"
  [ "$seed" -ge 4 ] && held="held out"
  score "$work/casegen-$seed" "seed $seed, scale $scale ($held), $(($(wc -l < "$work/casegen-$seed/transfers.csv") - 1)) transfers"
  [ "$seed" = 7 ] && rm -rf "$work/casegen-$seed"
done

header "World 3: AMLSim data (AMLSIM_CASES: AMLSim output folders, spaces between)"
# IBM's repository carries samples (sample/20K_*.tgz); unpack them and name the folders, e.g.
#   AMLSIM_CASES="/tmp/amlsim/20K_fanin200 /tmp/amlsim/20K_cycle200" Benchmarks/quality.sh
if [ -z "${AMLSIM_CASES:-}" ]; then
  echo "| (AMLSIM_CASES not set: not measured) | | | | | | | | | |"
fi
for src in ${AMLSIM_CASES:-}; do
  name=$(basename "$src")
  python3 Benchmarks/amlsim_case.py "$src" "$work/aml-$name"
  rules=""
  [ -f rules/aml.toml ] && rules=rules/aml.toml
  score "$work/aml-$name" "AMLSim $name${rules:+ with $rules}" "$rules"
done
