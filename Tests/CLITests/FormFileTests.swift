import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import Testing

/// The form written from the UI's preview is the file `waymark referral form` prints, byte for byte.
@Suite("The form written to a file from the UI")
struct FormFileTests {
    /// The UI over a home the CLI made, unlocked with the environment's passphrase.
    struct UI {
        let runner: AppRunner
        var state: AppState

        init(_ cli: CaseworkCLI) throws {
            runner = AppRunner(store: try DirectoryStore.inMemory(), clock: TestTime.clock, home: cli.home,
                               environmentPassphrase: cli.passphrase)
            state = try runner.initialState(strings: try StringTable.bundled(), size: Size(width: 80, height: 24))
        }

        mutating func press(_ keys: [Key]) { for key in keys { runner.send(.key(key), &state) } }

        mutating func type(_ text: String) { press(Key.typing(text)) }

        var dialog: CaseworkDialog? { if case .dialog(let dialog) = state.screen { dialog } else { nil } }

        var text: String {
            var grid = Grid(size: state.size)
            render(state, into: &grid)
            return grid.lines().joined(separator: "\n")
        }
    }

    static func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("w on the sent form writes text or JSON (Tab), mode 0600, equal to the CLI's; an existing file only when Replace is chosen")
    func writesWhatTheCLIPrints() throws {
        let cli = CaseworkCLI()
        defer { try? FileManager.default.removeItem(at: cli.home) }
        let (_, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        let folder = cli.home.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        var ui = try UI(cli)
        ui.press([.down, .character("R")])                        // the results list, then the referrals (one), unlocked from the environment
        ui.press([.character("f")])                               // its form, as handed off
        guard case .formPreview(let preview) = ui.state.screen, preview.sent else {
            Issue.record("no sent form: \(ui.text)")
            return
        }
        ui.press([.character("w")])
        #expect(ui.text.contains("This file holds personal data of the person"), "\(ui.text)")
        let textFile = folder.appendingPathComponent("referral.txt")
        ui.type(textFile.path)
        ui.press([.enter])
        #expect(ui.dialog == nil, "\(ui.text)")
        #expect(ui.state.casework.notice?.hasPrefix("Written to \(textFile.path) (text)") == true, "\(ui.text)")
        #expect(ui.text.contains("it holds personal data."), "the whole notice is shown: \(ui.text)")
        let printed = try cli.ok(["referral", "form", referral, "--format", "text"])
        #expect(try String(contentsOf: textFile, encoding: .utf8) == printed)
        #expect(try Self.mode(textFile) == 0o600)

        ui.press([.character("w")])
        let jsonFile = folder.appendingPathComponent("referral.json")
        ui.type(jsonFile.path)
        ui.press([.tab, .enter])                                  // JSON
        #expect(try Data(contentsOf: jsonFile) == Data(try cli.ok(["referral", "form", referral, "--format", "json"]).utf8))
        #expect(try Self.mode(jsonFile) == 0o600)

        // The text file again, as JSON: asked first; Cancel (the default) keeps it, Replace replaces it.
        ui.press([.character("w")])
        ui.type(textFile.path)
        ui.press([.tab, .enter])
        guard case .choice(let ask)? = ui.dialog else {
            Issue.record("not asked before replacing: \(ui.text)")
            return
        }
        #expect(ask.dialog.buttons[ask.dialog.selectedButton] == "Cancel")
        ui.press([.enter])
        #expect(try String(contentsOf: textFile, encoding: .utf8) == printed, "kept")
        ui.press([.character("w")])
        ui.type(textFile.path)
        ui.press([.tab, .enter, .left, .enter])                   // Replace
        #expect(try Data(contentsOf: textFile) == Data(contentsOf: jsonFile))

        // A folder that does not exist: refused, said in the box, nothing made.
        ui.press([.character("w")])
        let missing = folder.appendingPathComponent("no-such-folder").appendingPathComponent("referral.txt")
        ui.type(missing.path)
        ui.press([.enter])
        guard case .formFile(let box)? = ui.dialog else {
            Issue.record("the box closed: \(ui.text)")
            return
        }
        #expect(box.error?.contains("does not exist") == true, "\(String(describing: box.error))")
        #expect(!FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path))
    }
}
