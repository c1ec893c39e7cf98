import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        WaymarkHome.protect(directoryFile)
        // The journal is kept between transactions (TRUNCATE): SQLite gives it the database's mode, and its
        // group is followed here too for a group-shared home without setgid.
        WaymarkHome.protect(url.appendingPathComponent("directory.sqlite-journal"))
        return store
    }

    /// Who may use a home: its owner (one Unix account, which several workers may share), or the
    /// group an administrator gave the folder.
    public enum Sharing: Sendable, Equatable {
        /// The folder is 0700: Waymark's files are 0600.
        case owner
        /// The folder is 0770 or 2770 (group rwx, nothing for others): Waymark's files are 0660 and
        /// belong to the folder's group, this group id.
        case group(UInt32)

        /// The mode of a file Waymark keeps in the home.
        public var fileMode: Int { self == .owner ? 0o600 : 0o660 }
    }

    /// How the home is shared, read from its folder's mode.
    public var sharing: Sharing { Self.sharing(of: url) }

    /// How a folder is shared: `.group` only for exactly 0770 or 2770 (setgid: new files take the
    /// folder's group by themselves); anything else — missing, 0700, or open to others — is `.owner`.
    public static func sharing(of folder: URL) -> Sharing {
        var info = stat()
        guard stat(folder.path, &info) == 0 else { return .owner }
        return isGroupShared(mode: Int(info.st_mode) & 0o7777) ? .group(UInt32(info.st_gid)) : .owner
    }

    /// Whether a folder's permission bits are those of a group-shared home: 0770, or 2770 with setgid.
    static func isGroupShared(mode: Int) -> Bool { mode == 0o770 || mode == 0o2770 }

    /// The names Waymark keeps in a home (a folder holding only these may be tightened).
    public static let ownNames: Set<String> = [
        "directory.sqlite", "directory.sqlite-journal", "cases.sqlite", "cases.sqlite-journal", "handoff-log.head", "access.sqlite", "access.sqlite-journal", "access-log.head", "operator.json",
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

    /// Makes sure the home exists and is readable by its owner only, or by its group when an
    /// administrator shared it so.
    ///
    /// A new home is created 0700. A home that is exactly 0770 or 2770 (group rwx, nothing for
    /// others) is a group-shared home and keeps its mode (see `Sharing`). Any other existing one wider
    /// than 0700 is tightened to 0700 when it holds only Waymark's files (`notice` says so); one that
    /// also holds other files is refused, so that `--home ~` never changes the user's own folder.
    @discardableResult
    public func prepare() throws -> String? {
        let manager = FileManager.default
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            try manager.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return nil
        }
        let mode = Int(info.st_mode) & 0o7777
        if Self.isGroupShared(mode: mode) { return nil }
        guard mode & 0o077 != 0 else { return nil }
        let others = ((try? manager.contentsOfDirectory(atPath: url.path)) ?? []).filter { !Self.ownNames.contains($0) }.sorted()
        guard others.isEmpty else { throw HomeError.sharedFolder(url.path, others: others) }
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        return "The home \(url.path) was readable by other users; it is now readable by its owner only."
    }

    /// Gives a file in a home the mode the home wants, whatever the umask was: 0600 (owner read and
    /// write) in a home of its owner; 0660 and the folder's group in a group-shared home (the group is
    /// followed even without setgid on the folder, when the user is a member of it). The home is the
    /// file's folder. Only the file's owner can change it: for anyone else this does nothing.
    public static func protect(_ file: URL) {
        var info = stat()
        guard lstat(file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        let sharing = sharing(of: file.deletingLastPathComponent())
        if case .group(let gid) = sharing, info.st_gid != gid { _ = chown(file.path, uid_t.max, gid_t(gid)) }
        if Int(info.st_mode) & 0o7777 != sharing.fileMode { _ = chmod(file.path, mode_t(sharing.fileMode)) }
    }

    /// The former name of `protect`, which now follows the home's sharing: 0600, or 0660 in a group-shared home.
    public static func ownerOnly(_ file: URL) { protect(file) }

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
