#!/usr/bin/env python3
"""Writes fixtures/provenance/: a small case for the provenance stage (issue 16) with its
legitimate look-alikes. Deterministic; run from the repository root.

Gang side: two victims (ordinary people with salaries) pay a first-level card they never paid
before; it passes the money to a tier at once; the tier pays a cash mule (three ATMs) and a holder.
Look-alikes that must stay silent: a company's payroll and an employee who withdraws the salary
at three ATMs the same afternoon; a family pooling for a hospital bill; an own-account shuffle; a car
dealer whose customers' payments are swept to its owner; an OTC trader who also sells to the tier.
"""
import csv, os
out = "fixtures/provenance"
os.makedirs(out, exist_ok=True)
rows = []
n = 0
def tx(day, clock, frm, to, amount, channel="transfer", memo="转账", fn="", tn="", place=""):
    global n
    n += 1
    rows.append([f"P{n:05d}", f"2025-03-{day:02d} {clock}", frm, to, f"{amount:.2f}", channel, place, memo, fn, tn])

EMPLOYER, EMP = "6222020200112233445", "北京华泰建设工程有限公司"
employees = [(f"62170012345678{i:04d}", nm) for i, nm in enumerate(
    ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴芳", "徐强", "孙丽"])]
V1, V1N = employees[0]
V2, V2N = employees[1]
E1, E1N = employees[2]
L1, L1N = "6230580012349876543", "马小军"
T1, T1N = "6214830012345678901", "郑大海"
MULE, MULEN = "6228480012345678123", "韩涛"
HOLD, HOLDN = "6212260012345678456", "张淑"
OTC, OTCN = "2088123456789012", "王凯"
DEALER, DEALERN = "6214621409879911124", "北京市通州区永盛汽车销售服务股份有限公司"
OWNER, OWNERN = "6222600011112222333", "蒋轩安"
POOL, POOLN = "6222022748747228510", "张涵"
HOSP, HOSPN = "6222001100220033001", "北京市门头沟区人民医院"
SELF_CARD, SELF_WALLET, SELFN = "6217991020930128601", "wxid_6z6c5gjutr78", "周鹏"
SHOP, SHOPN = "wxid_0mz2thr0tux9", "老赵美甲店"

# Day 1-3: ordinary life, so that nobody is new on day 10.
tx(1, "09:00:00", "6222020299998888777", EMPLOYER, 900000, memo="工程款", fn="北京城建集团有限公司", tn=EMP)
for day in (1, 2, 3):
    for i, (acct, nm) in enumerate(employees[:6]):
        tx(day, f"1{i}:20:00", acct, SHOP, 35 + i, channel="qr_payment", memo="扫码支付", fn=nm, tn=SHOPN)
for i in range(8):
    tx(1 + i % 3, f"0{i}:15:00", f"62220312345{i:08d}", OTC, 3000 + 517 * i, fn=f"顾客{i}", tn=OTCN)
    tx(1 + i % 3, f"1{i}:15:00", f"62220412345{i:08d}", DEALER, 18000 + 931 * i, channel="qr_payment", memo="扫码支付", fn=f"买家{i}", tn=DEALERN)
tx(3, "22:00:00", DEALER, OWNER, 150000, memo="结算", fn=DEALERN, tn=OWNERN)
tx(3, "23:00:00", OTC, "2088777788889999", 20000, fn=OTCN, tn="李晶涵")

# Day 10, 09:00: payroll, 代发工资 to 12 employees within a minute.
for i, (acct, nm) in enumerate(employees):
    tx(10, f"09:00:{i * 4:02d}", EMPLOYER, acct, 21600 + 13 * i, memo="代发工资", fn=EMP, tn=nm)
# The salary cash-out: E1 withdraws at three ATMs the same afternoon.
for k, clock in enumerate(["13:10:00", "13:40:00", "14:05:00"]):
    tx(10, clock, E1, "", 7000, channel="cash_withdrawal", memo="ATM取款", fn=E1N, place=f"工商银行北京朝阳支行ATM0{k + 1}")

# Day 10, 10:30: the fraud. Victims pay the first-level card, which passes it on at once.
tx(10, "10:35:45", V1, L1, 20000, memo="手机银行转账", fn=V1N, tn=L1N)
tx(10, "10:42:26", V2, L1, 15000, memo="理赔验证", fn=V2N, tn=L1N)
tx(10, "10:53:39", L1, T1, 18000, fn=L1N, tn=T1N)
tx(10, "10:57:01", L1, T1, 16900, fn=L1N, tn=T1N)
tx(10, "11:20:00", V1, L1, 1200, memo="手机银行转账", fn=V1N, tn=L1N)
tx(10, "11:31:00", L1, T1, 1300, fn=L1N, tn=T1N)
tx(10, "11:18:29", T1, MULE, 9000, memo="往来款", fn=T1N, tn=MULEN)
tx(10, "11:40:00", T1, HOLD, 17000, memo="货款", fn=T1N, tn=HOLDN)
tx(10, "12:05:00", T1, OTC, 8000, fn=T1N, tn=OTCN)
for k, clock in enumerate(["11:59:00", "12:20:34", "13:04:03"]):
    tx(10, clock, MULE, "", 3000, channel="cash_withdrawal", memo="ATM取款", fn=MULEN, place=f"邮储银行北京大兴支行ATM0{k + 1}")
tx(10, "12:30:00", T1, SHOP, 52, channel="qr_payment", memo="扫码支付", fn=T1N, tn=SHOPN)

# The OTC trader keeps trading with many buyers the same day.
for i in range(10):
    tx(10, f"1{i}:45:00", f"62220512345{i:08d}", OTC, 4000 + 611 * i, fn=f"客户{i}", tn=OTCN)
tx(10, "21:00:00", OTC, "2088777788889999", 30000, fn=OTCN, tn="李晶涵")

# Day 11: family pooling for a hospital bill; an own-account shuffle; the dealer's customers.
for i, (amount, nm) in enumerate([(43000, "韩彤"), (34000, "王玉"), (15600, "刘雯诺")]):
    tx(11, f"03:0{i}:00", f"62220612345{i:08d}", POOL, amount, memo="医药费" if i else "转账", fn=nm, tn=POOLN)
tx(11, "04:19:00", POOL, HOSP, 92600, memo="医疗费", fn=POOLN, tn=HOSPN)
tx(11, "09:00:00", "6222070011223344", SELF_CARD, 26000, fn="蔡红", tn=SELFN)
tx(11, "09:11:00", SELF_CARD, SELF_WALLET, 25974, memo="零钱充值", fn=SELFN, tn=SELFN)
tx(11, "09:30:00", SELF_WALLET, SHOP, 26, channel="qr_payment", memo="扫码支付", fn=SELFN, tn=SHOPN)
for i in range(6):
    tx(11, f"1{i}:05:00", f"62220812345{i:08d}", DEALER, 21000 + 777 * i, channel="qr_payment", memo="购车定金", fn=f"车主{i}", tn=DEALERN)
tx(11, "22:19:52", DEALER, OWNER, 120000, memo="结算", fn=DEALERN, tn=OWNERN)

rows.sort(key=lambda r: (r[1], r[0]))
order = sorted(range(len(rows)), key=lambda i: (i * 7919) % len(rows))  # shuffled, as dumps come
with open(f"{out}/transfers.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "time", "from", "to", "amount", "channel", "place", "memo", "from_name", "to_name"])
    for i in order:
        w.writerow(rows[i])
with open(f"{out}/victims.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["victim", "amount", "time", "to", "case", "name"])
    w.writerow([V1, "21200.00", "2025-03-10 10:35:45", L1, "BJ2025-0101", V1N])
    w.writerow([V2, "15000.00", "", "", "BJ2025-0102", V2N])
