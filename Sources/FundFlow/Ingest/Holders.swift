#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds the accounts: a holder is an identity document number (证件号码, 身份证号) with the
/// names and accounts it is given with.
///
/// Accounts that carry the same document number are one holder's — a name alone is not enough
/// (王芳 is a hundred thousand people). A masked number (`3201**********1234`) links nothing: two
/// people can share what is left of it. Numbers come from statements (the subject's and the
/// counterparty's) and from dumps with payer and payee number columns.
public struct HolderIndex: Sendable, Equatable {
    /// One holder.
    public struct Holder: Sendable, Equatable {
        /// The document number, as written (upper-cased, spaces removed).
        public var id: String
        /// The names it was given with, first seen first.
        public var names: [String]
        /// Its accounts, sorted.
        public var accounts: [String]
    }

    /// Every holder, by document number.
    public let holders: [Holder]
    private let byAccount: [String: Int]

    /// Holders of `pairs`: (account, document number, name) as read.
    init(_ pairs: [(account: String, id: String, name: String?)]) {
        var accounts: [String: Set<String>] = [:]
        var names: [String: [String]] = [:]
        var last: (account: String, id: String, name: String?)?
        for pair in pairs {
            // A repeat of the pair before changes nothing: skipped before any work. Only a pair
            // equal in all three is (a name that differs is still kept).
            if let last, last.account == pair.account, last.id == pair.id, last.name == pair.name { continue }
            last = (pair.account, pair.id, pair.name)
            let id = Self.normalized(pair.id)
            guard !id.isEmpty, !id.utf8.contains(UInt8(ascii: "*")), !pair.account.isEmpty else { continue }
            accounts[id, default: []].insert(pair.account)
            if let name = pair.name, !name.isEmpty, names[id]?.contains(name) != true { names[id, default: []].append(name) }
        }
        holders = accounts.keys.sorted().map { Holder(id: $0, names: names[$0] ?? [], accounts: accounts[$0]!.sorted()) }
        var byAccount: [String: Int] = [:]
        for (index, holder) in holders.enumerated() { for account in holder.accounts where byAccount[account] == nil { byAccount[account] = index } }
        self.byAccount = byAccount
    }

    /// No holders.
    public init() { self.init([]) }

    /// A document number as compared: ASCII upper-cased (the check letter `x`), spaces and tabs
    /// removed — on bytes (`uppercased()` and Character filtering were 46% of reading a
    /// 500,000-row 查询反馈 export, Benchmarks/readers.sh).
    static func normalized(_ id: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count)
        for byte in id.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A {
            bytes.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The holder of `account`, when a document number was given for it.
    public func holder(of account: String) -> Holder? { byAccount[account].map { holders[$0] } }

    /// Holders with more than one account, by document number.
    public var withSeveralAccounts: [Holder] { holders.filter { $0.accounts.count > 1 } }
}

/// The (account, document number, name) pairs of the rows, as ``HolderIndex`` takes them. A pair
/// equal to the one last taken for its account changes nothing in the index, so it is dropped
/// before any String is made — of its account's name, number or name: Strings a row otherwise,
/// 1M for the 500,000-row bank 查询反馈 export of `Benchmarks/readers.sh` (its `stats` 3.95 →
/// 2.50 s, medians of 3 paired runs).
struct HolderPairs {
    private(set) var pairs: [(account: String, id: String, name: String?)] = []
    /// By account index: the pair last taken for it (an index into `pairs` and `kept`), or -1.
    private var taken: [Int32]
    /// The bytes of each taken pair's number and name, back to back (no array per pair: copying
    /// a pair's arrays out to compare them retained them, 1M times for the bank export).
    private var bytes: [UInt8] = []
    private var kept: [(id: Range<Int>, name: Range<Int>?)] = []

    /// Pairs of accounts with indices below `accounts`.
    init(accounts: Int) {
        taken = Array(repeating: -1, count: accounts)
    }

    /// Takes the pair of account index `account` with the bytes of its number and name (nil:
    /// none given), its name made by `accountName` when the pair is kept.
    mutating func add(_ account: Int32, id: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>?,
                      accountName: (Int32) -> String) {
        let last = Int(taken[Int(account)])
        if last >= 0 && equal(kept[last].id, id) {
            switch (kept[last].name, name) {
            case (nil, nil): return
            case (let known?, let given?) where equal(known, given): return
            default: break
            }
        }
        let idRange = bytes.count..<bytes.count + id.count
        bytes.append(contentsOf: id)
        var nameRange: Range<Int>?
        if let name {
            nameRange = bytes.count..<bytes.count + name.count
            bytes.append(contentsOf: name)
        }
        taken[Int(account)] = Int32(kept.count)
        kept.append((idRange, nameRange))
        pairs.append((accountName(account), String(decoding: id, as: UTF8.self), name.map { String(decoding: $0, as: UTF8.self) }))
    }

    private func equal(_ range: Range<Int>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == other.count else { return false }
        guard range.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + range.lowerBound, other.baseAddress!, range.count) == 0 }
    }
}
