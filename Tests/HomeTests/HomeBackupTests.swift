import Casework
import Directory
import Foundation
@testable import Home
import Testing
import TestSupport

@Suite("A home's backup asks for the case store's passphrase first, then the backup's twice")
struct HomeBackupTests {
    let folder = TemporaryHome.url("waymark-home-backup")
    let file = TemporaryHome.url("waymark-home-backup", suffix: ".backup")

    func home(_ environment: [String: String] = [:]) -> Home {
        Home(WaymarkHome(url: folder), environment: ["WAYMARK_TEST_SCRYPT_LOG2N": "4"].merging(environment) { $1 })
    }

    @Test("At the prompt: the case passphrase, then the backup's twice; two that differ write nothing")
    func prompts() throws {
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: file)
        }
        _ = try home(["WAYMARK_PASSPHRASE": "a long case passphrase"]).openCases(asking: { _ in nil })
        let differ = HomeTests.Prompt(["a long case passphrase", "a long backup passphrase", "another one"])
        #expect(throws: HomeError.passphrasesDiffer) { try home().backup(to: file, asking: differ.ask) }
        #expect(differ.asked == ["Passphrase: ", "Choose a passphrase for the backup file: ", "Type it again: "])
        #expect(!FileManager.default.fileExists(atPath: file.path))
        let none = HomeTests.Prompt(["a long case passphrase"])
        #expect(throws: BackupError.noPassphrase) { try home().backup(to: file, asking: none.ask) }
        let typed = HomeTests.Prompt(["a long case passphrase", "a long backup passphrase", "a long backup passphrase"])
        let header = try home().backup(to: file, asking: typed.ask)
        #expect(header.entries.map(\.path).contains("cases.sqlite") && header.entries.map(\.path).contains("handoff-log.head"))
        #expect(!header.entries.map(\.path).contains { $0.hasSuffix(".lock") || $0.hasPrefix(".") })
        #expect(header.log2N == 4)
        let restoredFolder = TemporaryHome.url("waymark-home-restored")
        defer { try? FileManager.default.removeItem(at: restoredFolder) }
        let restoring = HomeTests.Prompt(["a long backup passphrase"])
        let restored = try Home(WaymarkHome(url: restoredFolder)).restore(from: file, asking: restoring.ask)
        #expect(restored.entries == header.entries)
        #expect(restoring.asked == ["The backup's passphrase: "])
    }
}
