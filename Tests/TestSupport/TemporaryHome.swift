import Foundation

/// A new folder under the system's temporary folder for one test: a home, a package, an export.
public struct TemporaryHome: Sendable {
    /// The folder; not created until something is written into it.
    public let url: URL

    /// A folder whose name starts with `prefix` (to tell tests' leftovers apart) and ends with `suffix`.
    public init(_ prefix: String = "waymark", suffix: String = "") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }

    /// A new folder's URL, for a test that needs only the path.
    public static func url(_ prefix: String = "waymark", suffix: String = "") -> URL { TemporaryHome(prefix, suffix: suffix).url }

    /// Removes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}
