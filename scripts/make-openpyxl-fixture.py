#!/usr/bin/env python3
"""fixtures/xlsx/openpyxl_numeric.xlsx: a bank export as openpyxl (a common writer of them) makes it:
2,000 transfers with amounts as numeric cells and times as date cells. Amounts are computed the way
export scripts do (sums of float parts), so some cells hold binary doubles such as
8.880000000000001 for 8.88. Prints the expected total in fen (from the exact cents) for the test.

    pip install openpyxl; python3 scripts/make-openpyxl-fixture.py
"""
import datetime
import random

import openpyxl

rng = random.Random(20261202)
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "交易明细"
sheet.append(["交易流水号", "交易时间", "付款账号", "付款户名", "收款账号", "收款户名", "交易金额", "交易渠道", "备注"])
names = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄勇"]
accounts = [f"62{rng.randrange(10**14, 10**15)}{rng.randrange(10)}" for _ in range(40)]
start = datetime.datetime(2024, 3, 1, 8, 0, 0)
total_cents = 0
noisy = 0
for k in range(2000):
    cents = rng.randrange(1, 5_000_00)
    total_cents += cents
    # Yuan and jiao/fen added as floats, as an export script that builds the amount does.
    amount = (cents // 100) + (cents % 100 // 10) * 0.1 + (cents % 10) * 0.01
    if repr(amount) != f"{cents // 100}.{cents % 100:02d}".rstrip("0").rstrip("."):
        noisy += 1
    payer, payee = rng.sample(range(40), 2)
    when = start + datetime.timedelta(seconds=37 * k + rng.randrange(30))
    sheet.append([f"OP{k:05d}", when, accounts[payer], names[payer % 8], accounts[payee], names[payee % 8], amount, "转账", "货款"])
book.save("fixtures/xlsx/openpyxl_numeric.xlsx")
print(f"2000 rows, {noisy} amounts not exact as doubles, total {total_cents} fen")
