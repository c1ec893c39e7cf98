import Foundation
import Testing
import TestSupport

/// The UI's idle limit as the command line takes it: `--lock-after MINUTES` on `waymark ui`, else `$WAYMARK_LOCK_AFTER`.
/// A malformed value is refused before the terminal is touched (the UI itself runs under tmux in `CaseworkUITests`).
@Suite("The UI's lock time")
struct LockAfterOptionTests {
    @Test("--lock-after takes minutes above 0 and at most a day: 0, 1441 and words are usage errors", arguments: ["0", "1441", "ten", "nan"])
    func optionRefused(value: String) throws {
        let home = WaymarkProcess.newHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let outcome = try WaymarkProcess.run(["ui", "--home", home.path, "--lock-after", value])
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--lock-after '\(value)' is not a number of minutes above 0 and at most 1440"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.path), "nothing was created")
    }

    @Test("A malformed WAYMARK_LOCK_AFTER is refused with exit 1, by plain waymark too; --lock-after wins over it")
    func environmentRefused() throws {
        let home = WaymarkProcess.newHome()
        defer { try? FileManager.default.removeItem(at: home) }
        for arguments in [["--home", home.path], ["ui", "--home", home.path]] {
            let outcome = try WaymarkProcess.run(arguments, environment: ["WAYMARK_LOCK_AFTER": "ten"])
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("WAYMARK_LOCK_AFTER 'ten' is not a number of minutes"), "\(outcome.stderr)")
        }
        // Given on the command line, the option is the one used: the UI gets as far as the missing terminal.
        let outcome = try WaymarkProcess.run(["ui", "--home", home.path, "--lock-after", "0.5"], environment: ["WAYMARK_LOCK_AFTER": "ten"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("No usable terminal"), "\(outcome.stderr)")
    }
}
