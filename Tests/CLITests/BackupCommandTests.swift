import Foundation
import Testing
import TestSupport

/// `waymark backup` and `waymark restore`, as processes.
@Suite("Backing a home up and restoring it, as processes")
struct BackupCommandTests {
    static let backupPassphrase = "a long backup passphrase"

    /// A home with two cases, one referral handed off and the person's identifying data.
    func homeWithCases() throws -> (cli: CaseworkCLI, referral: String) {
        let cli = CaseworkCLI()
        let (_, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        try cli.ok(["case", "open", "--area", "XA0101", "--sex", "male", "--age", "40"])
        return (cli, referral)
    }

    func backupFile() -> URL { TemporaryHome.url("waymark-backup", suffix: ".backup") }

    func backup(_ cli: CaseworkCLI, to file: URL, passphrase: String? = BackupCommandTests.backupPassphrase) throws -> WaymarkProcess.Outcome {
        try cli.run(["backup", "--out", file.path], environment: ["WAYMARK_BACKUP_PASSPHRASE": passphrase])
    }

    func restore(_ file: URL, into cli: CaseworkCLI, passphrase: String = BackupCommandTests.backupPassphrase) throws -> WaymarkProcess.Outcome {
        try cli.run(["restore", file.path], environment: ["WAYMARK_BACKUP_PASSPHRASE": passphrase])
    }

    /// The case codes `cases --json` lists, sorted.
    func caseCodes(_ cli: CaseworkCLI) throws -> [String] {
        ((try cli.json(["cases"])["cases"] as? [[String: Any]]) ?? []).compactMap { $0["case_code"] as? String }.sorted()
    }

    /// Every name in a folder, hidden ones included, with its contents for files.
    func contents(of folder: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            found[name] = isFolder.boolValue ? Data() : try Data(contentsOf: url)
        }
        return found
    }

    @Test("backup, then restore into a new home: the same cases, the identifying data opens, the log verifies with the same head")
    func roundTrip() throws {
        let (cli, referral) = try homeWithCases()
        let file = backupFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let written = try backup(cli, to: file)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("Backup written to"), "\(written.stdout)")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        #expect(try String(decoding: Data(contentsOf: file).prefix(18), as: UTF8.self) == "waymark-backup-v1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.home.path).allSatisfy { !$0.hasPrefix(".") },
                "the private copy is gone from the home")
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
            .allSatisfy { !$0.hasPrefix(".\(file.lastPathComponent)") }, "no partial file beside the backup")

        let restored = CaseworkCLI()
        let outcome = try restore(file, into: restored)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Every file verified"), "\(outcome.stdout)")
        #expect(try caseCodes(restored) == caseCodes(cli))
        #expect(try caseCodes(restored).count == 2)
        #expect(try restored.ok(["log", "verify"]).contains("verifies"))
        #expect(try restored.ok(["log", "head"]) == cli.ok(["log", "head"]))
        #expect(try restored.ok(["referral", "form", referral]).contains("Zbârcea"))
        for name in ["access-log.head", "handoff-log.head"] {
            #expect(FileManager.default.fileExists(atPath: restored.home.appendingPathComponent(name).path), "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: restored.home.path).allSatisfy { !$0.hasPrefix(".") },
                "no staging folder is left")
    }

    @Test("backup is refused over an existing file, without the case store's passphrase (exit 4), and with a short backup passphrase")
    func backupRefusals() throws {
        var (cli, _) = try homeWithCases()
        let existing = backupFile()
        try Data("mine".utf8).write(to: existing)
        defer { try? FileManager.default.removeItem(at: existing) }
        let over = try backup(cli, to: existing)
        #expect(over.status == 1 && over.stderr.contains("exists already"), "\(over.stderr)")
        #expect(try Data(contentsOf: existing) == Data("mine".utf8))

        let file = backupFile()
        let short = try backup(cli, to: file, passphrase: "short")
        #expect(short.status == 1 && short.stderr.contains("WAYMARK_BACKUP_PASSPHRASE is too short"), "\(short.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        cli.passphrase = "not the passphrase"
        let wrong = try backup(cli, to: file)
        #expect(wrong.status == 4, "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test("restore into a home that holds stores is refused, saying what is there, and changes nothing")
    func restoreIntoUsedHome() throws {
        let (cli, _) = try homeWithCases()
        let file = backupFile()
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try backup(cli, to: file).status == 0)
        let other = CaseworkCLI()
        try other.ok(["search", "shelter"])
        for home in [cli, other] {
            let before = try contents(of: home.home)
            let refused = try restore(file, into: home)
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("only into an empty home") && refused.stderr.contains("directory.sqlite"), "\(refused.stderr)")
            #expect(try contents(of: home.home) == before)
        }
    }

    @Test("restore with a wrong passphrase (exit 4), of a cut-off or changed file (exit 1): the home is left empty")
    func restoreRefusals() throws {
        let (cli, _) = try homeWithCases()
        let file = backupFile()
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try backup(cli, to: file).status == 0)
        let bytes = try Data(contentsOf: file)
        let cut = backupFile(), changed = backupFile()
        defer {
            try? FileManager.default.removeItem(at: cut)
            try? FileManager.default.removeItem(at: changed)
        }
        try bytes.prefix(bytes.count - 100).write(to: cut)
        var flipped = bytes
        flipped[bytes.count - 50] ^= 0x80
        try flipped.write(to: changed)

        let target = CaseworkCLI()
        let wrong = try restore(file, into: target, passphrase: "not the passphrase")
        #expect(wrong.status == 4 && wrong.stderr.contains("passphrase does not open this backup"), "\(wrong.stderr)")
        let short = try restore(cut, into: target)
        #expect(short.status == 1 && short.stderr.contains("does not verify") && short.stderr.contains("missing or cut off"), "\(short.stderr)")
        let edited = try restore(changed, into: target)
        #expect(edited.status == 1 && edited.stderr.contains("does not open"), "\(edited.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: target.home.path)
        #expect(left.allSatisfy { $0.hasSuffix(".lock") }, "nothing but the lock file: \(left)")
        let restored = try restore(file, into: target)
        #expect(restored.status == 0, "after the refusals, the good file still restores: \(restored.stderr)")
    }
}
