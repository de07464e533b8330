#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Up to `count` ``RenderWorker`` helper processes, started on first use: `render` hands a chart
/// to an idle helper and waits for its answer, so `count` charts lay out at once.
///
/// A helper that dies or answers nonsense is killed and replaced on the next call; the chart it
/// was given fails with a ``RenderError`` (its caller answers 500, the server stays up).
/// Thread-safe: callers block (on their own thread) while every helper is busy.
public final class RenderWorkerPool: Sendable {
    /// A running helper: its process and the two pipe ends the pool holds.
    struct Helper: Sendable {
        var pid: pid_t
        /// The helper's standard input (the pool writes requests here).
        var requests: Int32
        /// The helper's standard output (the pool reads answers here).
        var answers: Int32
    }

    /// The command that starts a helper: an executable and its arguments (it must run
    /// ``RenderWorker/serve(input:output:)`` on its standard input and output).
    public let command: [String]
    public let count: Int
    private let idle: Mutex<[Helper?]>
    private let slots: DispatchSemaphore

    /// A pool of `count` (≥ 1) helpers started as `executable arguments…`.
    public init(executable: String, arguments: [String], count: Int) {
        self.command = [executable] + arguments
        self.count = max(1, count)
        self.idle = Mutex([Helper?](repeating: nil, count: max(1, count)))
        self.slots = DispatchSemaphore(value: max(1, count))
        // A helper that died must surface as a failed write, not end the pool's process.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        let helpers = idle.withLock { $0 }
        for case let helper? in helpers { Self.stop(helper, forcibly: false) }
    }

    /// The process ids of the helpers running and idle now (for monitoring and tests).
    public var idleHelpers: [Int32] {
        idle.withLock { $0.compactMap { $0?.pid } }
    }

    /// Renders `dot` as ``GraphvizRenderer/render(_:engine:format:)`` does, in a helper. A helper
    /// found dead (killed, or crashed on an earlier chart) is replaced and the chart given to the
    /// new one; a chart that ends a fresh helper too fails with the helper's error.
    public func render(_ dot: String, engine: String, format: RenderFormat) throws(RenderError) -> [UInt8] {
        slots.wait()
        defer { slots.signal() }
        // A slot is free, so the list holds at least one entry (a helper or nil for "start one").
        var helper = idle.withLock { $0.removeLast() }
        var answer: Result<[UInt8], RenderError>?
        for attempt in 1...2 where answer == nil {
            let reused = helper != nil
            do throws(RenderError) {
                let running: Helper
                if let helper { running = helper } else { running = try start() }
                helper = running
                // Throws only when the helper failed; Graphviz's own errors come back as a value.
                answer = try exchange(with: running, dot: dot, engine: engine, format: format)
            } catch {
                if let failed = helper { Self.stop(failed, forcibly: true) }
                helper = nil
                if attempt == 2 || !reused { answer = .failure(error) }
            }
        }
        idle.withLock { $0.append(helper) }
        return try answer!.get()
    }

    /// Sends one request and reads its answer: the chart or Graphviz's message (a `Result`), or
    /// a thrown error when the helper itself failed.
    private func exchange(with helper: Helper, dot: String, engine: String, format: RenderFormat) throws(RenderError) -> Result<[UInt8], RenderError> {
        guard RenderWorker.writeChunk(helper.requests, Array(engine.utf8)),
              RenderWorker.writeChunk(helper.requests, Array(format.rawValue.utf8)),
              RenderWorker.writeChunk(helper.requests, Array(dot.utf8)) else {
            throw RenderError(message: "the render helper (pid \(helper.pid)) stopped taking charts")
        }
        guard let status = RenderWorker.readExactly(helper.answers, 1), let body = RenderWorker.readChunk(helper.answers), status[0] <= 1 else {
            throw RenderError(message: "the render helper (pid \(helper.pid)) stopped before answering")
        }
        return status[0] == 0 ? .success(body) : .failure(RenderError(message: String(decoding: body, as: UTF8.self)))
    }

    /// Held while a helper starts (Glibc's headers do not offer `pipe2`'s atomic close-on-exec).
    private static let spawning = Mutex(())

    /// Starts a helper with its standard input and output on two new pipes.
    private func start() throws(RenderError) -> Helper {
        try Self.spawning.withLock { _ throws(RenderError) in try startLocked() }
    }

    private func startLocked() throws(RenderError) -> Helper {
        var toHelper: [Int32] = [0, 0]
        var fromHelper: [Int32] = [0, 0]
        guard Self.makePipe(&toHelper), Self.makePipe(&fromHelper) else {
            throw RenderError(message: "cannot make a pipe for the render helper")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toHelper[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromHelper[1], 1)
        var pid: pid_t = 0
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { SystemCalls.free(argument) } }
        let spawned = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        close(toHelper[0])
        close(fromHelper[1])
        guard spawned == 0 else {
            close(toHelper[1])
            close(fromHelper[0])
            throw RenderError(message: "cannot start the render helper \(command[0]): \(String(cString: strerror(spawned)))")
        }
        return Helper(pid: pid, requests: toHelper[1], answers: fromHelper[0])
    }

    /// A pipe whose ends are closed on exec, so that one helper never holds another's pipe open
    /// (the dup2 onto 0 and 1 clears the flag for the helper's own ends). Helpers start one at a
    /// time (``spawning``), so none is started between a pipe's creation and its flag.
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Closes the helper's pipes (it ends when its input does), kills it first if asked, and reaps it.
    private static func stop(_ helper: Helper, forcibly: Bool) {
        if forcibly { _ = kill(helper.pid, SIGKILL) }
        close(helper.requests)
        close(helper.answers)
        var status: Int32 = 0
        _ = waitpid(helper.pid, &status, 0)
    }
}
