/// Puts rows in time order at memory speed: a stable least-significant-digit radix sort on the
/// 64-bit time keys, and permutations applied column by column through raw buffers. Only the hot
/// columns are moved; ids, lines and attributes stay in input order and are reached through the
/// order (``TransferGraph/inputRow(_:)``).
///
/// Written here rather than taken from a package because neither the standard library nor
/// swift-collections has a radix sort, and the comparison sort it replaces (`sort` of (time,
/// index) pairs through a closure, then `map` per column) was most of the difference between
/// reading a 1M-row dump as it comes and the same rows in time order: 1.20 s against 0.95 s for
/// `fundflow stats` (Benchmarks/README.md, "Dumps as they really come"); with it (and the cold
/// columns left in place), 0.92 s against 0.90 s.
enum TimeOrder {
    /// The input positions ordered by (time, position), or nil when the times are already in
    /// order. Stable: equal times keep their input order.
    static func sortedOrder(_ times: [Int64]) -> [Int32]? {
        let count = times.count
        guard count > 1 else { return nil }
        var low = times[0], high = times[0], sorted = true
        times.withUnsafeBufferPointer { t in
            for i in 1..<count {
                let value = t[i]
                if value < t[i - 1] { sorted = false }
                if value < low { low = value } else if value > high { high = value }
            }
        }
        if sorted { return nil }
        if count <= smallCount { return comparisonOrder(times) }
        // Keys relative to the earliest time, so only the bits that differ are sorted.
        let span = UInt64(bitPattern: high &- low)
        let bits = 64 - span.leadingZeroBitCount
        let passes = (bits + 15) / 16
        let width = (bits + passes - 1) / passes
        let buckets = 1 << width
        let mask = UInt64(buckets - 1)

        let indexBits = 64 - UInt64(count - 1).leadingZeroBitCount
        if bits + indexBits <= 64 {
            return packedOrder(times, low: low, indexBits: indexBits, passes: passes, width: width)
        }
        var keys = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            times.withUnsafeBufferPointer { t in
                for i in 0..<count { buffer[i] = UInt64(bitPattern: t[i] &- low) }
            }
            initialized = count
        }
        var order = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for i in 0..<count { buffer[i] = Int32(truncatingIfNeeded: i) }
            initialized = count
        }
        var spareKeys = [UInt64](repeating: 0, count: count)
        var spareOrder = [Int32](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: buckets)
        for pass in 0..<passes {
            let shift = UInt64(pass * width)
            counts.withUnsafeMutableBufferPointer { c in
                for b in 0..<buckets { c[b] = 0 }
                keys.withUnsafeBufferPointer { k in
                    for i in 0..<count { c[Int((k[i] >> shift) & mask)] += 1 }
                }
                var start = 0
                for b in 0..<buckets {
                    let n = c[b]
                    c[b] = start
                    start += n
                }
                keys.withUnsafeBufferPointer { k in
                    order.withUnsafeBufferPointer { o in
                        spareKeys.withUnsafeMutableBufferPointer { sk in
                            spareOrder.withUnsafeMutableBufferPointer { so in
                                for i in 0..<count {
                                    let key = k[i]
                                    let b = Int((key >> shift) & mask)
                                    let at = c[b]
                                    c[b] = at + 1
                                    sk[at] = key
                                    so[at] = o[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &spareKeys)
            swap(&order, &spareOrder)
        }
        return order
    }

    /// At or below this many rows a comparison sort is used: the radix sort's bucket counts (up to
    /// 2^16 words, cleared once a pass) cost more than sorting a few hundred rows outright.
    static let smallCount = 256

    /// The stable order by (time, position), by a comparison sort.
    private static func comparisonOrder(_ times: [Int64]) -> [Int32] {
        var order = (0..<Int32(truncatingIfNeeded: times.count)).map { $0 }
        times.withUnsafeBufferPointer { t in
            order.sort { a, b in t[Int(a)] != t[Int(b)] ? t[Int(a)] < t[Int(b)] : a < b }
        }
        return order
    }

    /// The sort when a key and its position fit in one word (`key << indexBits | position`):
    /// one array moves instead of two, and the position is what remains in the low bits.
    private static func packedOrder(_ times: [Int64], low: Int64, indexBits: Int, passes: Int, width: Int) -> [Int32] {
        let count = times.count
        let mask = UInt64((1 << width) - 1)
        var words = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            times.withUnsafeBufferPointer { t in
                for i in 0..<count { buffer[i] = UInt64(bitPattern: t[i] &- low) << UInt64(indexBits) | UInt64(i) }
            }
            initialized = count
        }
        var spare = [UInt64](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 1 << width)
        for pass in 0..<passes {
            let shift = UInt64(indexBits + pass * width)
            counts.withUnsafeMutableBufferPointer { c in
                for b in c.indices { c[b] = 0 }
                words.withUnsafeBufferPointer { w in
                    for i in 0..<count { c[Int((w[i] >> shift) & mask)] += 1 }
                }
                var start = 0
                for b in c.indices {
                    let n = c[b]
                    c[b] = start
                    start += n
                }
                words.withUnsafeBufferPointer { w in
                    spare.withUnsafeMutableBufferPointer { out in
                        for i in 0..<count {
                            let word = w[i]
                            let b = Int((word >> shift) & mask)
                            out[c[b]] = word
                            c[b] += 1
                        }
                    }
                }
            }
            swap(&words, &spare)
        }
        let positionMask = UInt64(1) << UInt64(indexBits) &- 1
        return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            words.withUnsafeBufferPointer { w in
                for i in 0..<count { buffer[i] = Int32(truncatingIfNeeded: w[i] & positionMask) }
            }
            initialized = count
        }
    }

    /// `values` reordered: element `i` of the result is `values[order[i]]`.
    static func permute<T>(_ values: [T], by order: [Int32]) -> [T] {
        [T](unsafeUninitializedCapacity: order.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { initialized = 0; return }
            values.withUnsafeBufferPointer { source in
                order.withUnsafeBufferPointer { o in
                    for i in 0..<o.count { (base + i).initialize(to: source[Int(o[i])]) }
                }
            }
            initialized = order.count
        }
    }
}
