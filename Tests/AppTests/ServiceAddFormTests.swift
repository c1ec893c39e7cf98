import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import Testing

extension AppState {
    /// The add form on the stack, if it is there.
    var serviceAddForm: ServiceAddForm? {
        stack.reversed().lazy.compactMap { if case .serviceAdd(let form) = $0 { form } else { nil } }.first
    }
}

/// `A` in the results: a new service with its location (of an organization of the directory or a new one), or an organization.
@Suite("The coordinator adds a service from the results")
struct ServiceAddFormTests {
    /// The sample with an operator in a temporary home, at the results.
    func app(_ home: TemporaryHome) throws -> AppFixture {
        try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: home.url)
        return try AppFixture.casework(home: home.url, environmentPassphrase: AppFixture.coordinatorPassphrase)
    }

    /// Fills the form: a new organization, a service's name, an emergency shelter in Valdora-Nord.
    static func fill(_ app: inout AppFixture, organization: String = "Casa Nouă", area: String? = "Valdora-Nord") {
        app.press([.tab])                                    // the new organization's name
        app.type(organization)
        app.press([.tab])
        app.type("Casa Nouă night shelter")
        app.press([.tab, .enter])                            // service types
        app.type("Emergency")
        app.press([.enter])
        if let area {
            app.press([.tab, .enter])                        // the location's area
            app.type(area)
            app.press([.enter])
        }
    }

    @Test("A in the results opens the form; in the search line it is text")
    func opens() throws {
        var app = try AppFixture.sample()
        app.press([.character("A")])
        #expect(app.state.serviceAddForm != nil)
        app.press([.escape])
        #expect(app.state.screen == .directory)
        var typing = try AppFixture.sample(atResults: false)
        typing.press([.character("A")])
        #expect(typing.state.serviceAddForm == nil && typing.state.directory.search.text == "A")
    }

    @Test("A new organization and its shelter are added as one change, and search finds the shelter at once")
    func addsAndSearchFinds() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try app(home)
        app.press([.character("A")])
        Self.fill(&app)
        let form = try #require(app.state.serviceAddForm)
        #expect(form.types == ["shelter.emergency"] && form.area == "XA0102", "\(CaseworkScript.text(app))")
        app.press([.function(2)])
        #expect(app.state.serviceAddForm == nil, "\(CaseworkScript.text(app))")
        #expect(CaseworkScript.text(app).contains("Saved: service Casa Nouă night shelter of Casa Nouă, by Ion Rusu"), "\(CaseworkScript.text(app))")
        app.press([.character("/")])
        app.type("night shelter")
        let found = try #require(app.state.results.results.first { $0.serviceName == "Casa Nouă night shelter" }, "\(CaseworkScript.text(app))")
        #expect(found.organizationName == "Casa Nouă" && found.area == "XA0102")
    }

    @Test("An existing organization is chosen from the list by name")
    func existingOrganization() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try app(home)
        app.press([.character("A"), .enter, .down, .enter])  // the first organization of the directory
        let form = try #require(app.state.serviceAddForm)
        let chosen = try #require(form.organizations.first)
        #expect(form.organization == chosen.id)
        app.press([.tab, .tab])
        app.type("Outreach van")
        app.press([.tab, .enter])
        app.type("Emergency")
        app.press([.enter, .tab, .enter])
        app.type("Corbeni")
        app.press([.enter, .function(2)])
        #expect(app.state.serviceAddForm == nil, "\(CaseworkScript.text(app))")
        app.press([.character("/")])
        app.type("Outreach van")
        #expect(app.state.results.results.contains { $0.serviceName == "Outreach van" && $0.organizationName == chosen.name })
    }

    @Test("No area: refused beside the row, in the directory's wording, with nothing written")
    func refusedWithoutArea() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try app(home)
        let before = try app.runner.store.counts()
        app.press([.character("A")])
        Self.fill(&app, area: nil)
        app.press([.function(2)])
        let form = try #require(app.state.serviceAddForm)
        #expect(form.error == "area: a new service needs the P-code of its location; nothing was changed")
        #expect(form.errorField == .area)
        #expect(try app.runner.store.counts() == before)
    }

    @Test("A new organization with no service named is added alone")
    func organizationAlone() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try app(home)
        app.press([.character("A"), .tab])
        app.type("Fundația Nouă")
        app.press([.function(2)])
        #expect(app.state.serviceAddForm == nil, "\(CaseworkScript.text(app))")
        #expect(try app.runner.store.organizations().contains { $0.name == "Fundația Nouă" })
    }
}
