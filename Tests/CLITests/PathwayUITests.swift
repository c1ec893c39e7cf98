import Foundation
import Testing
import TestSupport

/// The pathway screen in the real ncurses UI at 80x24, in a tmux pane (see `TerminalUITests`): what
/// decides a referral is on the screen, not cut off at the right edge.
@Suite("The pathway in the terminal UI", .enabled(if: Tmux.executable != nil || Tmux.required,
                                                  "tmux is not installed (set WAYMARK_REQUIRE_TMUX=1 to fail instead)"))
struct PathwayUITests {
    /// The screen's rows trimmed and joined by one space: a sentence wrapped over rows reads whole.
    static func text(_ screen: Screen) -> String {
        screen.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    @Test("80x24: a man in Hârtop needs a shelter and urgent legal help; the step's priority and travel, the unmet shelter's reason in full, r refused")
    func unmetAndPriority() async throws {
        let pane = try await TmuxPane.start()
        defer { pane.stop() }
        _ = try await pane.waitFor("the directory screen") { $0.showsDirectory }
        // From the search line to the results, where n is a command.
        try pane.press("Escape")
        try pane.press("n")
        try await pane.waitFor("the intake form") { $0.contains("New referral") && $0.contains("Where the person is now") }
        try pane.press("Enter")
        try pane.type("hartop")
        try pane.press("Enter")
        try await pane.waitFor("the area set") { $0.contains("Hârtop (XA0401)") }
        try pane.press("Enter", "m", "Enter")
        try await pane.waitFor("sex set") { $0.lines.contains { $0.hasPrefix(" Sex") && $0.contains("Male") } }
        try pane.type("35")
        try pane.press("Enter")
        try await pane.waitFor("age set") { $0.lines.contains { $0.hasPrefix(" Age ") && $0.hasSuffix("35") } }
        try pane.press("Enter")
        try pane.type("shelter, legal:urgent")
        try pane.press("Enter")
        try await pane.waitFor("legal help urgent") { $0.contains("Legal help (urgent)") }
        try pane.press("r")
        let pathway = try await pane.waitFor("the pathway") { $0.contains("Proposed referral pathway") && $0.contains("Pathway 1 of") }

        // The step: need with its priority, then the travel time, on one row within 80 columns.
        let step = try #require(pathway.lines.first { $0.hasPrefix(" Legal help (urgent)") }, "\(pathway)")
        #expect(step.contains(" min "), "the travel time is on the step's row: \(pathway)")
        #expect(pathway.lines.allSatisfy { $0.count <= 80 })
        // The unmet need, and why, in full.
        let text = Self.text(pathway)
        #expect(text.contains("UNMET — Shelter: no eligible service."), "\(pathway)")
        #expect(text.contains("Casa Bărbaților — shelter for men, Valdora-Nord, 3 h 30 min — does not cover the area (or the country) the person is in."),
                "\(pathway)")
        #expect(pathway.contains("+ added by rule · ! a condition to weigh"), "the legend is whole: \(pathway)")

        // The unmet need is a row: r on it refuses and asks nothing.
        try pane.press("Down")
        try pane.press("r")
        let refused = try await pane.waitFor("the refusal") { Self.text($0).contains("Nothing to refer to") }
        #expect(!refused.contains("passphrase"), "\(refused)")
        #expect(refused.contains("Proposed referral pathway"), "still the pathway: \(refused)")
        try pane.press("x")
        let excluded = try await pane.waitFor("the services left out for the shelter") { $0.contains("Left out for Shelter") }
        #expect(excluded.lines.contains { $0.contains("out-of-area") && $0.contains("Casa Bărbaților") }, "\(excluded)")

        try pane.press("C-c")
        let exit = try await pane.waitForExit()
        #expect(exit.status == 0)
    }
}
