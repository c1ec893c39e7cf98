import Foundation

/// The folder that holds one installation's stores: `directory.sqlite` (and later `cases.sqlite`).
///
/// Chosen as `--home DIR`, else `$WAYMARK_HOME`, else `$XDG_DATA_HOME/waymark`, else
/// `~/.local/share/waymark`.
public struct WaymarkHome: Sendable, Equatable {
    /// The home folder.
    public let url: URL

    /// A home at an explicit folder.
    public init(url: URL) { self.url = url }

    /// The home the lookup order picks.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> WaymarkHome {
        if let explicit, !explicit.isEmpty { return WaymarkHome(url: URL(fileURLWithPath: explicit)) }
        if let home = environment["WAYMARK_HOME"], !home.isEmpty { return WaymarkHome(url: URL(fileURLWithPath: home)) }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return WaymarkHome(url: URL(fileURLWithPath: data).appendingPathComponent("waymark"))
        }
        let user = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return WaymarkHome(url: user.appendingPathComponent(".local/share/waymark"))
    }

    /// The directory store's file.
    public var directoryFile: URL { url.appendingPathComponent("directory.sqlite") }

    /// Opens the directory, creating the home folder (readable by its owner only) if needed.
    public func openDirectory() throws -> DirectoryStore {
        try prepare()
        let store = try DirectoryStore.open(at: directoryFile.path)
        WaymarkHome.ownerOnly(directoryFile)
        return store
    }

    /// The names Waymark keeps in a home (a folder holding only these may be tightened).
    public static let ownNames: Set<String> = [
        "directory.sqlite", "directory.sqlite-journal", "cases.sqlite", "cases.sqlite-journal", "handoff-log.head", "operator.json",
        "cases.lock", "unlock-failures", "sop",
    ]

    /// A home folder Waymark will not use as it is.
    public enum HomeError: Error, CustomStringConvertible {
        /// Readable by others and holding other files: tightening it would chmod someone's folder.
        case sharedFolder(String, others: [String])

        public var description: String {
            switch self {
            case .sharedFolder(let path, let others):
                return "the home \(path) can be read by other users and holds files that are not Waymark's "
                    + "(\(others.prefix(3).joined(separator: ", "))\(others.count > 3 ? ", …" : "")): use a folder of its own, "
                    + "e.g. --home \(path)/waymark"
            }
        }
    }

    /// Makes sure the home exists and is readable by its owner only.
    ///
    /// A new home is created 0700. An existing one wider than that is tightened when it holds
    /// only Waymark's files (`notice` says so); one that also holds other files is refused, so
    /// that `--home ~` never changes the user's own folder.
    @discardableResult
    public func prepare() throws -> String? {
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: url.path) else {
            try manager.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return nil
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o700
        guard mode & 0o077 != 0 else { return nil }
        let others = ((try? manager.contentsOfDirectory(atPath: url.path)) ?? []).filter { !Self.ownNames.contains($0) }.sorted()
        guard others.isEmpty else { throw HomeError.sharedFolder(url.path, others: others) }
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        return "The home \(url.path) was readable by other users; it is now readable by its owner only."
    }

    /// Sets a file in the home to 0600 (owner read and write), whatever the umask was.
    public static func ownerOnly(_ file: URL) {
        if FileManager.default.fileExists(atPath: file.path) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
    }

    /// Opens the directory, seeding it from `sample` if nothing was ever imported.
    ///
    /// Seeding shifts the sample's verification dates to `clock`'s day.
    public func openDirectory(seedingFrom sample: () throws -> URL, clock: any TimeSource = SystemTime()) throws -> DirectoryStore {
        let store = try openDirectory()
        if try store.isEmpty() {
            let report = try store.importPackage(at: try sample(), options: ImportOptions(shiftVerificationDates: true), clock: clock)
            if !report.imported {
                throw SeedError(problems: report.errors)
            }
        }
        return store
    }

    /// The bundled sample could not be loaded (a broken installation).
    public struct SeedError: Error, CustomStringConvertible {
        /// What was wrong with it.
        public let problems: [PackageProblem]
        public var description: String {
            "the bundled sample directory could not be loaded: "
                + problems.prefix(5).map(\.description).joined(separator: "; ")
        }
    }
}
