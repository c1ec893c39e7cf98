import App
import Directory
import Foundation
import Routing
import Terminal
import Testing
import TestSupport

@Suite("Referral screens: intake, pathway, gaps")
struct ReferralScreenTests {
    @Test("The intake form fills from the keyboard alone and routes: the area found by typing, a letter for the sex, digits for the age, the needs on one line")
    func intakeAndRoute() throws {
        var app = try AppFixture.sample()
        app.press([.character("n")])
        #expect(app.state.screen.name == "intake")
        app.press([.enter])
        app.type("valdora")
        let found = app.screen().joined(separator: "\n")
        #expect(found.contains("Valdora-Centru") && found.contains("Valdora-Nord"), "typing a region's name shows its districts: \(found)")
        #expect(!found.contains("Zarevsk"), "what does not match is hidden: \(found)")
        app.type("-c")
        app.press([.enter])
        #expect(app.state.intake.area == "XA0101", "\(app.screen().joined(separator: "\n"))")
        #expect(app.state.intake.cursor == .sex, "a field set, the next one has the cursor")
        app.press([.enter, .character("f"), .enter])
        #expect(app.state.intake.sex == "female")
        #expect(app.state.intake.cursor == .age)
        app.type("16")
        app.press([.enter])
        #expect(app.state.intake.age == 16)
        #expect(app.state.intake.cursor == .needs)
        app.press([.enter])
        app.type("shelter.emergency:emergency, legal.aid")
        app.press([.enter])
        #expect(app.state.intake.needList == [Need("shelter.emergency", priority: .emergency), Need("legal.aid")])
        app.press([.character("r")])
        #expect(app.state.screen.name == "pathway")
        let route = try #require(app.state.route)
        #expect(route.needs.contains { $0.need.code == "child-protection" && $0.need.addedByRule })
        #expect(route.needs.contains { $0.need.code == "shelter.emergency" && $0.need.priority == .emergency })
        #expect(!(route.pathways.first?.steps.isEmpty ?? true))
    }

    @Test("The needs line refuses what the command line refuses, with the reason, and keeps the text; Tab picks from the list instead")
    func needsLine() throws {
        var app = try AppFixture.sample()
        app.press([.character("n")])
        app.state.intake.cursor = .needs
        app.press([.enter])
        app.type("shelter:soon, legal")
        app.press([.enter])
        let refused = app.screen().joined(separator: "\n")
        #expect(refused.contains("'soon' after shelter is not a priority"), "\(refused)")
        #expect(app.state.intake.needs.isEmpty, "nothing set from a refused line")
        for _ in 0..<12 { app.press([.backspace]) }
        app.type(":urgent, lawyer")
        app.press([.enter])
        #expect(app.screen().joined(separator: "\n").contains("'lawyer' is not a service type"), "\(app.screen().joined(separator: "\n"))")
        for _ in 0..<6 { app.press([.backspace]) }
        app.press([.enter])
        #expect(app.state.intake.needList == [Need("shelter", priority: .urgent)])
        // Opened again, the line holds the needs as set, ready for one more; Tab opens the list of types.
        app.state.intake.cursor = .needs
        app.press([.enter])
        app.type("he")
        app.press([.tab])
        app.type("legal aid")
        app.press([.enter])
        guard case .text(.needs, let line, _)? = app.state.intake.picker else {
            Issue.record("the needs line did not open again with the type chosen")
            return
        }
        #expect(line.text == "shelter:urgent, he, legal.aid", "what was typed is kept, the chosen type added")
        for _ in 0..<13 { app.press([.backspace]) }             // "he, legal.aid" taken back
        app.type("legal.aid")
        app.press([.enter])
        #expect(app.state.intake.needs == ["shelter", "legal.aid"])
    }

    @Test("Routing without an area or a need says what is missing")
    func missing() throws {
        var app = try AppFixture.sample()
        app.press([.character("n"), .character("r")])
        #expect(app.state.intake.problem?.contains("where the person is") == true)
        #expect(app.state.screen.name == "intake")
    }

    @Test("From the pathway, Enter opens a step's detail and Esc comes back to the pathway")
    func pathwayToDetail() throws {
        var app = try AppFixture.sample()
        app.press([.character("n"), .enter])
        app.type("centru")
        app.press([.enter, .down, .down, .enter])
        app.type("shelter")
        app.press([.enter, .character("r")])
        #expect(app.state.screen.name == "pathway")
        app.press([.enter])
        #expect(app.state.screen.name == "detail")
        app.press([.escape])
        #expect(app.state.screen.name == "pathway")
        app.press([.character("x")])
        #expect(app.screen().contains { $0.contains("Left out for") })
        app.press([.escape, .escape])
        #expect(app.state.screen.name == "intake")
    }

    @Test("g shows who is left out; Esc returns")
    func gaps() throws {
        var app = try AppFixture.sample()
        app.press([.character("g")])
        #expect(app.state.screen.name == "gaps")
        #expect(app.screen().contains { $0.contains("UNMET") })
        app.press([.escape])
        #expect(app.state.screen.name == "directory")
    }
}
