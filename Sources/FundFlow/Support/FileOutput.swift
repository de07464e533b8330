#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files whole: to a temporary name beside the target, then renamed, so that a
/// failed run leaves nothing half-written.
public enum FileOutput {
    /// Why a file could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        /// The path.
        public var path: String
        /// The system's reason.
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `text` to `path` atomically.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let temporary = path + ".part"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        let failure: String? = bytes.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = SystemCalls.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
        close(fd)
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }
}
