@testable import App
import Casework
import Foundation
import Routing
import Terminal
import TestSupport
import Testing

@Suite("The pathway screen: what decides a referral is never cut; unmet needs and who was left out")
struct PathwayScreenTests {
    /// A step with everything that can be long: a need with its priority and rule mark, a warning, a long name.
    static let crowded = PathwayStepLine(need: "Child protection", needMarks: " (emergency) +", travel: "3 h 30 min", place: "Valdora-Centru",
                                         warnings: "! closed facility · closed now",
                                         service: "Centrul de primire în regim de urgență pentru copii — Valdora — Direcția Generală")

    @Test("At 80 columns the need, its priority and rule mark, the travel, the place and the warnings survive; the name is shortened")
    func stepAt80() throws {
        let step = PathwayStepLine(need: "Legal help", needMarks: " (urgent)", travel: "25 min", place: "Valdora-Nord", warnings: "closed now",
                                   service: "Representation of victims in criminal trials — Asociația Pro Refugiu")
        let lines = step.lines(PathwayStepLine.columns([step], width: 78), width: 78)
        #expect(lines.count == 1, "\(lines)")
        let line = lines[0]
        for part in ["Legal help (urgent)", "25 min", "Valdora-Nord", "closed now", "Representation of"] {
            #expect(line.contains(part), "\(part) is missing from: \(line)")
        }
        #expect(line.hasSuffix("…"), "the name is what is shortened: \(line)")
        #expect(DisplayText.width(line) <= 78)
        let warning = try #require(line.range(of: "closed now")), name = try #require(line.range(of: "Representation"))
        #expect(warning.lowerBound < name.lowerBound, "the warnings come before the name")
    }

    @Test("The steps share their columns: a need with its priority and rule mark is whole at 80 columns")
    func sharedColumns() {
        let plain = PathwayStepLine(need: "Legal help", travel: "0 min", place: "Hârtop", service: "Legal advice clinic")
        let columns = PathwayStepLine.columns([plain, Self.crowded], width: 78)
        let lines = [plain, Self.crowded].map { $0.lines(columns, width: 78)[0] }
        #expect(lines[1].hasPrefix("Child protection (emergency) +  3 h 30 min  Valdora-Centru  "), "\(lines[1])")
        #expect(lines[0].hasPrefix("Legal help                           0 min  Hârtop          Legal advice"), "\(lines[0])")
    }

    @Test("Warnings that would leave the name too little room go in full on a line of their own; nothing is cut")
    func longWarningsWrap() {
        var step = Self.crowded
        step.warnings = "! police cooperation required, formal identification required · closed now, verification stale, no shared language"
        let lines = step.lines(PathwayStepLine.columns([step], width: 78), width: 78)
        #expect(lines.count >= 2, "\(lines)")
        #expect(lines[0].contains("Child protection (emergency) +") && lines[0].contains("3 h 30 min") && lines[0].contains("Centrul de"))
        let below = lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(below == step.warnings, "every warning, in full: \(lines)")
        #expect(lines.allSatisfy { DisplayText.width($0) <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("     ") })
    }

    @Test("A need too long for its column loses letters of its label, never its priority or rule mark")
    func needMarksSurvive() {
        var step = Self.crowded
        step.need = "Reintegration and long-term recovery support in the community"
        let line = step.lines(PathwayStepLine.columns([step], width: 78), width: 78)[0]
        #expect(line.contains("… (emergency) +"), "\(line)")
        #expect(line.contains("3 h 30 min"))
    }

    @Test("Wider terminals give the columns to what was cut: at 180 the whole name shows beside the warnings")
    func wideShowsTheName() {
        let columns = PathwayStepLine.columns([Self.crowded], width: 178)
        let line = Self.crowded.lines(columns, width: 178)[0]
        #expect(line.contains(Self.crowded.service), "\(line)")
        #expect(!line.contains("…"))
    }

    @Test("The excluded list's reason codes take half of the extra columns: cut at 80, whole at 120")
    func excludedColumns() throws {
        var app = try GoldenScreenTests.filledIntake()
        app.press([.character("r")])
        let excluded = try #require(app.state.pathway?.selectedNeed?.excluded)
        let codes = "adult-only, condition:requires-police-cooperation"
        #expect(excluded.contains { $0.reasons.map(\.code).joined(separator: ", ") == codes })
        #expect(!PathwayScreen.excludedLines(excluded, width: 78).contains { $0.contains(codes) })
        #expect(PathwayScreen.excludedLines(excluded, width: 138).contains { $0.contains(codes) })
    }

    /// A man in XA0401 who needs a shelter (nobody's) and legal help: on the pathway screen.
    static func unmetPathway(_ app: inout AppFixture) {
        app.press([.character("n")])
        app.state.intake = IntakeForm(area: "XA0401", sex: "male", age: 35, needs: ["shelter", "legal"])
        app.press([.character("r")])
    }

    @Test("An unmet need is a row: ↓ selects it; its reason is shown in full; x lists every service left out for it")
    func unmetRow() throws {
        var app = try AppFixture.sample()
        Self.unmetPathway(&app)
        let screen = try #require(app.state.pathway)
        #expect(screen.steps.count == 1 && screen.unmet.map(\.need.code) == ["shelter"])
        app.press([.down])
        #expect(app.state.pathway?.selectedUnmet?.need.code == "shelter")
        app.press([.down])
        #expect(app.state.pathway?.selectedUnmet?.need.code == "shelter", "the last row stays selected")
        let text = app.screen().joined(separator: " ")
        #expect(text.contains("Casa Bărbaților — shelter for men, Valdora-Nord, 3 h 30 min"))
        #expect(text.contains("does not cover the area (or the country) the person is in."))
        app.press([.character("x")])
        let lines = app.screen()
        #expect(lines.contains { $0.contains("Left out for Shelter") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("out-of-area") && $0.contains("Casa Bărbaților") })
        app.press([.escape])
        #expect(app.state.pathway?.showExcluded == false && app.state.screen.name == "pathway", "Esc closes the list first")
    }

    @Test("r on an unmet need refuses with a message: nothing to refer to, nothing asked, nothing made")
    func referUnmetRefuses() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        Self.unmetPathway(&app)
        app.press([.down, .character("r")])
        #expect(app.state.screen.name == "pathway", "no passphrase box, no checklist")
        #expect(app.state.casework.problem?.contains("Nothing to refer to") == true)
        #expect(app.screen().joined(separator: " ").contains("Nothing to refer to: no service can take the person for Shelter."))
        #expect(!FileManager.default.fileExists(atPath: CaseStore.file(in: home.url).path), "no case store was made")
        app.press([.up])
        #expect(app.state.casework.problem == nil, "the message goes with the next key")
        #expect(app.state.pathway?.selectedStep?.need.code == "legal")
    }

    @Test("Enter on an unmet need opens the nearest service's detail")
    func openNearest() throws {
        var app = try AppFixture.sample()
        Self.unmetPathway(&app)
        app.press([.down, .enter])
        #expect(app.state.screen.name == "detail")
        #expect(app.state.detail?.name == "Casa Bărbaților — shelter for men")
    }

    @Test("The excluded list scrolls with ↑↓ and PgUp/PgDn past its first page, and stops at its end")
    func excludedScrolls() throws {
        var app = try GoldenScreenTests.filledIntake()
        app.press([.character("r"), .character("x")])
        let excluded = try #require(app.state.pathway?.selectedNeed?.excluded)
        let layout = PathwayScreen.Layout(try #require(app.state.pathway), strings: app.state.strings, size: app.state.size)
        #expect(excluded.count > layout.excludedRows, "more services than rows: \(excluded.count)")
        let last = try #require(excluded.last?.entry.serviceName)
        #expect(!app.screen().contains { $0.contains(DisplayText.truncate(last, toWidth: 40)) })
        app.press([.down])
        #expect(app.state.pathway?.excludedOffset == 1)
        #expect(app.state.pathway?.selectedStep?.need.code == "shelter", "↑↓ scroll the list; the step stays selected")
        app.press(Array(repeating: .pageDown, count: 20))
        #expect(app.state.pathway?.excludedOffset == excluded.count - layout.excludedRows)
        #expect(app.screen().contains { $0.contains(DisplayText.truncate(last, toWidth: 40).dropLast()) }, "\(app.screen().joined(separator: "\n"))")
        app.press([.pageUp])
        #expect(app.state.pathway?.excludedOffset == excluded.count - layout.excludedRows - (layout.excludedRows - 1))
    }

    @Test("At 80x24 the legend is whole on its own line above the status bar")
    func legendFits() throws {
        var app = try GoldenScreenTests.filledIntake()
        app.press([.character("r")])
        let screen = app.screen()
        #expect(screen[22].trimmingCharacters(in: .whitespaces) == app.state.strings[.pathwayStatus])
    }
}
