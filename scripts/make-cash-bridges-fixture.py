#!/usr/bin/env python3
"""Writes fixtures/cash-bridges/ (issue 20, cash bridges 同存同取): a transfer dump of one day in 深圳
- a gang: victim 王丽 pays a first-level card, which passes the money to a mule who withdraws it in
  cash at three ATMs; a courier pays two of the withdrawals into two more cards across the city
  (one 100 yuan short: the courier's cut), and one of those cards passes it on; the third
  withdrawal's amount is paid in in 广州, another city (no bridge);
- a second victim's money withdrawn by a second mule at the same time as a bystander withdraws the
  same amount nearby; a deposit of that amount soon after could be either's cash (ambiguous: never
  followed);
- a shop owner (look-alike) who withdraws 20,000 at an ATM and pays it into his shop's account at
  the bank within the hour, while the mule's withdrawals of the same amount are in the window
  (his own cash: it must not bridge the victims' money into his shop), and pays the day's takings
  in that afternoon (no matching withdrawal).
Synthetic names and numbers; deterministic."""
import os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "cash-bridges")
os.makedirs(out, exist_ok=True)
H = "id,time,from,to,amount,channel,from_name,to_name,from_holder_id,to_holder_id,place,memo"
rows = []
def t(n, time, src, dst, amount, channel, src_name, dst_name, place="", memo="", src_id="", dst_id=""):
    rows.append(",".join([n, "2024-04-" + time, src, dst, amount, channel, src_name, dst_name, src_id, dst_id, place, memo]))
V1, V2 = "6222020000000001", "6222020000000002"
A1, M1, C2, C3, D1 = "6217990000000001", "6217990000000002", "6217990000000003", "6217990000000004", "6217990000000005"
G6, M2, C4 = "6217990000000006", "6217990000000007", "6217990000000008"
S1, S2, SUPPLIER, BYSTANDER, EMPLOYER = "6217990000000101", "6217990000000102", "6217990000000200", "6217990000000300", "6217990000000400"
SHOP_ID = "440301197001011234"
# The day before: the shop owner's and the bystander's own money.
t("CB001", "09 16:00:00", SUPPLIER, S1, "30000.00", "transfer", "深圳市鹏达商贸有限公司", "吴国强", memo="退货款", dst_id=SHOP_ID)
t("CB002", "09 17:30:00", EMPLOYER, BYSTANDER, "42000.00", "transfer", "深圳市华星科技有限公司", "黄磊", memo="代发工资")
# The gang.
t("CB010", "10 10:00:00", V1, A1, "50000.00", "transfer", "王丽", "陈刚", memo="转账")
t("CB011", "10 10:05:00", A1, M1, "49800.00", "transfer", "陈刚", "李军", memo="往来款")
t("CB012", "10 10:10:00", V2, A1, "30000.00", "transfer", "刘洋", "陈刚", memo="转账")
t("CB013", "10 10:15:00", A1, M2, "30000.00", "transfer", "陈刚", "郑伟", memo="往来款")
t("CB020", "10 10:30:00", M1, "", "20000.00", "cash_withdrawal", "李军", "", "工商银行深圳福田支行ATM01", "ATM取款")
t("CB021", "10 10:35:00", M1, "", "20000.00", "cash_withdrawal", "李军", "", "建设银行深圳福田支行ATM03", "ATM取款")
t("CB022", "10 10:40:00", M1, "", "9800.00", "cash_withdrawal", "李军", "", "工商银行深圳福田支行ATM01", "ATM取款")
# The shop owner: his own cash, out and in within the hour.
t("CB030", "10 11:00:00", S1, "", "20000.00", "cash_withdrawal", "吴国强", "", "工商银行深圳福田支行ATM02", "ATM取款", src_id=SHOP_ID)
t("CB031", "10 11:20:00", "", S2, "20000.00", "cash_deposit", "", "吴国强", "工商银行深圳福田支行营业部", "现金存款", dst_id=SHOP_ID)
# The courier.
t("CB040", "10 11:40:00", "", G6, "9800.00", "cash_deposit", "", "林峰", "工商银行广州天河支行ATM01", "ATM存款")
t("CB041", "10 12:10:00", "", C2, "19900.00", "cash_deposit", "", "赵鹏", "农业银行深圳罗湖支行ATM02", "ATM存款")
t("CB042", "10 12:30:00", "", C3, "20000.00", "cash_deposit", "", "孙浩", "招商银行深圳南山支行ATM05", "ATM存款")
t("CB043", "10 13:00:00", C2, D1, "19900.00", "transfer", "赵鹏", "周明", memo="还款")
# The second mule and a bystander withdrawing the same amount nearby.
t("CB050", "10 13:00:00", M2, "", "30000.00", "cash_withdrawal", "郑伟", "", "中国银行深圳宝安支行ATM01", "ATM取款")
t("CB051", "10 13:05:00", BYSTANDER, "", "30000.00", "cash_withdrawal", "黄磊", "", "中国银行深圳宝安支行ATM02", "ATM取款")
t("CB052", "10 15:00:00", "", C4, "30000.00", "cash_deposit", "", "何强", "中国银行深圳宝安支行营业部", "现金存款")
# The shop's takings, paid in that afternoon.
t("CB060", "10 16:00:00", "", S2, "8650.00", "cash_deposit", "", "吴国强", "工商银行深圳福田支行营业部", "营业款存入", dst_id=SHOP_ID)
open(os.path.join(out, "transfers.csv"), "w", encoding="utf-8").write(H + "\n" + "\n".join(rows) + "\n")
open(os.path.join(out, "victims.csv"), "w", encoding="utf-8").write(
    "victim,amount,time,to,case\n"
    f"{V1},50000.00,2024-04-10 10:00:00,{A1},AJ2024-CB-1\n"
    f"{V2},30000.00,2024-04-10 10:10:00,{A1},AJ2024-CB-2\n")
