import Casework
import Foundation
import Testing
import TestSupport

/// A coordinator keeps the directory true from the terminal UI (issue 14): a shelter's free places set
/// from its detail reach the next route at once.
@Suite("The coordinator in the terminal UI", .enabled(if: Tmux.executable != nil || Tmux.required,
                                                      "tmux is not installed (set WAYMARK_REQUIRE_TMUX=1 to fail instead)"))
struct CoordinatorUITests {
    /// The coordinator's passphrase as a script gives it: the UI unlocks with it to name who made each change.
    static let coordinator = ["WAYMARK_PASSPHRASE": WaymarkProcess.defaultPassphrase, "WAYMARK_TEST_SCRYPT_LOG2N": "4"]

    @Test("The men's shelter phones: 0 free places (c 0 Enter); the next route for a man in Brâncovia leaves it out with no-capacity")
    func freePlacesReachRouting() async throws {
        let pane = try await TmuxPane.start(environment: Self.coordinator)
        defer { pane.stop() }
        try await pane.waitFor("the directory screen") { $0.showsDirectory }
        try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: pane.home)
        try pane.type("Sf. Nicolae")
        try await pane.waitFor("the shelter found") { $0.contains("Adăpostul Sf. Nicolae") }
        try pane.press("Enter", "Enter")
        let detail = try await pane.waitFor("its detail") { $0.line(1).contains("Adăpostul Sf. Nicolae") && $0.statusBar.contains("c free places") }
        #expect(detail.contains("3 of 12"), "\(detail)")
        try pane.press("c", "0", "Enter")
        let saved = try await pane.waitFor("the change saved") { $0.contains("Saved: free places: 0, by Ion Rusu") }
        #expect(saved.contains("0 of 12"), "\(saved)")
        try pane.press("Escape", "n")
        try await pane.waitFor("the intake") { $0.contains("Where the person is now") }
        try pane.press("Enter")
        try pane.type("brancovia")
        try await pane.waitFor("the area found") { $0.contains("Finding “brancovia”") }
        try pane.press("Enter", "m")
        try pane.type("35")
        try pane.press("Enter", "Enter")
        try pane.type("shelter")
        try pane.press("Enter", "r")
        try await pane.waitFor("the pathway") { $0.contains("Proposed referral pathway") }
        try pane.press("x")
        let excluded = try await pane.waitFor("who was left out for the shelter") { $0.contains("Left out for Shelter") }
        let row = try #require(excluded.lines.first { $0.contains("Adăpostul Sf. Nic") }, "\(excluded)")
        #expect(row.contains("no-capacity"), "\(excluded)")
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("The stale queue: ↓, S, v Enter by phone; the first entry leaves the list, which shrinks by one")
    func staleQueueShrinks() async throws {
        let pane = try await TmuxPane.start(environment: Self.coordinator)
        defer { pane.stop() }
        try await pane.waitFor("the directory screen") { $0.showsDirectory }
        try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: pane.home)
        try pane.press("Down", "S")
        let queue = try await pane.waitFor("the stale queue") { $0.line(2).contains("services to verify") }
        // The first entry's row (under the header), its name from the SERVICE column.
        let first = String(queue.line(4).dropFirst(8).prefix(24)).trimmingCharacters(in: .whitespaces)
        let count = Int(queue.line(2).split(separator: " ").first ?? "") ?? 0
        #expect(!first.isEmpty && count > 1, "\(queue)")
        try pane.press("v", "Enter")
        let after = try await pane.waitFor("the first entry verified and gone") { $0.contains("Saved: verified (phone), by Ion Rusu") && !$0.line(4).contains(first) }
        #expect(after.line(2).contains("\(count - 1) services to verify"), "\(after)")
        try pane.press("Escape", "q")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("e on a shelter's detail: its name retyped in the form, F2 saves; the detail and the search show the new name")
    func editFormSaves() async throws {
        let pane = try await TmuxPane.start(environment: Self.coordinator)
        defer { pane.stop() }
        try await pane.waitFor("the directory screen") { $0.showsDirectory }
        try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: pane.home)
        try pane.type("Sf. Nicolae")
        try await pane.waitFor("the shelter found") { $0.contains("Adăpostul Sf. Nicolae") }
        try pane.press("Enter", "Enter")
        try await pane.waitFor("its detail") { $0.line(1).contains("Adăpostul Sf. Nicolae") && $0.statusBar.contains("e edit") }
        try pane.press("e")
        let form = try await pane.waitFor("the edit form") { $0.contains("Edit: Adăpostul Sf. Nicolae") && $0.contains("Free places now") }
        #expect(form.contains("Places in all"), "\(form)")
        try pane.press("C-u")
        try pane.type("Adăpostul Sf. Nicolae (night)")
        try pane.press("F2")
        let saved = try await pane.waitFor("the change saved") { $0.contains("Saved: name, by Ion Rusu") }
        #expect(saved.line(1).contains("Adăpostul Sf. Nicolae (night)"), "\(saved)")
        try pane.press("Escape", "/")
        try pane.type(" night")
        try await pane.waitFor("the new name found") { $0.contains("Adăpostul Sf. Nicolae (n") && $0.contains("1 match ") }
        try pane.press("C-c")
        #expect(try await pane.waitForExit().status == 0)
    }

    @Test("M on a home with one conflict: the conflict listed, i takes the incoming value and the list empties; none is left open")
    func conflictResolved() async throws {
        let home = try ConflictsCommandTests().homeWithConflict()
        let pane = try await TmuxPane.start(environment: Self.coordinator, home: home)
        defer { pane.stop() }
        try await pane.waitFor("the directory screen") { $0.showsDirectory }
        try pane.press("Down", "M")
        let listed = try await pane.waitFor("the conflict") { $0.contains("1 open conflict") }
        #expect(listed.contains("Mine") && listed.contains("Theirs") && listed.contains("Ion (North)"), "\(listed)")
        try pane.press("i")
        let resolved = try await pane.waitFor("the conflict resolved") { $0.contains("No conflicts: every field merged") }
        #expect(resolved.contains("the incoming value taken, by Ana"), "\(resolved)")
        try pane.press("Escape", "q")
        #expect(try await pane.waitForExit().status == 0)
        let json = try WaymarkProcess.run(["--home", home.path, "conflicts", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let open = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [Any])
        #expect(open.isEmpty, "\(json.stdout)")
    }
}
