#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Graphviz in a helper process, so that charts render in parallel and a crash in Graphviz ends a
/// helper, not its caller.
///
/// Why processes: Graphviz is not thread-safe (``GraphvizRenderer`` holds one process-wide
/// lock), so one process renders one chart at a time. Measured with `fundflow serve` on a 1M
/// transfer case, 8 clients asking back to back (Benchmarks/serve.sh): the 2-hop chart's p95 was
/// 548 ms with the one lock, a queue of 8 charts of ~55 ms each. Helpers run the same
/// ``GraphvizRenderer`` in their own address space, one per core.
///
/// The protocol on the helper's standard input and output, little-endian lengths:
/// a request is `u32 n, engine (n bytes), u32 n, format, u32 n, DOT text`; an answer is
/// `u8 status (0 rendered, 1 Graphviz's error), u32 n, bytes (the chart or the message)`.
/// The helper ends when its input ends (its parent closed the pipe or died).
public enum RenderWorker {
    /// The helper's loop: reads requests from `input`, answers on `output` until `input` ends.
    /// Returns `false` if a request was malformed or the answer could not be written.
    public static func serve(input: Int32, output: Int32) -> Bool {
        while true {
            guard let engine = readChunk(input) else { return true }
            guard let formatBytes = readChunk(input), let dot = readChunk(input),
                  let format = RenderFormat(rawValue: String(decoding: formatBytes, as: UTF8.self)) else { return false }
            let status: UInt8
            let body: [UInt8]
            do {
                body = try GraphvizRenderer.render(String(decoding: dot, as: UTF8.self), engine: String(decoding: engine, as: UTF8.self), format: format)
                status = 0
            } catch {
                body = Array(error.message.utf8)
                status = 1
            }
            guard writeAll(output, [status]), writeChunk(output, body) else { return false }
        }
    }

    /// Reads `u32 n` and `n` bytes; nil at the end of input or on a short read.
    static func readChunk(_ fd: Int32) -> [UInt8]? {
        guard let header = readExactly(fd, 4) else { return nil }
        let count = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16 | Int(header[3]) << 24
        return readExactly(fd, count)
    }

    static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { SystemCalls.read(fd, $0.baseAddress! + done, count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    static func writeChunk(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        let n = UInt32(bytes.count)
        return writeAll(fd, [UInt8(n & 0xff), UInt8(n >> 8 & 0xff), UInt8(n >> 16 & 0xff), UInt8(n >> 24)]) && writeAll(fd, bytes)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { SystemCalls.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
