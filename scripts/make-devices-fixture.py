#!/usr/bin/env python3
"""Writes fixtures/devices/ (issue 20, shared devices): a merged 查询反馈 export with
- a gang: a victim pays a first-level card, which passes the money to two more cards within the
  hour; all three are operated from one phone (one MAC address, one mobile IP);
- a campus: 120 students paying the canteen from the campus Wi-Fi's one public IP (a device
  shared by design: it must make no finding);
- a family: husband and wife paying each other and the supermarket from their home network (a
  device link that must not flag anyone on its own).
Synthetic names and numbers; deterministic."""
import os, random
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "devices")
os.makedirs(out, exist_ok=True)
H = "交易卡号,交易方户名,交易时间,交易金额,交易余额,收付标志,交易对手账卡号,对手户名,摘要说明,交易是否成功,IP地址,MAC地址,交易流水号"
rows = []
def row(card, name, time, amount, balance, flag, other, other_name, memo, ip, mac, serial):
    rows.append(",".join([card, name, time, amount, balance, flag, other, other_name, memo, "01", ip, mac, serial]))
phone_mac, phone_ip = "3C-2E-FF-11-22-33", "10.8.0.5"
victim, c1, c2, c3 = "6222021000000001", "6217881000000001", "6217882000000002", "6217883000000003"
row(c1, "钱卫东", "2024-03-05 20:01:10", "50000.00", "50000.00", "进", victim, "孙丽", "网银转账", "", "", "D0001")
row(c1, "钱卫东", "2024-03-05 20:03:40", "25000.00", "25000.00", "出", c2, "冯强", "手机银行转账", phone_ip, phone_mac, "D0002")
row(c1, "钱卫东", "2024-03-05 20:04:15", "24900.00", "100.00", "出", c3, "蒋涛", "手机银行转账", phone_ip, phone_mac, "D0003")
row(c2, "冯强", "2024-03-05 20:03:40", "25000.00", "25000.00", "进", c1, "钱卫东", "手机银行转账", "", "", "D0002")
row(c2, "冯强", "2024-03-05 20:20:00", "24950.00", "50.00", "出", "6230000000000777", "韩明", "手机银行转账", phone_ip, phone_mac, "D0004")
row(c3, "蒋涛", "2024-03-05 20:04:15", "24900.00", "24900.00", "进", c1, "钱卫东", "手机银行转账", "", "", "D0003")
row(c3, "蒋涛", "2024-03-05 20:31:00", "24800.00", "100.00", "出", "6230000000000888", "邓军", "手机银行转账", phone_ip, phone_mac, "D0005")
rng = random.Random(20)
campus_ip = "202.112.10.1"
for i in range(120):
    card = f"62170099{i:08d}"
    minute = rng.randrange(0, 600)
    amount = f"{rng.randrange(800, 2500) / 100:.2f}"
    row(card, f"学生{i:03d}", f"2024-03-05 {11 + minute // 60:02d}:{minute % 60:02d}:{rng.randrange(60):02d}", amount, "", "出",
        "6216610000000099", "某某大学食堂", "消费", campus_ip, "", f"C{i:04d}")
home_ip = "113.64.20.8"
husband, wife = "6217001111000001", "6217001111000002"
row(husband, "马建华", "2024-03-05 19:00:00", "2000.00", "", "出", wife, "刘芳", "转账", home_ip, "", "F0001")
row(wife, "刘芳", "2024-03-05 19:00:00", "2000.00", "", "进", husband, "马建华", "转账", "", "", "F0001")
row(wife, "刘芳", "2024-03-05 19:40:00", "356.80", "", "出", "6216610000000100", "某某超市", "消费", home_ip, "", "F0002")
row(husband, "马建华", "2024-03-05 21:10:00", "88.00", "", "出", "6216610000000100", "某某超市", "消费", home_ip, "", "F0003")
open(os.path.join(out, "query_feedback_devices.csv"), "w", encoding="utf-8").write(H + "\n" + "\n".join(rows) + "\n")
open(os.path.join(out, "victims.csv"), "w", encoding="utf-8").write(
    "victim,amount,time,to,case\n" + f"{victim},50000.00,2024-03-05 20:01:10,{c1},AJ2024-D-1\n")
