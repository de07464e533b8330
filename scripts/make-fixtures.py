#!/usr/bin/env python3
"""Writes the small input fixtures under fixtures/ (run from the repository root).

The files are committed; this script is how they were made, so their exact bytes (GB18030,
BOMs, CRLF, tabs, xlsx parts) can be reviewed and regenerated. Expected counts live in the tests.
"""
import os
import zipfile

os.makedirs("fixtures/canonical", exist_ok=True)
os.makedirs("fixtures/statements", exist_ok=True)
os.makedirs("fixtures/xlsx", exist_ok=True)
os.makedirs("fixtures/aml", exist_ok=True)


def write(path, text, encoding="utf-8", newline="\n", bom=False):
    data = text.replace("\n", newline).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as f:
        f.write(data)


# 1. Canonical dump, English headers, CRLF: payroll, a shop's QR payers, family red packets,
#    a salary cash-out, a cash deposit, one fraud-sized transfer, and bad rows of each kind.
write("fixtures/canonical/mixed_en.csv", '''id,time,from,to,amount,channel,from_name,to_name,place,memo,device_id
P001,2024-01-31 09:00:00,CORP-ACME,6222000000000101,"8,500.00",transfer,Acme Ltd,Wang Fang,,January salary,
P002,2024-01-31 09:00:01,CORP-ACME,6222000000000102,8500.00,transfer,Acme Ltd,Li Lei,,January salary,
P003,2024-01-31 09:00:02,CORP-ACME,6222000000000103,9200.00,transfer,Acme Ltd,Zhao Min,,January salary,
P004,2024-01-31 09:00:03,CORP-ACME,6222000000000104,7800.50,transfer,Acme Ltd,Chen Jie,,January salary,
P005,2024-01-31 09:00:04,CORP-ACME,6222000000000105,¥8800,transfer,Acme Ltd,Sun Hao,,January salary,
W001,2024-02-05T12:30:00+08:00,6222000000000101,,8000.00,cash_withdrawal,Wang Fang,,ATM Chaoyang Rd 12,salary cash,
Q001,2024-02-01 12:01:00,WX-alice,SHOP-noodle,23.50,qr_payment,,Noodle House,,lunch,dev-1
Q002,2024-02-01 12:03:10,WX-bob,SHOP-noodle,18.00元,qr_payment,,Noodle House,,lunch,dev-2
Q003,2024-02-01 12:05:00,WX-carol,SHOP-noodle,31.00,qr_payment,,Noodle House,,lunch,dev-3
R001,2024-02-10 20:00:00,WX-grandma,WX-alice,200.00,red_packet,,,,"新年快乐, 恭喜发财",
R002,2024-02-10 20:00:05,WX-grandma,WX-bob,200.00,red_packet,,,,"He said ""happy new year""",
D001,2024-02-11 10:00:00,,6222000000000102,5000.00,cash_deposit,,,Branch 12,"two
lines",
F001,2024-02-12 14:02:00,6222000000000999,6222000000000101,"58,200.00",transfer,,,,,
Z001,2024-02-12 14:03:00,A1,B1,0.00,transfer,,,,,
X001,2024-02-12 14:04:00,A1,B1,-12.00,transfer,,,,,
X002,2024-13-01 10:00:00,A1,B1,12.00,transfer,,,,,
X003,2024-02-12 14:05:00,A1,,12.00,transfer,,,,,
X004,2024-02-12 14:06:00,A1,B1,12.345,transfer,,,,,
E001,2024-02-12 14:07:00,A1,B1,100.00,wire_xfer,,,,,
''', newline="\r\n")

# 2. Police 查询反馈 export (交易明细信息) of one first-level card, GB18030, with a title line,
#    card numbers with a trailing _, a 0.00 row, a failed row, a repeated header and a 合计 line.
police_header = "交易卡号,交易账号,交易户名,交易证件号码,交易时间,交易金额,交易余额,收付标志,交易对手账卡号,对手户名,对手开户银行,摘要说明,交易网点名称,交易流水号,交易是否成功,现金标志,商户名称,IP地址"
card = "6217000011112222_,62170000111122220001,张三,110101199001011234"
write("fixtures/statements/police_export_gb18030.csv", f"""交易明细信息
{police_header}
{card},2024-03-01 14:02:11,"50,000.00",50000.00,进,6228480000000001,李四,中国农业银行,网银转账,,SN1001,成功,,,10.0.0.1
{card},2024-03-01 14:05:00,20000.00,30000.00,出,6217000022223333,王五,中国建设银行,转账,,SN1002,成功,,,10.0.0.1
{card},2024-03-01 14:06:00,19000.00,11000.00,出,6217000044445555 ,赵六,中国工商银行,转账,,SN1003,成功,,,10.0.0.1
{card},2024-03-01 14:07:00,0.00,11000.00,出,6217000044445555,赵六,中国工商银行,转账,,SN1004,成功,,,10.0.0.1
{card},2024-03-01 14:08:00,5000.00,11000.00,出,6217000022223333,王五,中国建设银行,转账,,SN1005,失败,,,10.0.0.1
{police_header}
{card},2024-03-01 15:30:00,10000.00,1000.00,出,,,,ATM取款,北京朝阳支行ATM,SN1006,成功,现金,,
{card},2024-03-01 15:31:00,200.00,800.00,出,WX8888,,财付通,微信红包,,SN1007,成功,,,10.0.0.1
合计,,,,,"104,200.00",,,,,,,,,,,,
""", encoding="gb18030")

# 3. Two banks' ledgers of the same transfers. Bank A (UTF-8 with BOM, CRLF, split date and
#    time columns, 借/贷) holds account 6217000022223333; bank B (TSV, 进/出/收入/支出) holds
#    6230000055556666. SN1002 is also the police export's debit; A-77001 and B-99001 are one
#    transfer with different serials (1.5 min apart); A-77002 and B-99002 are 10 min apart.
write("fixtures/statements/bank_a_statement.csv", """账号,户名,交易日期,交易时间,借贷标志,金额,余额,对方账号,对方户名,摘要,流水号,交易地点
6217000022223333,王五,20240301,140500,贷,20000.00,20000.00,6217000011112222,张三,转账,SN1002,
6217 0000 2222 3333,王五,20240301,141000,借,9000.00,11000.00,6230000055556666,钱七,转账,A-77001,
6217000022223333_,王五,20240301,141500,借,"¥8,000.00",3000.00,6230000055556666,钱七,转账,A-77002,
6217000022223333,王五,20240301,142000,借,2900.00,100.00,,,ATM取款,A-77003,北京海淀ATM
6217000022223333,王五,20240301,142100,借,100.00,0.00,6230000055556666,钱七,转账,,
""", newline="\r\n", bom=True)

write("fixtures/statements/bank_b_statement.tsv", """卡号\t户名\t交易时间\t收支标志\t交易金额\t对方卡号\t对方户名\t交易摘要\t交易流水号
6230000055556666\t钱七\t2024-03-01 14:11:30\t进\t9000.00\t6217000022223333\t王五\t转账\tB-99001
6230000055556666\t钱七\t2024-03-01 14:25:00\t进\t8000.00\t6217000022223333\t王五\t转账\tB-99002
6230000055556666\t钱七\t2024-03-01 14:21:40\t收入\t100.00\t6217000022223333\t王五\t转账\t
6230000055556666\t钱七\t2024-03-01 15:00:00\t支出\t17000.00\t6225000077778888\t孙八\t扫码支付\tB-99003
6230000055556666\t钱七\t2024-03-01 16:00:00\t?\t300.00\t6225000077778888\t孙八\t转账\tB-99004
""")

# 4. An xlsx workbook as banks return 调单 results: a cover sheet, then the transfers with
#    Chinese headers, shared and inline strings, numeric amounts, one time as an Excel serial.
def xlsx(path, sheets):
    shared = []

    def sid(text):
        if text not in shared:
            shared.append(text)
        return shared.index(text)

    def esc(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def col(i):
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = chr(65 + r) + name
        return name

    sheet_xml = []
    for _, rows in sheets:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for r, row in enumerate(rows, start=1):
            out.append(f'<row r="{r}">')
            for c, value in enumerate(row):
                ref = f"{col(c)}{r}"
                if value is None:
                    continue
                if isinstance(value, (int, float)):
                    out.append(f'<c r="{ref}"><v>{value}</v></c>')
                elif value.startswith("inline:"):
                    out.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(value[7:])}</t></is></c>')
                else:
                    out.append(f'<c r="{ref}" t="s"><v>{sid(value)}</v></c>')
            out.append("</row>")
        out.append("</sheetData></worksheet>")
        sheet_xml.append("".join(out))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   + "".join(f'<sheet name="{esc(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (name, _) in enumerate(sheets))
                   + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
                   + "</Relationships>")
        for i, xml in enumerate(sheet_xml):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   + "".join(f"<si><t>{esc(s)}</t></si>" for s in shared) + "</sst>")


xlsx("fixtures/xlsx/bank_c_transfers.xlsx", [
    ("说明", [["本文件为协助查询调单结果，请妥善保管"]]),
    ("交易明细", [
        ["交易流水号", "交易时间", "付款账号", "付款户名", "收款账号", "收款户名", "交易金额", "交易渠道", "备注"],
        ["C-001", "2024-03-02 09:15:00", "6230000055556666", "钱七", "6212000099990000", "周九", 12000, "转账", "货款 R&D"],
        ["C-002", 45353.40625, "6212000099990000", "周九", "6212000011110000", "吴十", 11800.5, "转账", None],
        ["C-003", "2024-03-02 10:01:00", "6212000011110000", "吴十", "WX-7788", "inline:微信零钱", "inline:199.00", "红包", "恭喜发财"],
        ["C-004", "2024-03-02 10:30:00", "6212000011110000", "吴十", None, None, 5000, "取现", "ATM"],
        ["C-005", "2024-03-02 10:31:00", "6212000011110000", "吴十", "6212000099990000", "周九", 0, "转账", None],
    ]),
])

# 5. IBM AMLworld (HI-Small_Trans.csv layout: two columns named Account) and AMLSim.
write("fixtures/aml/amlworld_trans.csv", """Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering
2022/09/01 00:20,010,8000EBD30,010,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,Reinvestment,0
2022/09/01 00:20,03208,8000F4580,001,8000F5340,0.01,US Dollar,0.01,US Dollar,Cheque,0
2022/09/01 00:00,03209,8000F4670,03209,8000F4670,14675.57,US Dollar,14675.57,US Dollar,Reinvestment,0
2022/09/01 00:02,012,8000F5030,012,8000F5030,2806.97,US Dollar,2806.97,US Dollar,Reinvestment,0
2022/09/01 00:06,020,8000F5200,020,8000F5200,36682.97,US Dollar,36682.97,US Dollar,Reinvestment,0
2022/09/01 00:03,001,8000F5AD0,001,8000F5AD0,2140.21,US Dollar,2140.21,US Dollar,ACH,1
2022/09/01 00:11,0110,800107A40,0110,800107A40,0.000022,Bitcoin,0.000022,Bitcoin,Bitcoin,0
2022/09/01 00:13,001,8000F5AD0,0111,8001A7D20,500.00,Euro,540.12,US Dollar,Credit Card,1
""")

write("fixtures/aml/amlsim_transactions.csv", """tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,0,1,TRANSFER,858.49,2017-01-01T00:00:00Z,False,-1
2,2,3,TRANSFER,1254.12,2017-01-01T00:00:00Z,False,-1
3,4,5,TRANSFER,330.67,2017-01-02T00:00:00Z,True,12
4,5,6,TRANSFER,310.20,2017-01-03T00:00:00Z,True,12
5,6,4,TRANSFER,300.00,2017-01-04T00:00:00Z,True,12
""")
print("fixtures written")
