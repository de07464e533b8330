#!/usr/bin/env python3
"""Writes N rows of each return format fundflow reads (issue 19) for Benchmarks/readers.sh:
TenpayTrades (tab-separated, fen), a bank's full-width 查询反馈 (GB18030), a payment institution's
查询反馈, a 支付宝 协查 账户明细 (GB18030) and a WeChat bill. Rows are per-account ledgers of a
population of accounts paying each other, with Chinese names and memos, shuffled.

usage: make_returns.py N OUT_DIR"""
import os, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(17)
surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕兰凤洁梅琳素云莲真环雪荣爱妹香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
memos = ["转账", "手机银行转账", "网银转账", "工资", "还款", "货款", "房租", "生活费", "红包", "消费", "扫码支付", "退款"]
accounts = max(1000, n // 20)
def name(i):
    r = random.Random(i)
    return r.choice(surnames) + r.choice(given) + (r.choice(given) if r.random() < 0.6 else "")
cards = [f"62{rng.randrange(10**14, 10**17)}" for _ in range(accounts)]
wx = [f"wxid_{rng.randrange(16**12):012x}" for _ in range(accounts)]
ali = [f"2088{rng.randrange(10**11, 10**12)}" for _ in range(accounts)]
ids = [f"{rng.randrange(10**17, 10**18)}" for _ in range(accounts)]
rows = []
for k in range(n):
    a, b = rng.randrange(accounts), rng.randrange(accounts)
    fen = rng.randrange(100, 5_000_000)
    day, sec = rng.randrange(1, 29), rng.randrange(86400)
    rows.append((k, a, b, fen, f"2024-02-{day:02d} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}", rng.choice(memos), rng.random() < 0.5))
def yuan(fen): return f"{fen // 100}.{fen % 100:02d}"
def write(name, header, line, encoding="utf-8", sep=","):
    with open(os.path.join(out, name), "w", encoding=encoding, newline="") as f:
        f.write(sep.join(header) + "\n")
        for r in rows: f.write(sep.join(line(*r)) + "\n")
tenpay_header = "用户ID 交易单号 大单号 用户侧账号名称 借贷类型 交易业务类型 交易用途类型 交易时间 交易金额(分) 账户余额(分) 用户银行卡号 用户侧网银联单号 网联/银联 第三方账户名称 对手方ID 对手侧账户名称 对手方银行卡号 对手侧银行名称 对手侧网银联单号 网联/银联 基金公司信息 间联/非间联交易 第三方账户名称 对手方接收时间 对手方接收金额(分) 备注1 备注2".split()
write("TenpayTrades_bench.txt", tenpay_header, lambda k, a, b, fen, t, memo, out_: [
    f'"{wx[a]}\t"', f'"10000501012024{k:011d}\t"', "", name(a), "出" if out_ else "入", "转账", "", t, str(fen), "", "", "", "", "", f'"{wx[b]}\t"', name(b),
    "", "", "", "", "", "", "", "", "", memo, ""], sep="\t")
bank_header = "交易卡号,交易账号,交易方户名,交易方证件号码,交易时间,交易金额,交易余额,收付标志,交易对手账卡号,现金标志,对手户名,对手身份证号,对手开户银行,摘要说明,交易币种,交易网点名称,交易发生地,交易是否成功,传票号,IP地址,MAC地址,对手交易余额,交易流水号,日志号,凭证种类,凭证号,交易柜员号,备注,商户名称,交易类型,查询反馈结果原因".split(",")
write("bank_query_feedback_bench.csv", bank_header, lambda k, a, b, fen, t, memo, out_: [
    cards[a], cards[a] + "0001", name(a), ids[a], t.replace(" ", "-").replace(":", ".") + ".000000", yuan(fen), "", "出" if out_ else "进", cards[b], "",
    name(b), ids[b], "105100000017", memo, "CNY", "", "广东省深圳市", "01", "", f"10.{k % 256}.{k // 256 % 256}.1", "", "", f"Q{k:010d}", "", "", "", "", "", "", "转账", ""],
    encoding="gb18030")
pay_header = "查询账号,付款方支付帐号,收款方支付帐号,支付机构内部订单号,交易时间,借贷标志,交易金额,交易余额,付款方银行卡号,收款方银行卡号,交易类型,收款方的商户名称,备注".split(",")
write("payment_institution_bench.csv", pay_header, lambda k, a, b, fen, t, memo, out_: [
    ali[a], ali[a] if out_ else ali[b], ali[b] if out_ else ali[a], f"P{k:012d}", t, "借" if out_ else "贷", yuan(fen), "", "", "", "转账", "", memo])
alipay_header = "交易号,商户订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,用户信息,交易对方信息,消费名称,金额（元）,收/支,交易状态,支付方式,充值流水号,备注,对应的协查数据".split(",")
write("alipay_account_detail_bench.csv", alipay_header, lambda k, a, b, fen, t, memo, out_: [
    f"2024022922001409{k:010d}", "", t, t, t, "支付宝", "即时到账交易", f"{ali[a]}({name(a)})", f"{ali[b]}({name(b)})", memo, yuan(fen),
    "支出" if out_ else "收入", "交易成功", "余额", "", "", ali[a]], encoding="gb18030")
bill_header = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注".split(",")
with open(os.path.join(out, "wechat_bill_bench.csv"), "w", encoding="utf-8") as f:
    f.write("微信支付账单明细\n微信昵称：[李姐]\n----------------------微信支付账单明细列表--------------------\n")
write_rows = lambda k, a, b, fen, t, memo, out_: [t, "转账", name(b), "/", "支出" if out_ else "收入", "¥" + yuan(fen), "零钱", "支付成功", f"10000501012024{k:011d}\t", "/", "/"]
with open(os.path.join(out, "wechat_bill_bench.csv"), "a", encoding="utf-8") as f:
    f.write(",".join(bill_header) + "\n")
    for r in rows: f.write(",".join(write_rows(*r)) + "\n")
