import App
import Foundation
import Terminal
import TestSupport
import Testing

/// The keys DESIGN.md's key table gives each screen: the ones bound today, and the ones the next issues add
/// (which must stay free until then). `?` is help; `L` locks from every screen outside text, before any key map sees it,
/// so no screen binds it.
enum KeyTable {
    static func keys(_ text: String) -> Set<Key> { Set(text.map { Key.character($0) }) }

    /// The screen's keys in the table that are bound today, and those it keeps free.
    static func table(_ screen: String) -> (bound: Set<Key>, free: Set<Key>)? {
        switch screen {
        case "directory results": return (keys("ngRfqSAMI?"), keys("L"))
        case "directory filters": return (keys("?"), keys("nqL"))   // the list's letters act in the list only
        case "detail": return (keys("ecvH?"), keys("L"))
        case "checklist": return (keys("ipNOu?"), keys("L"))
        case "referrals": return (keys("f?"), keys("L"))       // `s` only on a handed-off referral
        case "inbox": return (keys("kadtc?"), keys("L"))
        case "directory search", "identity", "help", "serviceEdit", "serviceAdd": return nil   // text: every letter is typed
        default: return (keys("?"), keys("L"))
        }
    }
}

@Suite("Key maps")
struct KeyMapTests {
    /// Every screen the tests can reach, with its key map as it is there.
    static func everyScreen() throws -> [(name: String, keys: KeyMapSummary, hints: [String])] {
        var seen: [(String, KeyMapSummary, [String])] = []
        func look(_ app: AppFixture) {
            let name = app.state.screen == .directory ? "directory \(app.state.focus)" : app.state.screen.name
            seen.append((name, app.state.keys, [app.screen().last ?? ""]))
        }
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try AppFixture.casework(home: home.url)
        look(app)                                                   // directory, results
        app.press([.character("f")]); look(app)                     // filters
        app.press([.character("/")]); look(app)                     // search
        app.press([.enter, .enter]); look(app)                      // detail
        app.press([.character("e")]); look(app)                     // the service's edit form
        app.press([.escape])
        app.press([.escape, .character("g")]); look(app)            // gaps
        app.press([.escape])
        CaseworkScript.adultPathway(&app); look(app)                // pathway
        app.press([.escape]); look(app)                             // intake
        app.press([.character("r"), .character("r")])
        CaseworkScript.unlockNewHome(&app); look(app)               // checklist
        try CaseworkScript.open("screening", &app); look(app)       // screening
        app.press([.escape])
        try CaseworkScript.open("consent", &app); look(app)         // consent
        CaseworkScript.consentLine(.explained, &app); look(app)     // consent, on the Explained line
        app.press([.escape, .character("p")]); look(app)            // form preview
        app.press([.escape, .character("i")]); look(app)            // identity
        app.press([.escape, .character("R")]); look(app)            // referrals
        app.press([.escape, .character("N"), .left, .enter]); look(app)   // notification
        app.press([.character("?")]); look(app)                     // help
        for _ in 0..<8 where app.state.screen != .directory { app.press([.escape]) }
        app.state.directory.focus = .results
        app.press([.character("S")]); look(app)                     // stale queue
        app.press([.escape, .character("A")]); look(app)            // the add form
        app.press([.escape, .character("M")]); look(app)            // the conflicts (none in the sample)
        app.press([.escape, .character("I")]); look(app)            // the inbox (none received)
        return seen
    }

    @Test("No key is bound twice on a screen, every hinted key is bound, and the screens keep to DESIGN.md's key table")
    func everyScreenKeepsToTheTable() throws {
        let screens = try Self.everyScreen()
        #expect(Set(screens.map(\.name)) == ["directory results", "directory filters", "directory search", "detail", "gaps", "pathway",
                                               "intake", "checklist", "screening", "consent", "formPreview", "identity", "referrals",
                                               "notification", "help", "staleQueue", "serviceEdit", "serviceAdd", "conflicts", "inbox"])
        for (name, keys, _) in screens {
            #expect(keys.collisions.isEmpty, "\(name): \(keys.collisions) bound twice")
            guard let table = KeyTable.table(name) else { continue }
            let bound = keys.activeKeys
            #expect(table.bound.isSubset(of: bound), "\(name): \(table.bound.subtracting(bound)) not bound")
            #expect(table.free.isDisjoint(with: bound), "\(name): \(table.free.intersection(bound)) are kept for later issues")
        }
    }

    @Test("Two bindings of one key are found")
    func collisionsAreFound() {
        let map = KeyMap<Int>([KeyBinding([.character("q"), .escape], 1), KeyBinding([.character("x")], 2),
                               KeyBinding([.escape], 3), KeyBinding([.character("q")], 4, when: false)])
        #expect(map.summary.collisions == [.escape])
        #expect(map.summary.activeKeys == [.character("q"), .escape, .character("x")])
    }

    @Test("The status bar shows the key map's hints and nothing else")
    func statusBarIsTheKeyMap() throws {
        for (name, keys, bar) in try Self.everyScreen() where name != "help" {
            let hints = keys.bindings.filter(\.active).compactMap(\.hint)
            #expect(!hints.isEmpty, "\(name) hints nothing")
            // The hints that fit, in order, end the bar.
            let drawn = hints.map { "\($0.key) \($0.label)" }
            #expect(bar.first.map { line in drawn.prefix(3).allSatisfy { line.contains($0) } } == true, "\(name): \(bar) against \(drawn)")
        }
    }

    @Test("The gaps screen's help says that q goes back, as the key does")
    func gapsHelpSaysQ() throws {
        var app = try AppFixture.sample()
        app.press([.character("g"), .character("?")])
        #expect(app.screen().contains { $0.contains("Esc q") && $0.contains("back to the results") }, "\(app.screen().joined(separator: "\n"))")
        app.press([.escape, .character("q")])
        #expect(app.state.screen == .directory)
        #expect(!app.state.quitting)
    }
}
