#!/usr/bin/env python3
"""Turns an AMLSim output into a case Benchmarks/quality.sh scores: OUT/transfers.csv (AMLSim's
transactions.csv layout, which fundflow reads), OUT/truth.csv (`account,role,gang`: role `alert`
for alert/SAR accounts, `normal` otherwise) and an empty OUT/victims.csv.

    python3 Benchmarks/amlsim_case.py AMLSIM_OUTPUT_DIR OUT

AMLSIM_OUTPUT_DIR is either
- a current AMLSim output (transactions.csv with orig_acct, bene_acct, base_amt, tran_timestamp,
  is_sar; alert_accounts.csv with acct_id), or
- one of the samples IBM committed to the AMLSim repository (sample/20K_*.tgz, unpacked:
  nodes.csv with nodeid, isFraud; transactions.csv with sourceNodeId, targetNodeId, value,
  time as a day number), whose days are laid out from 2017-01-01 in file order.
"""
import csv
import datetime
import os
import shutil
import sys


def main(src, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "victims.csv"), "w") as f:
        f.write("victim,amount,time,to,case,name\n")
    tx_path = os.path.join(src, "transactions.csv")
    with open(tx_path, newline="") as f:
        header = next(csv.reader(f))
    alert = set()
    accounts = set()
    if "orig_acct" in header:
        shutil.copyfile(tx_path, os.path.join(out, "transfers.csv"))
        with open(tx_path, newline="") as f:
            for r in csv.DictReader(f):
                accounts.update((r["orig_acct"], r["bene_acct"]))
                if r.get("is_sar", "").lower() == "true":
                    alert.update((r["orig_acct"], r["bene_acct"]))
        members = os.path.join(src, "alert_accounts.csv")
        if os.path.exists(members):
            with open(members, newline="") as f:
                alert.update(r["acct_id"] for r in csv.DictReader(f))
    else:
        with open(os.path.join(src, "nodes.csv"), newline="") as f:
            for r in csv.DictReader(f):
                accounts.add(r["nodeid"])
                if r["isFraud"] == "1":
                    alert.add(r["nodeid"])
        base = datetime.datetime(2017, 1, 1)
        with open(tx_path, newline="") as f, open(os.path.join(out, "transfers.csv"), "w", newline="") as o:
            w = csv.writer(o, lineterminator="\n")
            w.writerow(["tran_id", "orig_acct", "bene_acct", "tx_type", "base_amt", "tran_timestamp", "is_sar", "alert_id"])
            for i, r in enumerate(csv.DictReader(f)):
                when = base + datetime.timedelta(days=int(r["time"]), seconds=i % 86400)
                sar = r["sourceNodeId"] in alert and r["targetNodeId"] in alert
                w.writerow([i + 1, r["sourceNodeId"], r["targetNodeId"], "TRANSFER", r["value"],
                            when.strftime("%Y-%m-%dT%H:%M:%SZ"), "True" if sar else "False", -1])
    with open(os.path.join(out, "truth.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["account", "role", "gang"])
        for a in sorted(accounts):
            w.writerow([a, "alert" if a in alert else "normal", "1" if a in alert else ""])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
