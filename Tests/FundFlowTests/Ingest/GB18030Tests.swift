import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FundFlow

/// GB18030 read through ``GB18030Table`` gives what iconv alone gives: the same UTF-8 for
/// ASCII, two- and four-byte characters, and the same U+FFFD for invalid bytes and a character
/// cut at the end of the file — also where chunks of the file end mid-character.
@Suite struct GB18030Tests {
    /// iconv over the whole input: U+FFFD for an invalid byte (skipped), and for a sequence cut at
    /// the end (dropped).
    static func reference(_ input: [UInt8]) -> [UInt8] {
        let converter = iconv_open("UTF-8", "GB18030")
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var at = 0
        var source = input
        while at < source.count {
            var inLeft = source.count - at, outLeft = buffer.count
            let (status, err, consumed, produced) = source.withUnsafeMutableBufferPointer { src in
                buffer.withUnsafeMutableBufferPointer { dst in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress! + at).assumingMemoryBound(to: CChar.self)
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                    let before = inLeft
                    let status = iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (status, errno, before - inLeft, dst.count - outLeft)
                }
            }
            output += buffer[0..<produced]
            at += consumed
            if status == -1 {
                output += [0xEF, 0xBF, 0xBD]
                if err == EINVAL { break }
                at += 1
            }
        }
        return output
    }

    /// Random text: ASCII runs and line feeds, common two-byte characters, four-byte sequences
    /// (rare characters, emoji), and invalid bytes.
    static func text(bytes: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var out: [UInt8] = []
        while out.count < bytes {
            switch random.next() % 10 {
            case 0...3: out += Array("6217000012345678,2024-03-01 10:00:00,".utf8)
            case 4: out += random.next() % 4 == 0 ? [0xFE, 0x6C] : [0x0A]  // FE6C: beyond the BMP since GB18030-2022
            case 5...7:  // two bytes: lead 0x81-0xFE, trail 0x40-0xFE (0x7F and unmapped codes included)
                out += [UInt8(0x81 + random.next() % 126), UInt8(0x40 + random.next() % 191)]
            case 8:  // four bytes: 0x81-0xFE 0x30-0x39 0x81-0xFE 0x30-0x39
                out += [UInt8(0x81 + random.next() % 4), UInt8(0x30 + random.next() % 10), UInt8(0x81 + random.next() % 126), UInt8(0x30 + random.next() % 10)]
            default:  // invalid: 0x80, 0xFF, a lead byte before a byte no trail may be
                out += [[0x80], [0xFF], [0x81, 0x20], [0xA1, 0x0A]][Int(random.next() % 4)]
            }
        }
        return out
    }

    static func converted(_ path: String) throws -> [UInt8] {
        let source = try TextSource(path: path, forcedEncoding: .gb18030)
        var buffer = [UInt8](repeating: 0, count: 1024)
        var count = 0
        while let next = try source.read(into: &buffer, count: count) { count = next }
        return Array(buffer[0..<count])
    }

    @Test(arguments: [1, 2, 3])
    func convertsAsIconvDoes(seed: UInt64) throws {
        // Several megabytes: the file is read in 1 MiB chunks, which end mid-character.
        var input = Self.text(bytes: 3 << 20, seed: seed)
        if seed == 3 { input += [0x81, 0x30] }  // a four-byte sequence cut at the end of the file
        let path = try Fixtures.temporaryFile(input)
        let same = try Self.converted(path) == Self.reference(input)  // (not printed: megabytes)
        #expect(same)
    }

    @Test func tableMatchesIconvCodeByCode() {
        var mapped = 0
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE {
                let code: [UInt8] = [UInt8(lead), UInt8(trail)]
                let fast = [UInt8](unsafeUninitializedCapacity: 8) { out, written in
                    written = code.withUnsafeBufferPointer { GB18030Table.convert($0, into: out).written }
                }
                if !fast.isEmpty {
                    mapped += 1
                    #expect(fast == Self.reference(code), "\(lead) \(trail)")
                }
            }
        }
        #expect(mapped > 20_000)  // GBK's characters
    }
}
