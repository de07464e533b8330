#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Zeroed raw memory aligned to cache lines, for tables that are read at random: a 32-byte
/// record in it never straddles two lines.
///
/// Blocks of ``mapThreshold`` bytes or more are mapped from the system directly, so that
/// freeing one gives its pages back at once (from `malloc`'s heap a freed table can stay
/// resident while the next one grows), and pages never written cost nothing. Blocks of
/// ``hugePageThreshold`` bytes or more are, on Linux, also advised as transparent huge pages
/// (`MADV_HUGEPAGE`; the kernel honours it in its default `madvise` mode): a table of tens of
/// megabytes read at random otherwise misses the TLB on nearly every access, and the page
/// walks of those misses queue behind each other.
enum AlignedMemory {
    /// The size from which a block is mapped rather than taken from `malloc`.
    static let mapThreshold = 1 << 20

    /// The largest block ``allocateTouched(_:count:)`` makes resident at once (64 MiB: the slots
    /// of a table of 4M accounts).
    static let touchLimit = 64 << 20

    /// The size from which a block is advised as huge pages: smaller tables fit the TLB's reach
    /// anyway, and a huge page's rounding would show in a small process's resident memory.
    static let hugePageThreshold = 8 << 20

    /// Allocates `byteCount` zeroed bytes, aligned to 64 bytes (mapped blocks to a page). Free
    /// with ``free(_:byteCount:)`` and the same `byteCount`.
    static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        if byteCount >= mapThreshold {
            guard let pointer = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                  pointer != MAP_FAILED
            else { fatalError("out of memory mapping \(byteCount) bytes") }
            if byteCount >= hugePageThreshold { adviseHugePages(pointer, byteCount: byteCount) }
            return pointer
        }
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, 64, max(byteCount, 64)) == 0, let pointer else {
            fatalError("out of memory allocating \(byteCount) bytes")
        }
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        return pointer
    }

    /// Allocates `count` zeroed values of `type`, as ``allocate(byteCount:)``.
    static func allocate<T: BitwiseCopyable>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        allocate(byteCount: count * MemoryLayout<T>.stride).bindMemory(to: T.self, capacity: count)
    }

    /// Allocates `count` zeroed values of `type` whose pages are all made resident now, for a
    /// table that is read at random before it is written (a hash table's slots).
    ///
    /// A mapped page that is read first is mapped to the system's shared zero page; the first
    /// write to it then copies it and, in a process whose threads have run on several cores,
    /// flushes the other cores' TLBs (an interrupt each): half the time of interning 1.1M device
    /// values into a table of 130K (perf, `do_wp_page`). Writing each page first costs one plain
    /// fault per page and the table's whole size in resident memory — so only up to
    /// ``touchLimit``: a table sized for a dump's estimated rows can be far larger than the
    /// accounts it will hold, and beyond that size its untouched pages stay free as before.
    static func allocateTouched<T: BitwiseCopyable>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let byteCount = count * MemoryLayout<T>.stride
        let pointer = allocate(byteCount: byteCount)
        if byteCount >= mapThreshold && byteCount <= touchLimit {
            var offset = 0
            while offset < byteCount {
                pointer.storeBytes(of: 0, toByteOffset: offset, as: UInt8.self)
                offset += 4096
            }
        }
        return pointer.bindMemory(to: T.self, capacity: count)
    }

    /// Frees a block from ``allocate(byteCount:)``.
    static func free(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        if byteCount >= mapThreshold {
            munmap(pointer, byteCount)
            return
        }
        #if canImport(Glibc)
        SystemCalls.free(pointer)
        #else
        Darwin.free(pointer)
        #endif
    }

    /// Frees `count` values from ``allocate(_:count:)``.
    static func free<T>(_ pointer: UnsafeMutablePointer<T>, count: Int) {
        free(UnsafeMutableRawPointer(pointer), byteCount: count * MemoryLayout<T>.stride)
    }

    /// Advises the whole 2 MiB pages inside `byteCount` bytes at `pointer` as huge pages
    /// (Linux; elsewhere nothing).
    private static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        let huge = 2 << 20
        let start = (Int(bitPattern: pointer) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(huge - 1)
        if end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        }
        #endif
    }
}
