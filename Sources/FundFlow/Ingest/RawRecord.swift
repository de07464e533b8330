/// One record of a table as byte ranges into the reader's buffer.
///
/// A `RawRecord` is a view: it is valid only inside the closure that receives it, and copying
/// a field out (``string(_:)``) is the only allocation a caller makes when it needs to keep one.
public struct RawRecord {
    let base: UnsafePointer<UInt8>
    let starts: UnsafePointer<Int>
    let ends: UnsafePointer<Int>
    /// The number of fields in the record.
    public let count: Int
    /// The 1-based line of the file where the record starts (for xlsx: the sheet's row number).
    public let line: Int

    /// The bytes of field `index`, or an empty buffer past the last field.
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0 && index < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
    }

    /// Field `index` as a string with surrounding spaces and tabs removed.
    public func string(_ index: Int) -> String {
        String(decoding: RawRecord.trim(self[index]), as: UTF8.self)
    }

    /// Whether every field is empty or blank.
    @inline(__always)
    public var isBlank: Bool {
        // A row's first field usually starts with text: asked of every row, that is one load.
        if count > 0 && ends[0] > starts[0] {
            let first = base[starts[0]]
            if first != 0x20 && first != 0x09 { return false }
        }
        for index in 0..<count where !RawRecord.trim(self[index]).isEmpty { return false }
        return true
    }

    /// `bytes` without leading and trailing spaces, tabs, and the `_` some banks append to card
    /// numbers is not removed here (see ``AccountKey``).
    @inline(__always)
    static func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress else { return bytes }
        var start = 0
        var end = bytes.count
        while start < end && (base[start] == 0x20 || base[start] == 0x09) { start += 1 }
        while end > start && (base[end - 1] == 0x20 || base[end - 1] == 0x09) { end -= 1 }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }
}

/// A record held in owned storage, for readers (xlsx) that build rows cell by cell.
struct OwnedRecord {
    var bytes: [UInt8] = []
    var starts: [Int] = []
    var ends: [Int] = []

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends a field at position `index` (filling skipped positions with empty fields).
    mutating func set(_ index: Int, _ value: some Collection<UInt8>) {
        while starts.count < index {
            starts.append(bytes.count)
            ends.append(bytes.count)
        }
        starts.append(bytes.count)
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
    }

    /// Calls `body` with a ``RawRecord`` view of this record.
    func withRecord<R>(line: Int, _ body: (RawRecord) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            try starts.withUnsafeBufferPointer { s in
                try ends.withUnsafeBufferPointer { e in
                    // An empty array may have no base address; point at a dummy byte then.
                    try withUnsafePointer(to: UInt8(0)) { dummy in
                        try body(RawRecord(
                            base: b.baseAddress ?? dummy, starts: s.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                            ends: e.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: starts.count, line: line))
                    }
                }
            }
        }
    }
}
