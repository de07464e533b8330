#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030's one- and two-byte characters as UTF-8, for converting the bulk of a Chinese bank
/// export without iconv: ASCII as it is, a two-byte character by one table lookup.
///
/// The table is iconv's own answer for every two-byte code (asked once per process, a few
/// milliseconds), so the result is byte for byte what iconv gives; four-byte sequences and
/// invalid bytes are still left to iconv (``TextSource``). Written here because no package
/// converts GB18030 in Swift, and iconv's per-character conversion was a quarter of the CPU time
/// of reading a 500,000-row GB18030 查询反馈 export on two threads (perf, `Benchmarks/readers.sh`).
enum GB18030Table {
    /// Per two-byte code — lead 0x81…0xFE, trail 0x40…0xFE (0x7F excluded, kept as a hole) — its
    /// UTF-8 bytes packed little-endian (their count told by the first, as UTF-8 does; a few
    /// codes are characters beyond the BMP since GB18030-2022, four bytes); 0 when iconv does
    /// not convert the code on its own.
    static let twoByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 126 * 191)
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return table }
        defer { iconv_close(converter) }
        var input: [UInt8] = [0, 0]
        var output = [UInt8](repeating: 0, count: 8)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                input[0] = UInt8(lead)
                input[1] = UInt8(trail)
                let produced = input.withUnsafeMutableBufferPointer { src in
                    output.withUnsafeMutableBufferPointer { dst -> Int in
                        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!).assumingMemoryBound(to: CChar.self)
                        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                        var inLeft = 2, outLeft = dst.count
                        let status = iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
                        return status == -1 || inLeft != 0 ? 0 : dst.count - outLeft
                    }
                }
                guard produced >= 1 && produced <= 4 else { continue }
                var packed: UInt32 = 0
                for k in 0..<produced { packed |= UInt32(output[k]) << (8 * UInt32(k)) }
                table[(lead - 0x81) * 191 + (trail - 0x40)] = packed
            }
        }
        return table
    }()

    /// Converts from `input` into `output` while the bytes are ASCII or two-byte characters the
    /// table knows; stops before anything else (a four-byte sequence, an invalid byte, a lead
    /// byte whose trail is not in `input`) or when `output` has less than four bytes of room.
    /// Returns the bytes read and written.
    @inline(__always)
    static func convert(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> (read: Int, written: Int) {
        guard let src = input.baseAddress, let dst = output.baseAddress else { return (0, 0) }
        let inCount = input.count, outCount = output.count
        var i = 0, o = 0
        twoByte.withUnsafeBufferPointer { table in
            while i < inCount && o + 4 <= outCount {
                // Eight ASCII bytes at a time.
                if i + 8 <= inCount && o + 8 <= outCount {
                    let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(dst + o).storeBytes(of: word, as: UInt64.self)
                        i += 8
                        o += 8
                        continue
                    }
                }
                let lead = src[i]
                if lead < 0x80 {
                    dst[o] = lead
                    i += 1
                    o += 1
                    continue
                }
                guard lead >= 0x81 && lead <= 0xFE && i + 1 < inCount else { return }
                let trail = src[i + 1]
                guard trail >= 0x40 && trail <= 0xFE else { return }
                let packed = table[Int(lead - 0x81) * 191 + Int(trail - 0x40)]
                guard packed != 0 else { return }
                let first = UInt8(truncatingIfNeeded: packed)
                let count = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
                // All four bytes stored (room for them was checked); `count` of them are the character's.
                UnsafeMutableRawPointer(dst + o).storeBytes(of: packed.littleEndian, as: UInt32.self)
                i += 2
                o += count
            }
        }
        return (i, o)
    }
}
