#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread of its own for one piece of work, joined by the thread that started it.
///
/// Not a pool's thread: the starter blocks in ``join()``, and blocking on work queued to a shared
/// pool can starve it when the pool's threads are themselves all waiting (a library does not
/// know what its caller runs on).
final class WorkerThread: @unchecked Sendable {
    private final class Work {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    #if os(Linux)
    private var thread = pthread_t()
    #else
    private var thread: pthread_t?
    #endif
    private var started = false

    /// Starts `body` on a new thread; if no thread can be made, runs it here before returning.
    ///
    /// Kept out of line: a release build that inlined it into a function starting six threads in
    /// a row (a two-thread radix sort, since dropped) crashed freeing an object whose retain count
    /// was above one (`swift_deallocClassInstance`); the same code with this initializer not
    /// inlined ran clean, as did a debug build. Not understood yet; a call costs nothing beside
    /// `pthread_create`.
    @inline(never)
    init(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Work(body)).toOpaque()
        let result = pthread_create(&thread, nil, { context in
            #if os(Linux)
            guard let context else { return nil }
            #endif
            let work = Unmanaged<Work>.fromOpaque(context).takeRetainedValue()
            work.body()
            return nil
        }, context)
        if result == 0 {
            started = true
        } else {
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body()
        }
    }

    /// Waits for the work to end.
    func join() {
        guard started else { return }
        started = false
        #if os(Linux)
        pthread_join(thread, nil)
        #else
        if let thread { pthread_join(thread, nil) }
        #endif
    }

    /// A thread never joined is detached, so that its resources go when it ends.
    deinit {
        guard started else { return }
        #if os(Linux)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
    }
}
