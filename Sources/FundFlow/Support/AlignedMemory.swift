#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw memory aligned to cache lines, for tables that are read at random: a 32-byte record in
/// it never straddles two lines.
///
/// Blocks of ``hugePageThreshold`` bytes or more are aligned to 2 MiB and, on Linux, advised
/// as transparent huge pages (`MADV_HUGEPAGE`; the kernel honours it in its default `madvise`
/// mode). A table of tens of megabytes read at random otherwise misses the TLB on nearly every
/// access, and the page walks of those misses queue behind each other.
enum AlignedMemory {
    /// The size from which a block is advised as huge pages: smaller tables fit the TLB's reach
    /// anyway, and a huge page's rounding would show in a small process's resident memory.
    static let hugePageThreshold = 8 << 20

    /// Allocates `byteCount` bytes (uninitialized), aligned to 64 bytes or, for large blocks,
    /// to 2 MiB. Free with ``free(_:)``.
    static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let huge = byteCount >= hugePageThreshold
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, huge ? 2 << 20 : 64, max(byteCount, 64)) == 0, let pointer else {
            fatalError("out of memory allocating \(byteCount) bytes")
        }
        #if os(Linux)
        if huge { _ = madvise(pointer, byteCount & ~((2 << 20) - 1), MADV_HUGEPAGE) }
        #endif
        return pointer
    }

    /// Allocates `count` zeroed values of `type`, aligned as ``allocate(byteCount:)``.
    static func allocateZeroed<T: BitwiseCopyable>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = count * MemoryLayout<T>.stride
        let raw = allocate(byteCount: bytes)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        return raw.bindMemory(to: T.self, capacity: count)
    }

    /// Frees a block from ``allocate(byteCount:)``.
    static func free(_ pointer: UnsafeMutableRawPointer) {
        #if canImport(Glibc)
        Glibc.free(pointer)
        #else
        Darwin.free(pointer)
        #endif
    }
}
