#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in chunks and hands out its text as UTF-8 bytes, converting GB18030 and UTF-16
/// with iconv as it goes. Memory stays at a few chunks whatever the file's size.
final class TextSource {
    /// The chunk size read from disk.
    static let chunkSize = 1 << 20

    /// The raw buffer's size for a file with `remaining` bytes left to read (nil: not a regular
    /// file, its size unknown): two chunks, or the whole file and one byte (so that the first fill
    /// sees its end) when that is less. A small file then costs a small buffer, not 2 MiB zeroed:
    /// under the fuzzer's AddressSanitizer the two 2 MiB buffers of every input were 45% of the
    /// `table` target's time (perf, 3,000 inputs).
    static func rawCapacity(remaining: Int?) -> Int {
        guard let remaining else { return chunkSize * 2 }
        return min(chunkSize * 2, max(4096, remaining + 1))
    }

    /// A good first size for a buffer that receives this file's text (it may grow).
    var textCapacity: Int { converter == nil ? raw.count : raw.count * 2 + 16 }

    let path: String
    private(set) var encoding: TextEncoding = .utf8
    private let descriptor: Int32
    private var raw: [UInt8]
    private var rawCount = 0
    private var rawStart = 0
    private var sourceEOF = false
    private var converter: iconv_t?
    private var skippedBOM = false

    /// Bytes read from disk so far.
    private(set) var bytesRead = 0
    /// The file offset of the next byte to read from disk.
    private var nextOffset = 0
    /// The file offset at which reading from disk stops as if the file ended there (for a reader
    /// of one part of a converted file; see ``SplitRead``), until ``liftLimit()``.
    private(set) var limit = Int.max
    /// Whether the text ended at ``limit`` rather than at the end of the file.
    private(set) var stoppedAtLimit = false

    /// Opens `path` and detects its encoding (`forced` overrides detection). A `startOffset`
    /// other than 0 starts reading there (with a `forced` encoding: there is no BOM mid-file).
    init(path: String, forcedEncoding forced: TextEncoding? = nil, startOffset: Int = 0, limit: Int = .max) throws(IngestError) {
        self.path = path
        self.limit = limit
        self.nextOffset = startOffset
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw IngestError(file: path, kind: .unreadable(String(cString: strerror(errno))))
        }
        descriptor = fd
        var st = stat()
        let statted = fstat(fd, &st) == 0
        if statted && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw IngestError(file: path, kind: .unreadable("is a directory"))
        }
        let regular = statted && (st.st_mode & S_IFMT) == S_IFREG
        raw = [UInt8](repeating: 0, count: Self.rawCapacity(remaining: regular ? max(0, min(Int(st.st_size), limit) - startOffset) : nil))
        // From here every stored property is set: a throw runs `deinit`, which closes `fd`.
        if startOffset > 0 && lseek(fd, off_t(startOffset), SEEK_SET) < 0 {
            throw IngestError(file: path, kind: .unreadable(String(cString: strerror(errno))))
        }
        try fillRaw()
        try start(forcedEncoding: forced)
    }

    /// A source over text already in memory (`name` names it in errors): no file is opened.
    init(name: String, contents: [UInt8], forcedEncoding forced: TextEncoding? = nil) throws(IngestError) {
        path = name
        descriptor = -1
        raw = contents
        rawCount = contents.count
        bytesRead = contents.count
        sourceEOF = true
        try start(forcedEncoding: forced)
    }

    /// Detects (or takes) the encoding from the first bytes read, skips a BOM and opens the
    /// converter.
    private func start(forcedEncoding forced: TextEncoding?) throws(IngestError) {
        let count = rawCount, wholeFile = sourceEOF
        // Detected only when not forced: checking 2 MB of Chinese text as UTF-8 is ~5 ms, and a
        // split read's parts are read with the encoding its first look detected.
        let (detected, hasZero, zeroNearStart) = raw.withUnsafeBufferPointer { whole in
            let prefix = UnsafeBufferPointer(rebasing: whole[0..<count])
            let detected = forced == nil ? TextEncoding.detect(prefix, isWholeFile: wholeFile) : nil
            return (detected, forced == nil && detected == nil && prefix.contains(0), prefix.prefix(4096).contains(0))
        }
        if let forced {
            encoding = forced
        } else {
            guard let detected else { throw IngestError(file: path, kind: hasZero ? .binary : .unknownEncoding) }
            encoding = detected
        }
        if encoding != .utf16LE && encoding != .utf16BE && zeroNearStart {
            throw IngestError(file: path, kind: .binary)
        }
        rawStart = min(encoding.bomLength, rawCount)
        if let name = encoding.iconvName {
            let cd = iconv_open("UTF-8", name)
            if cd == iconv_t(bitPattern: -1) {
                throw IngestError(file: path, kind: .unreadable("iconv cannot convert \(name)"))
            }
            converter = cd
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Reads from disk until the raw buffer is full or the file ends.
    private func fillRaw() throws(IngestError) {
        if rawStart > 0 {
            let remaining = rawCount - rawStart
            if remaining > 0 {
                raw.withUnsafeMutableBufferPointer { b in
                    guard let base = b.baseAddress else { return }
                    memmove(base, base + rawStart, remaining)
                }
            }
            rawCount = remaining
            rawStart = 0
        }
        guard rawCount < raw.count && !sourceEOF else { return }
        let start = rawCount, capacity = raw.count - rawCount
        rawCount += try raw.withUnsafeMutableBufferPointer { (b) throws(IngestError) in
            try readFromDisk(into: b.baseAddress! + start, capacity: capacity)
        }
    }

    /// Reads from the file into `destination` until `capacity` bytes are read or the file ends
    /// (then ``sourceEOF`` is set); returns the bytes read.
    private func readFromDisk(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws(IngestError) -> Int {
        var filled = 0
        while filled < capacity {
            if nextOffset >= limit { stoppedAtLimit = true; sourceEOF = true; break }
            let n = SystemCalls.read(descriptor, destination + filled, min(capacity - filled, limit - nextOffset))
            if n < 0 {
                if errno == EINTR { continue }
                throw IngestError(file: path, kind: .unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { sourceEOF = true; break }
            filled += n
            bytesRead += n
            nextOffset += n
        }
        return filled
    }

    /// Reads on past ``limit`` to the end of the file (a record that crosses the limit is read
    /// whole).
    func liftLimit() {
        limit = .max
        if stoppedAtLimit {
            stoppedAtLimit = false
            sourceEOF = false
        }
    }

    /// Appends the next UTF-8 text to `buffer` (after `count` bytes already in use) and returns the
    /// new count, or `nil` at the end of the file. The buffer grows when it has to.
    func read(into buffer: inout [UInt8], count: Int) throws(IngestError) -> Int? {
        if converter == nil && rawStart >= rawCount {
            // UTF-8 once the bytes read for detection are handed out: from disk straight into the
            // caller's buffer, not through `raw` and a copy of every byte.
            return sourceEOF ? nil : try readDirect(into: &buffer, count: count)
        }
        if rawStart >= rawCount {
            if sourceEOF { return nil }
            try fillRaw()
            if rawCount == 0 { return nil }
        }
        guard let converter else {
            // UTF-8: copy straight through.
            let available = rawCount - rawStart
            if buffer.count < count + available { buffer.append(contentsOf: repeatElement(0, count: count + available - buffer.count)) }
            buffer.withUnsafeMutableBufferPointer { dst in
                raw.withUnsafeBufferPointer { src in
                    _ = memcpy(dst.baseAddress! + count, src.baseAddress! + rawStart, available)
                }
            }
            rawStart = rawCount
            return count + available
        }
        if encoding == .gb18030 { return try readGB18030(into: &buffer, count: count, converter: converter) }
        // Convert with iconv: GB18030 grows at most 2× into UTF-8 (3 bytes for 2, 4 for 4 or 4 for 2).
        var produced = count
        var progressed = false
        while !progressed {
            let inputLeftBefore = rawCount - rawStart
            let need = produced + inputLeftBefore * 2 + 16
            if buffer.count < need { buffer.append(contentsOf: repeatElement(0, count: need - buffer.count)) }
            let (status, err, consumed) = iconvStep(converter, input: inputLeftBefore, into: &buffer, produced: &produced)
            if consumed > 0 { progressed = true }
            if status == -1 {
                switch err {
                case EINVAL:
                    // A sequence cut at the chunk's edge: read more, or at the end replace it.
                    if sourceEOF {
                        appendReplacement(&buffer, &produced)
                        rawStart = rawCount
                        progressed = true
                    } else if !progressed {
                        try fillRaw()
                    }
                case EILSEQ:
                    // An invalid byte: write U+FFFD in its place and go on.
                    appendReplacement(&buffer, &produced)
                    rawStart += 1
                    progressed = true
                default:
                    break  // E2BIG: the loop grows the buffer.
                }
            }
            if rawStart >= rawCount && !progressed {
                if sourceEOF { return produced > count ? produced : nil }
                try fillRaw()
            }
        }
        return produced
    }

    /// Converts up to `input` bytes from `rawStart` with iconv into `buffer` after `produced`
    /// bytes, moving both on; returns iconv's status and errno and the bytes consumed.
    private func iconvStep(_ converter: iconv_t, input: Int, into buffer: inout [UInt8], produced: inout Int) -> (Int, Int32, Int) {
        var status = 0
        var err: Int32 = 0
        var inLeft = input
        var outLeft = buffer.count - produced
        let at = produced
        buffer.withUnsafeMutableBufferPointer { dst in
            raw.withUnsafeMutableBufferPointer { src in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress! + rawStart)
                    .assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress! + at)
                    .assumingMemoryBound(to: CChar.self)
                status = iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft)
                err = errno
            }
        }
        rawStart += input - inLeft
        produced = buffer.count - outLeft
        return (status, err, input - inLeft)
    }

    /// GB18030 as ``read(into:count:)`` converts it, with the same result: ASCII and two-byte
    /// characters through ``GB18030Table`` and only what it leaves — a four-byte sequence, an
    /// invalid byte, a character cut at the end of the bytes read — through iconv, one character
    /// at a time.
    private func readGB18030(into buffer: inout [UInt8], count: Int, converter: iconv_t) throws(IngestError) -> Int? {
        var produced = count
        while true {
            if rawStart >= rawCount {
                if produced > count { return produced }
                if sourceEOF { return nil }
                try fillRaw()
                continue
            }
            // At most 2× into UTF-8 (3 bytes for 2, 4 for 4 or 4 for 2).
            let need = produced + (rawCount - rawStart) * 2 + 16
            if buffer.count < need { buffer.append(contentsOf: repeatElement(0, count: need - buffer.count)) }
            let (read, written) = buffer.withUnsafeMutableBufferPointer { dst in
                raw.withUnsafeBufferPointer { src in
                    GB18030Table.convert(UnsafeBufferPointer(rebasing: src[rawStart..<rawCount]),
                                         into: UnsafeMutableBufferPointer(rebasing: dst[produced..<dst.count]))
                }
            }
            rawStart += read
            produced += written
            if rawStart >= rawCount { continue }
            let window = min(4, rawCount - rawStart)  // one character at most
            let (status, err, consumed) = iconvStep(converter, input: window, into: &buffer, produced: &produced)
            guard status == -1 else { continue }
            // The window holds more than one character and cut the last: the next window has it.
            if err == EINVAL && consumed > 0 { continue }
            // A GB18030 character has at most four bytes: one not whole in four is invalid.
            switch window == 4 && err == EINVAL ? EILSEQ : err {
            case EINVAL:
                // A sequence cut at the chunk's edge: read more, or at the end replace it.
                if sourceEOF {
                    appendReplacement(&buffer, &produced)
                    rawStart = rawCount
                } else if produced > count {
                    return produced
                } else {
                    try fillRaw()
                }
            case EILSEQ:
                // An invalid byte: write U+FFFD in its place and go on.
                appendReplacement(&buffer, &produced)
                rawStart += 1
            default:
                break  // E2BIG cannot happen: there is room for twice the input.
            }
        }
    }

    /// Reads UTF-8 from disk into `buffer` after `count` bytes: as much as fits (a chunk at
    /// least; the buffer grows for it), or what is left of the file.
    private func readDirect(into buffer: inout [UInt8], count: Int) throws(IngestError) -> Int? {
        let want = max(Self.chunkSize, buffer.count - count)
        if buffer.count < count + want { buffer.append(contentsOf: repeatElement(0, count: count + want - buffer.count)) }
        let filled = try buffer.withUnsafeMutableBufferPointer { (b) throws(IngestError) in
            try readFromDisk(into: b.baseAddress! + count, capacity: want)
        }
        return filled == 0 ? nil : count + filled
    }

    private func appendReplacement(_ buffer: inout [UInt8], _ produced: inout Int) {
        if buffer.count < produced + 3 { buffer.append(contentsOf: repeatElement(0, count: produced + 3 - buffer.count)) }
        buffer[produced] = 0xEF
        buffer[produced + 1] = 0xBF
        buffer[produced + 2] = 0xBD
        produced += 3
    }
}
