#!/usr/bin/env python3
"""Adds the device columns of a 查询反馈 export (`ip`, `mac`) to a canonical dump, for
Benchmarks/features.sh: each payer account is operated from its own phone (its MAC), except that
one account in ten shares a phone with one other account (a couple, a parent paying from a child's
card); the IP is the mobile carrier's NAT address, one of 2,000, which hundreds of accounts share
(a device shared by design: above max_accounts, ignored). Rows without a payer have none.
Deterministic. Usage: add_devices.py IN.csv OUT.csv"""
import csv, hashlib, sys
src, dst = sys.argv[1], sys.argv[2]
SHARED = 7_000
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
            h = int.from_bytes(hashlib.blake2b(account.encode(), digest_size=8).digest(), "big")
            # One account in ten is on a shared phone: one of SHARED phones, about two accounts each
            # at 1M transfers (143,000 accounts); the others have their own.
            phone = (1 << 40) + (h >> 8) % SHARED if h % 10 == 0 else h >> 16
            devices[account] = phone
        nat = phone % 2000
        mac = "-".join(f"{phone % (1 << 48):012X}"[k:k + 2] for k in range(0, 12, 2))
        writer.writerow(row + [f"117.136.{nat >> 8}.{nat & 255}", mac])
