import App
import Directory
import Foundation
import Routing
import Terminal
import Testing
import TestSupport

@Suite("Referral screens: intake, pathway, gaps")
struct ReferralScreenTests {
    @Test("The intake form fills from the keyboard alone and routes")
    func intakeAndRoute() throws {
        var app = try AppFixture.sample()
        app.press([.character("n")])
        #expect(app.state.screen.name == "intake")
        app.press([.enter, .right, .down, .right, .down, .enter])
        #expect(app.state.intake.area == "XA0101", "\(app.screen().joined(separator: "\n"))")
        app.press([.down, .enter, .down, .enter])
        #expect(app.state.intake.sex == "female")
        app.press([.down, .enter])
        app.type("16")
        app.press([.enter])
        #expect(app.state.intake.age == 16)
        app.press([.down, .down, .enter])
        let tree = app.screen()
        #expect(tree.contains { $0.contains("Shelter") })
        // The service-type picker: first root is Hotline; Shelter is the third.
        app.press([.down, .down, .enter])
        #expect(app.state.intake.needs == ["shelter"], "\(app.state.intake.needs)")
        app.press([.enter, .down, .down, .down, .down, .down, .down, .enter])
        #expect(app.state.intake.needs.count == 2)
        app.press([.down, .enter, .enter])          // priority: urgent, then emergency
        #expect(app.state.intake.priorities.last == .emergency)
        #expect(app.state.intake.needList.last?.priority == .emergency && app.state.intake.needList.first?.priority == .normal)
        app.press([.character("r")])
        #expect(app.state.screen.name == "pathway")
        let route = try #require(app.state.route)
        #expect(route.needs.contains { $0.need.code == "child-protection" && $0.need.addedByRule })
        #expect(!(route.pathways.first?.steps.isEmpty ?? true))
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
        app.press([.character("n"), .enter, .right, .down, .right, .down, .enter, .down, .down, .down, .down, .enter, .down, .down, .enter,
                   .character("r")])
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
