#!/usr/bin/env python3
"""Scores a flagged.csv against a case's truth.csv the way issue 16 counts (Benchmarks/README.md).

    python3 Benchmarks/score.py TRUTH FLAGGED [--victims VICTIMS] [--held FREEZE] [--json]

Counting, per flagged account:
- gang-side (a positive role of casegen's or fundflow simulate's truth): right;
- a reported victim (an account of VICTIMS) that is not a victim mule: wrong, whatever else;
- an unreported victim (role `victim`): neither;
- a background account listed in FREEZE (it holds traced victim money and must be frozen
  anyway): neither;
- anything else: wrong.
Recall is over every gang-side account of the truth.
"""
import csv
import json
import sys
from collections import Counter

POSITIVE = {
    "first_level", "tier", "qr_merchant", "splitter", "collector", "consolidation",
    "victim_mule", "cash_mule", "layering", "holder", "mule", "alert",
}


def column(path, name):
    with open(path, newline="", encoding="utf-8") as f:
        return [row[name].strip() for row in csv.DictReader(f) if row.get(name, "").strip()]


def main(argv):
    args, options = [], {}
    i = 0
    while i < len(argv):
        if argv[i] in ("--victims", "--held"):
            options[argv[i]] = argv[i + 1]
            i += 2
        elif argv[i] == "--json":
            options["--json"] = True
            i += 1
        else:
            args.append(argv[i])
            i += 1
    if len(args) != 2:
        sys.exit(__doc__)
    truth_path, flagged_path = args
    roles = {}
    with open(truth_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            roles[row["account"].strip()] = row["role"].strip()
    flagged = column(flagged_path, "account")
    reported = set(column(options["--victims"], "victim")) if "--victims" in options else set()
    held = set(column(options["--held"], "account")) if "--held" in options else set()
    positives = {a for a, r in roles.items() if r in POSITIVE}
    right, wrong, neither = [], [], []
    for account in flagged:
        role = roles.get(account, "unknown")
        if account in reported and role != "victim_mule":
            wrong.append((account, role + " (reported victim)"))
        elif role in POSITIVE:
            right.append(account)
        elif role == "victim" or account in held:
            neither.append((account, role))
        else:
            wrong.append((account, role))
    missed = positives - set(right)
    judged = len(right) + len(wrong)
    result = {
        "flagged": len(flagged),
        "positives": len(positives),
        "right": len(right),
        "wrong": len(wrong),
        "neither": len(neither),
        "precision": round(len(right) / judged, 3) if judged else 1.0,
        "recall": round(len(right) / len(positives), 3) if positives else 1.0,
        "victims_flagged": sum(1 for _, r in wrong if r.endswith("(reported victim)")),
        "wrong_by_role": dict(Counter(r for _, r in wrong).most_common()),
        "missed_by_role": dict(Counter(roles[a] for a in missed).most_common()),
        "wrong_accounts": sorted(a for a, _ in wrong)[:40],
        "missed_accounts": sorted(missed)[:40],
    }
    if "--json" in options:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"flagged {result['flagged']}  right {result['right']}  wrong {result['wrong']}  neither {result['neither']}"
              f"  precision {result['precision']}  recall {result['recall']}")
        print("  wrong by role:", result["wrong_by_role"])
        print("  missed by role:", result["missed_by_role"])


if __name__ == "__main__":
    main(sys.argv[1:])
