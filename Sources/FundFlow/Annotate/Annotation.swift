import Foundation

/// What an investigator decided about an account, with why and when: kept in a case folder's
/// `annotations.json` by `fundflow serve`, honoured by `fundflow analyze --annotations`.
public struct Annotation: Sendable, Equatable, Codable {
    /// The decision.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Checked and innocent (a call with the bank, a known shop): never flagged.
        case cleared
        /// Suspected by the investigator: flagged with the note as its reason.
        case suspect
        /// A freeze (止付/冻结) was requested or made: shown wherever the account appears.
        case frozen
    }

    /// The account id, as in the data.
    public var account: String
    public var status: Status
    /// The investigator's note, verbatim.
    public var note: String
    /// When it was written, ISO 8601 with offset (as the server wrote it).
    public var time: String

    public init(account: String, status: Status, note: String, time: String) {
        self.account = account
        self.status = status
        self.note = note
        self.time = time
    }
}

/// A case's annotations: every one ever written, in order, the latest for an account in force.
///
/// The file is JSON, `{"annotations": [{"account", "status", "note", "time"}, …]}`, written whole
/// to a temporary file and renamed, so that a crash never leaves half a file.
public struct AnnotationBook: Sendable, Equatable {
    /// Every annotation, oldest first.
    public private(set) var history: [Annotation] = []

    public init(_ history: [Annotation] = []) {
        self.history = history
    }

    /// The annotation in force for each account (its latest).
    public var current: [String: Annotation] {
        var latest: [String: Annotation] = [:]
        for annotation in history { latest[annotation.account] = annotation }
        return latest
    }

    /// The annotation in force for `account`, if any.
    public func current(for account: String) -> Annotation? {
        history.last { $0.account == account }
    }

    /// Adds an annotation (it supersedes earlier ones for its account).
    public mutating func append(_ annotation: Annotation) {
        history.append(annotation)
    }

    private struct File: Codable {
        var annotations: [Annotation]
    }

    /// Reads `path`; a missing file is an empty book.
    public static func read(_ path: String) throws(AnnotationError) -> AnnotationBook {
        guard FileManager.default.fileExists(atPath: path) else { return AnnotationBook() }
        guard let data = FileManager.default.contents(atPath: path) else { throw AnnotationError("\(path): cannot be read") }
        do {
            return AnnotationBook(try JSONDecoder().decode(File.self, from: data).annotations)
        } catch {
            throw AnnotationError("\(path): not an annotations file (\(Self.describe(error)))")
        }
    }

    /// Writes the book to `path` (a temporary file beside it, then renamed over it).
    public func write(to path: String) throws(AnnotationError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(File(annotations: history))
            let temporary = path + ".tmp"
            try data.write(to: URL(fileURLWithPath: temporary))
            // rename(2) replaces the old file in one step.
            guard rename(temporary, path) == 0 else {
                throw AnnotationError("\(path): cannot be written (rename failed, errno \(errno))")
            }
        } catch let error as AnnotationError {
            throw error
        } catch {
            throw AnnotationError("\(path): cannot be written (\(error.localizedDescription))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "\(key.stringValue) missing at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return context.debugDescription + (context.codingPath.isEmpty ? "" : " at " + context.codingPath.map(\.stringValue).joined(separator: "."))
        default:
            return "\(error)"
        }
    }
}

/// An annotations file that could not be read or written.
public struct AnnotationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
