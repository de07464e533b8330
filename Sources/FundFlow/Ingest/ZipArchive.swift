import CZlib

/// The parts of a zip file (an xlsx workbook): the central directory read from the end of the
/// file, and each part inflated with zlib within the sizes the directory declares, its CRC-32
/// checked.
///
/// fundflow reads workbooks with this rather than a zip library since ZIPFoundation 0.9.20 looped
/// for ever on a part whose deflate stream does not end (a fuzzer finding, kept as
/// `fixtures/fuzz/xlsx/endless-inflate.xlsx`): here every read is bounded by the directory's
/// sizes and the file's length, and a damaged part is an error. Zip64 sizes and offsets are read
/// (Excel and the usual writers use zip64 only past 4 GiB; `fixtures/xlsx/bank_c_transfers_zip64.xlsx`,
/// written by `scripts/make-zip64-xlsx.py`, has every field in zip64 form); parts of
/// 4 GiB or more, encryption and methods other than stored and deflate are refused.
struct ZipArchive {
    struct Entry {
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    struct DamagedZip: Error {
        var message: String
    }

    private let bytes: [UInt8]
    /// The entries by name.
    private(set) var entries: [String: Entry] = [:]

    /// Reads the central directory of the zip file in `bytes`.
    init(bytes: [UInt8]) throws(DamagedZip) {
        self.bytes = bytes
        guard let end = Self.endOfDirectory(bytes) else { throw DamagedZip(message: "no end of central directory record") }
        var count = Int(read16(end + 10) ?? 0)
        var size = Int(read32(end + 12) ?? 0)
        var offset = Int(read32(end + 16) ?? 0)
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // Zip64: the locator just before the record points at the zip64 record.
            guard end >= 20, read32(end - 20) == 0x0706_4B50, let record = read64(end - 12).flatMap(Int.init(exactly:)),
                  read32(record) == 0x0606_4B50, let c = read64(record + 32), let s = read64(record + 40), let o = read64(record + 48),
                  let c = Int(exactly: c), let s = Int(exactly: s), let o = Int(exactly: o)
            else { throw DamagedZip(message: "a damaged zip64 end of central directory") }
            (count, size, offset) = (c, s, o)
        }
        guard offset >= 0, size >= 0, offset <= bytes.count, size <= bytes.count - offset else {
            throw DamagedZip(message: "the central directory lies outside the file")
        }
        var p = offset
        for _ in 0..<count {
            guard read32(p) == 0x0201_4B50, let flags = read16(p + 8), let method = read16(p + 10), let crc = read32(p + 16),
                  let compressed = read32(p + 20), let uncompressed = read32(p + 24), let nameLength = read16(p + 28),
                  let extraLength = read16(p + 30), let commentLength = read16(p + 32), let local = read32(p + 42),
                  let name = slice(p + 46, Int(nameLength))
            else { throw DamagedZip(message: "a damaged central directory entry") }
            var entry = Entry(method: method, flags: flags, crc: crc, compressedSize: Int(compressed),
                              uncompressedSize: Int(uncompressed), localHeaderOffset: Int(local))
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                try readZip64Extra(at: p + 46 + Int(nameLength), length: Int(extraLength), into: &entry,
                                   uncompressed: uncompressed == 0xFFFF_FFFF, compressed: compressed == 0xFFFF_FFFF,
                                   local: local == 0xFFFF_FFFF)
            }
            entries[String(decoding: name, as: UTF8.self)] = entry
            p += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
    }

    /// The inflated bytes of the part `name`, or `nil` when the zip has no such part.
    func contents(of name: String) throws(DamagedZip) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        guard entry.flags & 1 == 0 else { throw DamagedZip(message: "\(name) is encrypted") }
        let header = entry.localHeaderOffset
        guard read32(header) == 0x0403_4B50, let nameLength = read16(header + 26), let extraLength = read16(header + 28) else {
            throw DamagedZip(message: "\(name): no local header where the directory says")
        }
        let start = header + 30 + Int(nameLength) + Int(extraLength)
        guard let input = slice(start, entry.compressedSize) else {
            throw DamagedZip(message: "\(name): its \(entry.compressedSize) compressed bytes run past the end of the file")
        }
        // (One byte below 4 GiB for the output: inflate writes into a buffer one byte larger.)
        guard entry.compressedSize < 1 << 32, entry.uncompressedSize < (1 << 32) - 1 else {
            throw DamagedZip(message: "\(name): parts of 4 GiB or more are not read")
        }
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw DamagedZip(message: "\(name): stored with two sizes") }
            output = Array(input)
        case 8:
            // Deflate cannot expand data more than 1032 to 1: a larger declared size is a lie that
            // would only allocate memory.
            guard entry.uncompressedSize <= max(1, entry.compressedSize) * 1032 else {
                throw DamagedZip(message: "\(name): declares \(entry.uncompressedSize) bytes from \(entry.compressedSize)")
            }
            output = try Self.inflate(input, expected: entry.uncompressedSize, name: name)
        default:
            throw DamagedZip(message: "\(name): compression method \(entry.method) is not read")
        }
        let crc = output.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard crc == entry.crc else { throw DamagedZip(message: "\(name): CRC-32 mismatch") }
        return output
    }

    /// Raw deflate of `input` into exactly `expected` bytes, in one call: anything but a stream
    /// that ends, having produced exactly that many, is an error.
    private static func inflate(_ input: ArraySlice<UInt8>, expected: Int, name: String) throws(DamagedZip) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: expected + 1)  // one spare byte shows an overrun
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DamagedZip(message: "\(name): zlib would not start")
        }
        defer { inflateEnd(&stream) }
        var copy = Array(input)
        let status: Int32 = copy.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else {
            throw DamagedZip(message: "\(name): a damaged deflate stream")
        }
        output.removeLast()
        return output
    }

    private static func endOfDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var p = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while p >= lowest {
            if bytes[p] == 0x50 && bytes[p + 1] == 0x4B && bytes[p + 2] == 0x05 && bytes[p + 3] == 0x06 { return p }
            p -= 1
        }
        return nil
    }

    private func readZip64Extra(
        at start: Int, length: Int, into entry: inout Entry, uncompressed: Bool, compressed: Bool, local: Bool
    ) throws(DamagedZip) {
        var p = start
        while p + 4 <= start + length, let id = read16(p), let size = read16(p + 2) {
            if id == 1 {
                var q = p + 4
                func next() throws(DamagedZip) -> Int {
                    guard q + 8 <= p + 4 + Int(size), let value = read64(q).flatMap(Int.init(exactly:)) else {
                        throw DamagedZip(message: "a damaged zip64 extra field")
                    }
                    q += 8
                    return value
                }
                if uncompressed { entry.uncompressedSize = try next() }
                if compressed { entry.compressedSize = try next() }
                if local { entry.localHeaderOffset = try next() }
                return
            }
            p += 4 + Int(size)
        }
        throw DamagedZip(message: "a zip64 entry without its extra field")
    }

    private func slice(_ start: Int, _ count: Int) -> ArraySlice<UInt8>? {
        guard start >= 0, count >= 0, start <= bytes.count, count <= bytes.count - start else { return nil }
        return bytes[start..<(start + count)]
    }

    private func read16(_ p: Int) -> UInt16? {
        guard p >= 0, p + 2 <= bytes.count else { return nil }
        return UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8
    }

    private func read32(_ p: Int) -> UInt32? {
        guard p >= 0, p + 4 <= bytes.count else { return nil }
        return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }

    private func read64(_ p: Int) -> UInt64? {
        guard let low = read32(p), let high = read32(p + 4) else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }
}
