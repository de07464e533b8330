import FundFlow
#if canImport(Glibc)
import Glibc
#endif

/// Minimal unbuffered writes to the standard streams, without Foundation.
enum FileHandle {
    case standardError, standardOutput

    func write(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = SystemCalls.write(self == .standardError ? 2 : 1, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
