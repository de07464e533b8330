import Foundation

/// The `--out DIR` rule of formats.md §4: DIR is created; an existing non-empty DIR is refused
/// unless forced, so that a case's files are never mixed with another run's.
public enum OutputDirectory {
    /// Why the directory cannot be used.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        /// The message for the user.
        public var description: String
    }

    /// Creates `path` (and its parents) or checks that it is empty; with `force`, an existing
    /// directory is used as it is.
    public static func prepare(_ path: String, force: Bool) throws(Problem) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Problem(description: "\(path): exists and is not a directory") }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            if !contents.isEmpty && !force {
                throw Problem(description: "\(path): directory is not empty (use --force to write into it anyway)")
            }
            return
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Problem(description: "\(path): cannot create directory: \(error.localizedDescription)")
        }
    }
}
