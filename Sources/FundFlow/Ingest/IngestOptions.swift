#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How files are read.
public struct IngestOptions: Sendable {
    /// The UTC offset of times written without a zone, in seconds east of UTC (default `+08:00`).
    public var timezoneOffsetSeconds: Int = 8 * 3600
    /// How far apart in time the debit and credit rows of one transfer may be, when two ledgers
    /// hold both sides without a shared serial number (default 5 minutes).
    public var matchWindowMilliseconds: Int64 = 5 * 60 * 1000
    /// Forces the layout of every table instead of detecting it from the header.
    public var layout: TableLayout?
    /// Forces the text encoding instead of detecting it.
    public var encoding: TextEncoding?
    /// How many rejected rows are kept with their text (all are counted).
    public var rejectedLimit = 100_000
    /// How many lines before the header are searched for it (titles, query conditions).
    public var headerSearchLimit = 30
    /// The longest record accepted (default 64 MiB); a longer one, usually an unbalanced quote,
    /// stops its file with a clear error.
    public var maxRecordBytes = CSVReader.defaultMaxRecordBytes

    /// How many threads may read one large UTF-8 CSV file, each a part of it (see ``SplitRead``);
    /// 1 reads every file on the calling thread. The result is the same either way. Default: the
    /// processors online, at most 8.
    public var readThreads = min(8, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))

    /// The attributes kept (``AttributeStore`` names: `place`, `memo`, `from_name`, a header's
    /// text for other columns); nil keeps every column. A command that never shows names or
    /// memos — `trace` prints only cash-out places — need not hold them: on a 1M-row dump with
    /// names and memos, `trace`'s peak RSS went from 237 MB to 154 MB (249 to 161 bytes a transfer).
    public var keptAttributes: Set<String>?

    /// Files smaller than this are read on one thread (tests lower it to split small files).
    var splitMinimumBytes = 8 << 20
    /// Graphs of fewer transfers are laid out on one thread (tests lower it to use two).
    var helpedBuildMinimum = 1 << 16
    /// A part read on another thread with fewer accounts is absorbed on one thread; from this many,
    /// its attributes are appended on a second one while its accounts are looked up (tests lower
    /// it to use two).
    var parallelLookupMinimum = 1 << 12

    /// Default options: `+08:00`, a 5-minute match window, layout and encoding detected.
    public init() {}
}
