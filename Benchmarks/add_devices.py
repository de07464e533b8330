#!/usr/bin/env python3
"""Adds the device columns of a 查询反馈 export (`ip`, `mac`) to a canonical dump, for
Benchmarks/features.sh: each payer account is operated from one phone, and about three accounts
share a phone (a family, a gang's handler); deposits and rows without a payer have none.
Deterministic. Usage: add_devices.py IN.csv OUT.csv"""
import csv, hashlib, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8", newline="") as f, open(dst, "w", encoding="utf-8", newline="") as g:
    reader = csv.reader(f)
    writer = csv.writer(g, lineterminator="\n")
    header = next(reader)
    payer = header.index("from")
    writer.writerow(header + ["ip", "mac"])
    devices = {}
    for row in reader:
        account = row[payer]
        if not account:
            writer.writerow(row + ["", ""])
            continue
        phone = devices.get(account)
        if phone is None:
            phone = int.from_bytes(hashlib.blake2b(account.encode(), digest_size=4).digest(), "big") % max(1, 50_000)
            devices[account] = phone
        mac = "-".join(f"{phone:012X}"[k:k + 2] for k in range(0, 12, 2))
        writer.writerow(row + [f"10.{phone >> 16 & 255}.{phone >> 8 & 255}.{phone & 255}", mac])
