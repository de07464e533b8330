#!/usr/bin/env python3
"""The peer for the tracing benchmark: tracing.md's FIFO written plainly in Python.

usage: trace_fifo.py TRANSFERS.csv VICTIMS.csv
Reads a canonical dump (id,time,from,to,amount,channel,...) with the csv module, resolves the
reports (formats.md section 3: the victim's outgoing transfers to `to` at or after `time`, in time
order, until the amount; a fen serves one report), traces FIFO with a dict of deques, and prints
the total held and cashed out in fen, to be compared with fundflow's figures.
"""
import csv
import sys
from collections import defaultdict, deque
from decimal import Decimal


def fen(text):
    return int((Decimal(text.replace(",", "")) * 100).to_integral_value())


def main(transfers_path, victims_path):
    rows = []
    with open(transfers_path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for n, row in enumerate(reader):
            rows.append((row["time"], n, row["from"], row["to"], fen(row["amount"]), row["channel"]))
    rows.sort(key=lambda r: (r[0], r[1]))  # the dump's time strings sort as times (one zone)
    outgoing = defaultdict(list)
    for index, row in enumerate(rows):
        if row[2]:
            outgoing[row[2]].append(index)
    loss = {}
    used = defaultdict(int)
    with open(victims_path, newline="", encoding="utf-8") as f:
        for report in csv.DictReader(f):
            need = fen(report["amount"])
            for index in outgoing.get(report["victim"], []):
                if need <= 0:
                    break
                time, _, _, to, amount, channel = rows[index]
                if report.get("time") and time < report["time"]:
                    continue
                if report.get("to") and to != report["to"]:
                    continue
                if not to:
                    continue
                take = min(amount - used[index], need)
                if take <= 0:
                    continue
                used[index] += take
                need -= take
                loss[index] = (report["victim"], loss.get(index, (None, 0))[1] + take)
    lots = defaultdict(deque)  # account -> deque of [label, fen]; label None = clean
    balance = defaultdict(int)
    cashed = 0
    for index, (time, _, payer, payee, amount, channel) in enumerate(rows):
        if index in loss:
            victim, taint = loss[index]
            if payee:
                lots[payee].append([victim, taint])
                if amount > taint:
                    lots[payee].append([None, amount - taint])
                balance[payee] += amount
            continue
        drawn = []
        if payer:
            need = min(amount, balance[payer])
            balance[payer] -= need
            queue = lots[payer]
            while need > 0:
                lot = queue[0]
                take = min(lot[1], need)
                drawn.append([lot[0], take])
                lot[1] -= take
                need -= take
                if lot[1] == 0:
                    queue.popleft()
        taken = sum(lot[1] for lot in drawn)
        if payee:
            lots[payee].extend(drawn)
            if amount > taken:
                lots[payee].append([None, amount - taken])
            balance[payee] += amount
        else:
            cashed += sum(lot[1] for lot in drawn if lot[0] is not None)
    held = sum(lot[1] for queue in lots.values() for lot in queue if lot[0] is not None)
    print(f"held {held} fen, cashed out {cashed} fen")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
