import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import Testing

/// The conflicts screen on the stack, if it is there.
extension AppState {
    var conflicts: ConflictsScreen? { stack.reversed().lazy.compactMap { if case .conflicts(let screen) = $0 { screen } else { nil } }.first }
}

@Suite("The coordinator resolves merge conflicts")
struct ConflictsScreenTests {
    /// The sample with three conflicts, its operator set in a temporary home, the conflicts screen open.
    static func opened(_ home: TemporaryHome, operator: Bool = true) throws -> AppFixture {
        if `operator` { try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: home.url) }
        var app = try AppFixture.conflicts(home: home.url, environmentPassphrase: `operator` ? AppFixture.coordinatorPassphrase : nil)
        app.press([.character("M")])
        return app
    }

    /// The service as the directory now has it.
    static func service(_ app: AppFixture, _ id: String) throws -> ServiceRecord {
        try #require(try app.runner.store.serviceRecord(id, changes: 0))
    }

    @Test("M opens the open conflicts from the results, the selected one in full; Esc comes back")
    func opensFromResults() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.opened(home)
        let screen = try #require(app.state.conflicts, "\(CaseworkScript.text(app))")
        #expect(screen.conflicts.count == 3)
        let text = CaseworkScript.text(app)
        #expect(text.contains("3 open conflicts"), "\(text)")
        #expect(text.contains("night shelter for men") && text.contains("shelter for men and boys 16+"), "both values of the name: \(text)")
        #expect(text.contains("Ion Rusu (Coordinator, North)") && text.contains("Ana Popescu (Linia Verde)"), "who changed each: \(text)")
        #expect(text.contains(ConflictFixture.publisher), "\(text)")
        app.press([.escape])
        #expect(app.state.screen == .directory)
    }

    @Test("M in the search line is text, not the conflicts")
    func notFromTheSearchLine() throws {
        var app = try AppFixture.sample(atResults: false)
        app.press([.character("M")])
        #expect(app.state.conflicts == nil)
        #expect(app.state.directory.search.text == "M")
    }

    @Test("No conflicts: the screen says so in a sentence")
    func empty() throws {
        var app = try AppFixture.sample()
        app.press([.character("M")])
        #expect(app.state.conflicts?.conflicts == [])
        #expect(CaseworkScript.text(app).contains("No conflicts: every field merged from other sites agrees with this"), "\(CaseworkScript.text(app))")
    }

    @Test("l keeps this directory's value: the conflict leaves the list, the selection stays at its place, the value stays")
    func keepLocal() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.opened(home)
        let before = try #require(app.state.conflicts?.conflicts)
        app.press([.down, .character("l")])
        let after = try #require(app.state.conflicts)
        #expect(after.conflicts.map(\.id) == before.enumerated().filter { $0.offset != 1 }.map(\.element.id))
        #expect(after.list.selection == 1)
        #expect(after.message == "Conflict \(before[1].id) resolved: this directory's value kept, by Ion Rusu." && !after.messageIsProblem)
        let resolved = try app.runner.store.conflicts(includeResolved: true).first { $0.id == before[1].id }
        #expect(resolved?.status == .resolved && resolved?.resolution == "local")
        #expect(try Self.service(app, AppFixture.mensShelter).name == "Adăpostul Sf. Nicolae — night shelter for men")
    }

    @Test("i takes the incoming value through the domain: the directory and the results have it")
    func takeIncoming() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.opened(home)
        let name = try #require(app.state.conflicts?.conflicts.firstIndex { $0.field == "name" })
        app.press(Array(repeating: .down, count: name) + [.character("i")])
        #expect(app.state.conflicts?.conflicts.count == 2)
        #expect(try Self.service(app, AppFixture.mensShelter).name == "Adăpostul Sf. Nicolae — shelter for men and boys 16+")
        app.press([.escape])
        #expect(app.state.directory.results.results.contains { $0.serviceName == "Adăpostul Sf. Nicolae — shelter for men and boys 16+" })
    }

    @Test("= opens a box with this directory's value; the value typed resolves the conflict")
    func setValue() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.opened(home)
        let status = try #require(app.state.conflicts?.conflicts.firstIndex { $0.field == "status" })
        app.press(Array(repeating: .down, count: status) + [.character("=")])
        guard case .text(let box)? = app.state.dialog else { Issue.record("no box: \(CaseworkScript.text(app))"); return }
        #expect(box.input.text == "inactive")
        app.press([.ctrl("u")])
        app.type("active")
        app.press([.enter])
        #expect(app.state.dialog == nil)
        #expect(app.state.conflicts?.conflicts.count == 2)
        #expect(try Self.service(app, AppFixture.girlsShelter).status == "active")
        #expect(app.state.conflicts?.message?.hasSuffix("value set, by Ion Rusu.") == true)
    }

    @Test("A value the field refuses: the domain's sentence on the screen, and nothing written")
    func refusedValue() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.opened(home)
        let status = try #require(app.state.conflicts?.conflicts.firstIndex { $0.field == "status" })
        let before = try app.runner.store.conflicts(includeResolved: true)
        app.press(Array(repeating: .down, count: status) + [.character("="), .ctrl("u")])
        app.type("closed-forever")
        app.press([.enter])
        let screen = try #require(app.state.conflicts)
        let message = try #require(screen.message)
        #expect(screen.messageIsProblem && message.hasPrefix("status: ") && message.hasSuffix("; nothing was changed"), "\(message)")
        #expect(CaseworkScript.text(app).contains("status: "), "shown on the screen")
        #expect(try app.runner.store.conflicts(includeResolved: true) == before)
        #expect(try Self.service(app, AppFixture.girlsShelter).status == "inactive")
        #expect(screen.list.selection == status, "the selection stays")
    }

    @Test("No operator: the resolution is refused with the edit form's sentence, and nothing is written")
    func refusedWithoutOperator() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.opened(home, operator: false)
        let before = try app.runner.store.conflicts(includeResolved: true)
        app.press([.character("i")])
        #expect(app.state.conflicts?.messageIsProblem == true)
        #expect(CaseworkScript.text(app).contains("Unlock the case store first"), "\(CaseworkScript.text(app))")
        #expect(try app.runner.store.conflicts(includeResolved: true) == before)
    }

    @Test("a lists the resolved conflicts too, marked; a again, the open ones only")
    func toggleResolved() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try Self.opened(home)
        app.press([.character("l")])
        #expect(app.state.conflicts?.conflicts.count == 2)
        app.press([.character("a")])
        #expect(app.state.conflicts?.includeResolved == true && app.state.conflicts?.conflicts.count == 3)
        #expect(CaseworkScript.text(app).contains("3 conflicts recorded, 2 open"), "\(CaseworkScript.text(app))")
        // Resolving a resolved one again is the domain's to refuse.
        app.press([.home, .character("i")])
        #expect(app.state.conflicts?.message?.contains("already resolved") == true, "\(CaseworkScript.text(app))")
        app.press([.character("a")])
        #expect(app.state.conflicts?.includeResolved == false && app.state.conflicts?.conflicts.count == 2)
    }
}
