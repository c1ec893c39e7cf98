import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import Testing

/// The stale queue screen on the stack, if it is there.
extension AppState {
    var staleQueue: StaleQueueScreen? { stack.reversed().lazy.compactMap { if case .staleQueue(let screen) = $0 { screen } else { nil } }.first }
}

@Suite("The coordinator works down the stale queue")
struct StaleQueueScreenTests {
    @Test("S opens the queue oldest first, with each entry's first phone on its row")
    func opensOldestFirst() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("S")])
        let queue = try #require(app.state.staleQueue, "\(CaseworkScript.text(app))")
        #expect(!queue.entries.isEmpty)
        // Never verified first, then the most days since verification.
        let days = queue.entries.map { $0.daysSince ?? Int.max }
        #expect(days == days.sorted(by: >), "\(days)")
        let first = try #require(queue.entries.first)
        let row = try #require(app.screen().first { $0.contains(first.name) })
        if let phone = first.phones.first { #expect(row.contains(phone), "\(row)") }
        app.press([.escape])
        #expect(app.state.screen == .directory)
    }

    @Test("S in the search line is text, not the queue")
    func notFromTheSearchLine() throws {
        var app = try AppFixture.sample(atResults: false)
        app.press([.character("S")])
        #expect(app.state.staleQueue == nil)
        #expect(app.state.directory.search.text == "S")
    }

    @Test("v, Enter verifies the first entry: it leaves the list and the selection stays at the top")
    func verifyShrinksTheList() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: home.url)
        var app = try AppFixture.casework(home: home.url, environmentPassphrase: AppFixture.coordinatorPassphrase)
        app.press([.character("S")])
        let before = try #require(app.state.staleQueue?.entries)
        let first = try #require(before.first)
        app.press([.character("v"), .enter])                               // by phone
        let after = try #require(app.state.staleQueue, "\(CaseworkScript.text(app))")
        #expect(after.entries.count == before.count - 1)
        #expect(!after.entries.contains { $0.serviceId == first.serviceId })
        #expect(after.list.selection == 0)
        #expect(CaseworkScript.text(app).contains("Saved: verified (phone), by Ion Rusu"), "\(CaseworkScript.text(app))")
    }

    @Test("No operator: the verification is refused on the message line, and the queue is as it was")
    func refusedWithoutOperator() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        app.press([.character("S")])
        let before = try #require(app.state.staleQueue?.entries)
        app.press([.character("v"), .enter])
        #expect(app.state.staleQueue?.entries == before)
        #expect(app.state.staleQueue?.messageIsProblem == true)
        #expect(CaseworkScript.text(app).contains("Unlock the case store first"), "\(CaseworkScript.text(app))")
    }

    @Test("Enter opens the selected service's detail; Esc comes back to the queue")
    func enterOpensDetail() throws {
        var app = try AppFixture.sample()
        app.press([.character("S")])
        let first = try #require(app.state.staleQueue?.entries.first)
        app.press([.enter])
        #expect(app.state.detail?.serviceId == first.serviceId)
        app.press([.escape])
        #expect(app.state.staleQueue != nil && app.state.detail == nil)
    }
}
