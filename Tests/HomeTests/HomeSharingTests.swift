import Casework
import Directory
import Foundation
import Home
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Workers share a home through one Unix account (a 0700 home) or through one group (a 2770 home an
/// administrator made): Waymark's files follow the home, 0600 or 0660 in the folder's group.
@Suite("Homes of one account and homes of one group")
struct HomeSharingTests {
    /// Waymark's files once a home was used: the directory and its kept journal, the case store, the access log, the logs' heads, the lock,
    /// the unlock counter.
    static let files = ["directory.sqlite", "directory.sqlite-journal", "cases.sqlite", "access.sqlite", "handoff-log.head", "access-log.head",
                        "cases.lock", "unlock-failures"]

    /// A folder with `mode` (and, when given, group `gid`), then used as a home: directory, operator, case store.
    static func used(mode: mode_t, gid: gid_t? = nil) throws -> URL {
        let folder = TemporaryHome.url("waymark-sharing")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let gid { #expect(chown(folder.path, uid_t.max, gid) == 0) }
        #expect(chmod(folder.path, mode) == 0)
        let home = Home(WaymarkHome(url: folder), environment: ["WAYMARK_TEST_SCRYPT_LOG2N": "4"])
        _ = try home.openDirectory()
        try Operator(name: "Ana Popescu", organization: "Linia Verde").save(home: folder)
        _ = try home.openCases(passphrase: "a long test passphrase")
        return folder
    }

    static func status(_ url: URL) -> (mode: Int, gid: gid_t)? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return (Int(info.st_mode) & 0o7777, info.st_gid)
    }

    /// A group id other than this process's own, for the folder to carry (root may give any).
    static var otherGroup: gid_t? {
        if getuid() == 0 { return getgid() == 4242 ? 4243 : 4242 }
        var groups = [gid_t](repeating: 0, count: 64)
        let count = getgroups(64, &groups)
        return groups.prefix(Int(max(count, 0))).first { $0 != getgid() }
    }

    @Test("A 0700 home stays 0700 and its files are 0600")
    func ownerHome() throws {
        let folder = try Self.used(mode: 0o700)
        #expect(WaymarkHome(url: folder).sharing == .owner)
        #expect(Self.status(folder)?.mode == 0o700)
        for name in Self.files {
            #expect(Self.status(folder.appendingPathComponent(name))?.mode == 0o600, "\(name)")
        }
    }

    @Test("A 2770 home keeps its mode; Waymark's files are 0660 in the folder's group", arguments: [mode_t(0o2770), 0o770])
    func groupHome(mode: mode_t) throws {
        let group = Self.otherGroup ?? getgid()
        let folder = try Self.used(mode: mode, gid: group)
        #expect(WaymarkHome(url: folder).sharing == .group(UInt32(group)))
        #expect(Self.status(folder)?.mode == Int(mode), "the administrator's mode is kept")
        for name in Self.files {
            let file = Self.status(folder.appendingPathComponent(name))
            #expect(file?.mode == 0o660, "\(name): \(String(file?.mode ?? 0, radix: 8))")
            #expect(file?.gid == group, "\(name) follows the folder's group \(group), not \(file?.gid ?? 0)")
        }
        // Used again (another worker's process, here the same user): nothing is tightened.
        _ = try Home(WaymarkHome(url: folder), environment: [:]).openDirectory()
        #expect(Self.status(folder)?.mode == Int(mode))
    }

    @Test("A home open to others, or to its group other than exactly rwx, is tightened to 0700 as before; its files are 0600",
          arguments: [mode_t(0o750), 0o775, 0o777, 0o760, 0o771, 0o2775, 0o1770])
    func otherModesTightened(mode: mode_t) throws {
        let folder = try Self.used(mode: mode)
        #expect(Self.status(folder)?.mode == 0o700, "\(String(mode, radix: 8)) was not tightened")
        #expect(WaymarkHome(url: folder).sharing == .owner)
        for name in Self.files {
            #expect(Self.status(folder.appendingPathComponent(name))?.mode == 0o600, "\(name)")
        }
    }

    @Test("A group-shared folder that holds other files is kept as it is and used (the group's, not tightened)")
    func groupFolderWithOtherFiles() throws {
        let folder = TemporaryHome.url("waymark-sharing")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(chmod(folder.path, 0o2770) == 0)
        #expect(try WaymarkHome(url: folder).prepare() == nil)
        #expect(Self.status(folder)?.mode == 0o2770)
        // The same folder open to others is refused, as before.
        #expect(chmod(folder.path, 0o2775) == 0)
        #expect(throws: WaymarkHome.HomeError.self) { try WaymarkHome(url: folder).prepare() }
    }
}
