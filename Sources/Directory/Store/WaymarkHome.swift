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
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return try DirectoryStore.open(at: directoryFile.path)
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
