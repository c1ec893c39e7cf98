import Casework
import Foundation
import Testing
import TestSupport

/// Two workers on one home: a change one makes from the command line shows in the other's running UI.
@Suite("A running UI follows another process's changes", .enabled(if: Tmux.executable != nil || Tmux.required,
                                                                   "tmux is not installed (set WAYMARK_REQUIRE_TMUX=1 to fail instead)"))
struct SharedHomeUITests {
    static let mensShelter = "8f08a117-3eb1-5867-bbf3-f03dab77482e"

    @Test("The men's shelter's detail is open; `waymark service edit --capacity-available 7` in another process shows there, no key pressed")
    func editElsewhereShows() async throws {
        let pane = try await TmuxPane.start()
        defer { pane.stop() }
        try await pane.waitFor("the directory screen") { $0.showsDirectory }
        // The coordinator's account, made from the command line (its passphrase from the environment).
        let named = try WaymarkProcess.run(["--home", pane.home.path, "operator", "set", "--name", "Ion Rusu", "--organization", "NRM Office"])
        #expect(named.status == 0, "\(named.stderr)")
        try pane.type("Sf. Nicolae")
        try await pane.waitFor("the shelter found") { $0.contains("Adăpostul Sf. Nicolae") }
        try pane.press("Enter", "Enter")
        let detail = try await pane.waitFor("its detail") { $0.line(1).contains("Adăpostul Sf. Nicolae") && $0.statusBar.contains("c free places") }
        #expect(detail.contains("3 of 12"), "\(detail)")
        let edit = try WaymarkProcess.run(["--home", pane.home.path, "service", "edit", Self.mensShelter, "--capacity-available", "7"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let shown = try await pane.waitFor("the other process's change in the detail") { $0.contains("7 of 12") }
        #expect(shown.line(1).contains("Adăpostul Sf. Nicolae"), "the same detail, read again: \(shown)")
        try pane.press("Escape", "q")
        #expect(try await pane.waitForExit().status == 0)
    }
}
