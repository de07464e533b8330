import FundFlow

#if canImport(Glibc)
import Glibc
#endif

/// Writes a dump as users receive them (issue 17): holder names, branch or ATM places, Chinese
/// memos, 16–19 digit bank cards, WeChat and Alipay wallet ids and merchant codes, and rows **not in
/// time order** — merged exports list each account's statement one after another, so the rows
/// come as per-account runs in time order, cut and interleaved.
///
/// The transfers (times, amounts, who pays whom) are drawn as ``generate(count:path:)`` draws them;
/// with `sorted` the same rows are written in time order, so the two files differ only in order
/// and a read of one can be compared with a read of the other.
///
/// Rows are built in memory a block of `blockRows` rows at a time (about 125 bytes each) and
/// written in the chosen order; runs are shuffled within their block.
struct RealisticDump {
    var count: Int
    var sorted = false
    /// Rows shuffled together; beyond it the file is shuffled block by block.
    var blockRows = 1 << 23

    private static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    private static let givenChars = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红志文辉斌宇浩凯鹏飞俊峰欣怡婷晨雪琳子轩梓涵嘉瑞")
    private static let companies = ["贸易有限公司", "电子商务有限公司", "餐饮管理有限公司", "建筑劳务有限公司", "科技有限公司", "便利店", "超市", "汽车销售服务有限公司"]
    private static let cities = ["北京市朝阳区", "上海市浦东新区", "广州市天河区", "深圳市南山区", "杭州市西湖区", "成都市武侯区", "武汉市洪山区", "西安市雁塔区", "福州市鼓楼区", "昆明市五华区"]
    private static let branches = ["支行", "营业部", "分理处", "自助银行", "ATM"]
    private static let walletChars = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let memos = ["转账", "微信转账", "红包", "扫码支付", "代发工资", "还款", "生活费", "货款", "房租", "借款", "网银转账", "手机银行转账", "", "", "退款", "报销"]

    func write(to path: String) {
        guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
        defer { fclose(file) }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        out.append(contentsOf: Array("id,time,from,to,amount,channel,from_name,to_name,place,memo\n".utf8))
        func flush(_ force: Bool) {
            guard force || out.count > 1 << 20 else { return }
            _ = out.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
            out.removeAll(keepingCapacity: true)
        }
        var rows = RowWriter(count: count)
        if sorted {
            for i in 0..<count {
                rows.appendRow(i, to: &out)
                flush(false)
            }
            flush(true)
            return
        }
        // Per-account statements one after another: runs of a few hundred rows in time order, the
        // runs shuffled (a merged export), block by block. Only one block's rows are held (about
        // 125 bytes a row), so a dump of 10^8 rows needs about 1 GB, not 13.
        var rng = SplitMix64(seed: 7)
        var runs: [Range<Int>] = []
        var start = 0
        while start < count {
            let length = 1 + Int(rng.next() % 400)
            runs.append(start..<min(count, start + length))
            start += length
        }
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var blockStart = 0
        while blockStart < runs.count {
            var blockEnd = blockStart, rowsInBlock = 0
            while blockEnd < runs.count && rowsInBlock < blockRows { rowsInBlock += runs[blockEnd].count; blockEnd += 1 }
            let firstRow = runs[blockStart].lowerBound
            bytes.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            for i in firstRow..<runs[blockEnd - 1].upperBound {
                rows.appendRow(i, to: &bytes)
                ends.append(bytes.count)
            }
            var block = Array(runs[blockStart..<blockEnd])
            for k in stride(from: block.count - 1, to: 0, by: -1) { block.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
            bytes.withUnsafeBufferPointer { all in
                for run in block {
                    for row in run {
                        let local = row - firstRow
                        let start = local == 0 ? 0 : ends[local - 1]
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<ends[local]]))
                        flush(false)
                    }
                }
            }
            blockStart = blockEnd
        }
        flush(true)
    }

    /// Draws the rows in time order, the same sequence ``generate(count:path:)`` draws.
    private struct RowWriter {
        var rng = SplitMix64(seed: 42)
        let pool: UInt64
        var time: Int64 = 1_704_038_400
        let channels: [[UInt8]] = ["transfer", "transfer", "transfer", "transfer", "red_packet", "qr_payment"].map { Array($0.utf8) }

        init(count: Int) { pool = UInt64(max(16, count / 8)) }

        mutating func appendRow(_ i: Int, to buffer: inout [UInt8]) {
            time += Int64(rng.next() % 4)
            // A 20-digit bank serial: date, then the row.
            let local = time + 8 * 3600
            let (y, m, d) = CivilCalendar.civilFromDays(Int(local / 86_400))
            let sod = Int(local % 86_400)
            digits(UInt64(y), width: 4, &buffer); digits(UInt64(m), width: 2, &buffer); digits(UInt64(d), width: 2, &buffer)
            digits(UInt64(i), width: 12, &buffer); buffer.append(UInt8(ascii: ","))
            digits(UInt64(y), width: 4, &buffer); buffer.append(UInt8(ascii: "-")); digits(UInt64(m), width: 2, &buffer)
            buffer.append(UInt8(ascii: "-")); digits(UInt64(d), width: 2, &buffer); buffer.append(0x20)
            digits(UInt64(sod / 3600), width: 2, &buffer); buffer.append(UInt8(ascii: ":"))
            digits(UInt64(sod / 60 % 60), width: 2, &buffer); buffer.append(UInt8(ascii: ":"))
            digits(UInt64(sod % 60), width: 2, &buffer); buffer.append(UInt8(ascii: ","))
            let r = rng.next()
            let from = r % pool
            let to = (r >> 20) % 50 == 0 ? (r >> 30) % 64 : (r >> 32) % pool  // 2% to 64 hubs
            // One row in 40 is a cash withdrawal at an ATM (no payee); the draws stay the same.
            let h = mix(UInt64(i) &* 0x9E37_79B9)
            let cash = h % 40 == 7
            account(from, &buffer); buffer.append(UInt8(ascii: ","))
            if !cash { account(to, &buffer) }
            buffer.append(UInt8(ascii: ","))
            let magnitude = rng.next() % 6
            var yuan = rng.next() % 100
            for _ in 0..<magnitude { yuan = yuan * 10 + rng.next() % 10 }
            buffer.append(contentsOf: Array(String(yuan + 1).utf8)); buffer.append(UInt8(ascii: "."))
            digits(rng.next() % 100, width: 2, &buffer); buffer.append(UInt8(ascii: ","))
            let channel = Int(rng.next() % 6)
            buffer.append(contentsOf: cash ? Array("cash_withdrawal".utf8) : channels[channel]); buffer.append(UInt8(ascii: ","))
            holder(from, &buffer); buffer.append(UInt8(ascii: ","))
            if !cash { holder(to, &buffer) }
            buffer.append(UInt8(ascii: ","))
            let city = RealisticDump.cities[Int((h >> 8) % UInt64(RealisticDump.cities.count))]
            if cash {
                buffer.append(contentsOf: Array((city + "ATM").utf8))
            } else if channel == 0 && h % 3 == 0 {  // a counter; online transfers have no place
                buffer.append(contentsOf: Array((city + RealisticDump.branches[Int((h >> 16) % 5)]).utf8))
            }
            buffer.append(UInt8(ascii: ","))
            let memo = cash ? "ATM取款" : channel == 4 ? "红包" : channel == 5 ? "扫码支付"
                : RealisticDump.memos[Int((h >> 24) % UInt64(RealisticDump.memos.count))]
            buffer.append(contentsOf: Array(memo.utf8))
            buffer.append(0x0A)
        }

        /// Account `n`'s id: a bank card of 16–19 digits, a WeChat or Alipay wallet, or (the 64
        /// hubs) a merchant code.
        private func account(_ n: UInt64, _ buffer: inout [UInt8]) {
            let h = mix(n)
            if n < 64 {
                buffer.append(UInt8(ascii: "M")); digits(100_000_000_000 + n * 7919, width: 12, &buffer)
                return
            }
            switch h % 10 {
            case 0, 1:  // WeChat wallet
                buffer.append(contentsOf: Array("wxid_".utf8))
                var v = h >> 8, w = mix(h)
                for k in 0..<14 {
                    if k == 7 { v = w }
                    buffer.append(RealisticDump.walletChars[Int(v % 36)]); v /= 36
                }
            case 2, 3:  // Alipay: 2088 and 12 digits
                buffer.append(contentsOf: Array("2088".utf8)); digits(scrambled(n), width: 12, &buffer)
            default:  // a bank card of 16 to 19 digits
                let width = 16 + Int((h >> 4) % 4)
                buffer.append(contentsOf: Array("62".utf8)); digits(h >> 12, width: width - 2 - 12, &buffer)
                digits(scrambled(n), width: 12, &buffer)
            }
        }

        /// `n` spread over 12 digits, one to one (the factor is prime to 10; exact below 2.3 × 10^7 accounts).
        private func scrambled(_ n: UInt64) -> UInt64 { n &* 777_777_777_777 % 1_000_000_000_000 }

        private func holder(_ n: UInt64, _ buffer: inout [UInt8]) {
            let h = mix(n &+ 17)
            if n < 64 {
                buffer.append(contentsOf: Array(String(RealisticDump.cities[Int(n % 10)].prefix(3)).utf8))
                buffer.append(contentsOf: Array(String(RealisticDump.givenChars[Int(h % 40)]).utf8))
                buffer.append(contentsOf: Array(String(RealisticDump.givenChars[Int((h >> 8) % 40)]).utf8))
                buffer.append(contentsOf: Array(RealisticDump.companies[Int(n % 8)].utf8))
                return
            }
            buffer.append(contentsOf: Array(String(RealisticDump.surnames[Int(h % UInt64(RealisticDump.surnames.count))]).utf8))
            buffer.append(contentsOf: Array(String(RealisticDump.givenChars[Int((h >> 8) % UInt64(RealisticDump.givenChars.count))]).utf8))
            if (h >> 16) % 3 != 0 {
                buffer.append(contentsOf: Array(String(RealisticDump.givenChars[Int((h >> 24) % UInt64(RealisticDump.givenChars.count))]).utf8))
            }
        }

        private func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        private func digits(_ value: UInt64, width: Int, _ buffer: inout [UInt8]) {
            var v = value
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0x30, count: width))
            var i = start + width - 1
            while i >= start { buffer[i] = UInt8(0x30 + v % 10); v /= 10; i -= 1 }
        }
    }
}
