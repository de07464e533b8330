import Foundation
import FundFlow
import Synchronization
import Testing

/// The Graphviz helper processes of `fundflow serve` (`fundflow render-helper`, started from the
/// built binary): the same bytes as the in-process renderer, Graphviz's errors as errors with the
/// helper still serving, a killed helper replaced, and concurrent charts each getting their own answer.
@Suite struct RenderWorkerPoolTests {
    static let dot = """
        digraph fundflow { rankdir=LR; a [label="6222 0211 \\"&amp;\\" 张三"]; b [label="<b>"]; a -> b [label="1,000.00"]; }
        """

    static func pool(_ count: Int) -> RenderWorkerPool {
        RenderWorkerPool(executable: ExitCodeTests.binary, arguments: ["render-helper"], count: count)
    }

    /// The pool's idle helpers that are alive and running `render-helper`.
    static func helpers(of pool: RenderWorkerPool) -> [Int32] {
        pool.idleHelpers.filter { pid in
            let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            return command.contains("render-helper") && !state.contains(") Z ")
        }
    }

    @Test func sameChartAsInProcess() throws {
        let pool = Self.pool(1)
        for format in [RenderFormat.svg, .dot] {
            let helped = try pool.render(Self.dot, engine: "dot", format: format)
            let local = try GraphvizRenderer.render(Self.dot, engine: "dot", format: format)
            #expect(helped == local, "\(format)")
        }
        let png = try pool.render(Self.dot, engine: "dot", format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func graphvizErrorsComeBackAndTheHelperStays() throws {
        let pool = Self.pool(1)
        #expect(throws: RenderError.self) { try pool.render("digraph { a -> ", engine: "dot", format: .svg) }
        do {
            _ = try pool.render("digraph { a -> ", engine: "dot", format: .svg)
        } catch {
            #expect(error.message.contains("syntax error"), "\(error.message)")
        }
        let before = Self.helpers(of: pool)
        let svg = try pool.render(Self.dot, engine: "dot", format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        #expect(Self.helpers(of: pool) == before, "the helper that reported the error still serves")
    }

    @Test func aKilledHelperIsReplaced() throws {
        let pool = Self.pool(1)
        _ = try pool.render(Self.dot, engine: "dot", format: .svg)
        let first = Self.helpers(of: pool)
        #expect(first.count == 1)
        for pid in first { kill(pid, SIGKILL) }
        usleep(100_000)
        let svg = try pool.render(Self.dot, engine: "dot", format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        let second = Self.helpers(of: pool)
        #expect(second.count == 1 && second != first)
        #expect(pool.idleHelpers == second, "the killed helper is gone from the pool")
    }

    @Test func concurrentChartsGetTheirOwnAnswers() throws {
        let pool = Self.pool(2)
        let charts = Mutex([Int: [UInt8]]())
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let dot = Self.dot.replacingOccurrences(of: "1,000.00", with: "\(index),000.00")
            let bytes = try? pool.render(dot, engine: "dot", format: .svg)
            charts.withLock { $0[index] = bytes }
        }
        let all = charts.withLock { $0 }
        #expect(all.count == 8)
        for (index, bytes) in all {
            #expect(String(decoding: bytes ?? [], as: UTF8.self).contains("\(index),000.00"))
        }
        #expect((1...2).contains(Self.helpers(of: pool).count), "never more helpers than the pool's count")
    }
}
