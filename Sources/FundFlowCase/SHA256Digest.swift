import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 as fundflow uses it: the chain-of-custody hashes of `manifest.json` and the chart
/// cache's keys of `fundflow serve`.
///
/// swift-crypto's (BoringSSL's implementation, which courts and auditors can name). It replaced a
/// FIPS 180-4 implementation of our own, which was about 1.4 s of a 7.6 s `fundflow detect` of a
/// 1.1M-transfer case (perf: 18% of the samples, hashing the 136 MB input and the outputs);
/// swift-crypto hashes that input in 0.09 s. Its first debug build costs about 2 minutes of a
/// fresh clone's `make test`.
public enum SHA256Digest {
    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(of: Crypto.SHA256.hash(data: bytes))
    }

    /// The digest of `text`'s UTF-8 bytes as 64 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { hex(UnsafeRawBufferPointer($0)) }
    }

    /// The SHA-256 of a file, read in 1 MiB chunks, and its size; `nil` when it cannot be read.
    public static func file(_ path: String) -> (hex: String, bytes: Int)? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hash = Crypto.SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            total += n
            buffer.withUnsafeBytes { hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return (hex(of: hash.finalize()), total)
    }

    private static func hex(of digest: Crypto.SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
