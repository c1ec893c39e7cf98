import App
import Casework
import Directory
import Foundation
import Terminal
import TestSupport
import Testing

extension AppState {
    /// The service edit form on the stack, if it is there.
    var serviceEditForm: ServiceEditForm? {
        stack.reversed().lazy.compactMap { if case .serviceEdit(let form) = $0 { form } else { nil } }.first
    }
}

/// `e` on a service's detail (and in the stale queue): the coordinator's form of every fact, saved as one checked change.
@Suite("The coordinator edits a service in its form")
struct ServiceEditFormTests {
    /// The sample's girls' shelter: 1 of 8 places free.
    static let girlsShelter = "Casa Fetelor"

    /// The sample with an operator in a temporary home, on the girls' shelter's detail.
    func onDetail(_ home: TemporaryHome, operator named: Bool = true) throws -> AppFixture {
        if named { try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: home.url) }
        var app = try AppFixture.casework(home: home.url, environmentPassphrase: named ? AppFixture.coordinatorPassphrase : nil)
        app.press([.character("/")])
        app.type(Self.girlsShelter)
        app.press([.enter, .enter])
        #expect(app.state.detail != nil, "\(CaseworkScript.text(app))")
        return app
    }

    /// Moves the form's keyboard to `field`.
    func go(to field: ServiceEditForm.Field, _ app: inout AppFixture) throws {
        let form = try #require(app.state.serviceEditForm)
        let step = field.rawValue - form.cursor.rawValue
        app.press(Array(repeating: step > 0 ? Key.tab : Key.backTab, count: abs(step)))
    }

    /// Replaces the text of a typed field.
    func retype(_ field: ServiceEditForm.Field, _ text: String, _ app: inout AppFixture) throws {
        try go(to: field, &app)
        app.press([.end, .ctrl("u")])
        app.type(text)
    }

    @Test("e opens the form prefilled with what the directory holds; Esc with nothing changed goes straight back")
    func opensPrefilled() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home)
        let detail = try #require(app.state.detail)
        app.press([.character("e")])
        let form = try #require(app.state.serviceEditForm, "\(CaseworkScript.text(app))")
        #expect(form.serviceId == detail.serviceId)
        #expect(form.inputs[.name]?.text == detail.name)
        #expect(form.inputs[.places]?.text == "8" && form.inputs[.freePlaces]?.text == "1")
        #expect(!form.choices.types.isEmpty && form.choices == form.recordedChoices && !form.isChanged)
        let text = CaseworkScript.text(app)
        #expect(text.contains("Organization") && text.contains("Free places now") && text.contains("Confidential address"), "\(text)")
        app.press([.escape])
        #expect(app.state.serviceEditForm == nil && app.state.detail != nil)
    }

    @Test("A maximum below the free places is refused with the directory's reason beside the field, and nothing is written")
    func refusedMaximum() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home)
        let id = try #require(app.state.detail?.serviceId)
        let before = try app.runner.store.serviceRecord(id, changes: 100)
        app.press([.character("e")])
        try retype(.places, "0", &app)
        app.press([.function(2)])
        let form = try #require(app.state.serviceEditForm, "the form stays open")
        let reason = DirectoryEditError.invalid(field: "capacity_maximum", problem: "available 1 is above maximum 0").description
        #expect(form.error == reason)
        #expect(form.errorField == .places && form.cursor == .places)
        let text = CaseworkScript.text(app)
        #expect(text.contains("capacity_maximum: available 1 is above maximum 0; nothing was changed"), "\(text)")
        #expect(try app.runner.store.serviceRecord(id, changes: 100) == before)
    }

    @Test("A number that is not a number is refused as the command line refuses it, before anything is sent")
    func notANumber() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home)
        app.press([.character("e")])
        try retype(.minimumAge, "twelve", &app)
        app.press([.ctrl("s")])
        #expect(app.state.serviceEditForm?.error == "minimum_age: 'twelve' is not a number; nothing was changed")
        #expect(app.state.serviceEditForm?.errorField == .minimumAge)
    }

    @Test("A new name and a language are saved as one change: the detail shows them and search finds the new name")
    func savesNameAndLanguage() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home)
        let id = try #require(app.state.detail?.serviceId)
        app.press([.character("e")])
        try retype(.name, "Casa Lumina girls' shelter", &app)
        let languages = try #require(app.state.serviceEditForm?.inputs[.languages]?.text)
        try retype(.languages, languages + " uk", &app)
        app.press([.function(2)])
        #expect(app.state.serviceEditForm == nil, "\(CaseworkScript.text(app))")
        let detail = try #require(app.state.detail)
        #expect(detail.name == "Casa Lumina girls' shelter")
        #expect(detail.languages.contains { $0.code == "uk" })
        let text = CaseworkScript.text(app)
        #expect(text.contains("Saved: name, languages, by Ion Rusu"), "\(text)")
        let record = try #require(try app.runner.store.serviceRecord(id, changes: 100))
        #expect(Set(record.lastChanges.compactMap(\.sequence)).count == 1, "one change")
        app.press([.escape, .character("/")])
        app.press([.end, .ctrl("u")])
        app.type("Lumina girls")
        #expect(app.state.results.results.contains { $0.serviceId == id && $0.serviceName == "Casa Lumina girls' shelter" })
    }

    @Test("Coded facts are chosen from the pickers with their labels: an exploitation type added, a status chosen")
    func chosenFromPickers() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home)
        let id = try #require(app.state.detail?.serviceId)
        app.press([.character("e")])
        try go(to: .exploitation, &app)
        app.press([.enter])
        #expect(CaseworkScript.text(app).contains("sexual exploitation"), "\(CaseworkScript.text(app))")
        app.press([.enter])                                  // the first type in the list
        let chosen = try #require(app.state.serviceEditForm?.choices.exploitation.first)
        try go(to: .status, &app)
        app.press([.enter, .down, .enter])                  // temporarily closed
        #expect(app.state.serviceEditForm?.choices.status == "temporarily closed")
        app.press([.function(2)])
        let record = try #require(try app.runner.store.serviceRecord(id))
        #expect(record.exploitation.contains(chosen) && record.status == "temporarily closed")
    }

    @Test("Esc with changes asks first: Stay keeps them, Leave drops them and writes nothing")
    func escAsks() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home)
        let id = try #require(app.state.detail?.serviceId)
        let before = try app.runner.store.serviceRecord(id, changes: 100)
        app.press([.character("e")])
        app.type(" (new)")
        #expect(app.state.serviceEditForm?.isChanged == true)
        app.press([.escape])
        #expect(CaseworkScript.text(app).contains("Leave without saving?"), "\(CaseworkScript.text(app))")
        app.press([.enter])                                  // Stay is the default
        #expect(app.state.serviceEditForm?.inputs[.name]?.text.hasSuffix(" (new)") == true)
        app.press([.escape, .character("y")])
        #expect(app.state.serviceEditForm == nil && app.state.detail != nil)
        #expect(try app.runner.store.serviceRecord(id, changes: 100) == before)
    }

    @Test("No operator: saving is refused with the sentence that says how to set one, and nothing is written")
    func needsOperator() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home, operator: false)
        app.press([.character("e")])
        app.type("!")
        app.press([.function(2)])
        #expect(app.state.serviceEditForm?.error?.hasPrefix("Unlock the case store first") == true)
    }

    @Test("e in the stale queue edits the selected entry in place; saved, the queue shows again")
    func fromTheStaleQueue() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        try Operator(name: "Ion Rusu", organization: "NRM Office").save(home: home.url)
        var app = try AppFixture.casework(home: home.url, environmentPassphrase: AppFixture.coordinatorPassphrase)
        app.press([.character("S")])
        let first = try #require(app.state.staleQueue?.entries.first)
        app.press([.character("e")])
        #expect(app.state.serviceEditForm?.serviceId == first.serviceId)
        try retype(.phones, "+999 21 555 0100", &app)
        app.press([.function(2)])
        #expect(app.state.serviceEditForm == nil)
        let queue = try #require(app.state.staleQueue)
        #expect(queue.message?.contains("Saved: phones") == true, "\(CaseworkScript.text(app))")
        #expect(queue.entries.first { $0.serviceId == first.serviceId }?.phones == ["+999 21 555 0100"])
    }

    @Test("Hours with a time that is not a time are refused beside the hours row, naming the rule, and nothing is written")
    func refusedHours() throws {
        let home = TemporaryHome()
        defer { home.remove() }
        var app = try onDetail(home)
        let id = try #require(app.state.detail?.serviceId)
        let before = try app.runner.store.serviceRecord(id, changes: 100)
        app.press([.character("e")])
        try retype(.hours, "MO-FR 09:00-25:30", &app)
        try go(to: .name, &app)
        app.press([.ctrl("s")])
        let form = try #require(app.state.serviceEditForm)
        #expect(form.errorField == .hours && form.cursor == .hours)
        #expect(form.error == "hours: '25:30' is not a time (HH:MM or HH:MM:SS); nothing was changed")
        let row = try #require(app.screen().first { $0.contains("Weekly hours") })
        #expect(row.hasPrefix(" !"), "\(row)")
        #expect(try app.runner.store.serviceRecord(id, changes: 100) == before)
    }

    @Test("Ctrl-C with changes in the form asks before quitting; a chosen value too wide for its row is shown in full")
    func interruptAsks() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type(Self.girlsShelter)
        app.press([.enter, .enter, .character("e")])
        try go(to: .conditions, &app)
        let codes = try #require(app.state.serviceEditForm).choices.conditions
        let conditions = codes.map { app.state.strings.label($0) }.joined(separator: ", ")
        #expect(app.screen().contains { $0.contains(conditions) }, "\(app.screen().joined(separator: "\n"))")
        try go(to: .confidential, &app)
        app.press([.enter])
        #expect(app.state.serviceEditForm?.choices.confidential == true)
        app.press([.interrupt])
        #expect(!app.state.quitting)
        #expect(app.screen().joined().contains("not saved"), "\(app.screen().joined(separator: "\n"))")
    }
}


@Suite("The edit form of a service at two locations")
struct ServiceEditFormLocationTests {
    @Test("e on the detail of a service's second location edits that location, not the first")
    func editsTheLocationShown() throws {
        var fixture = PackageFixture.small()
        fixture.add("service_at_location", ["id": PackageFixture.id("sal-men-hope"), "service_id": PackageFixture.id("svc-men"),
                                            "location_id": PackageFixture.id("loc-hope")])
        var app = try AppFixture.package(fixture)
        app.press([.character("/")])
        app.type("Men's Shelter")
        app.press([.enter])
        let rows = app.state.directory.results.results.filter { $0.serviceId == PackageFixture.id("svc-men") }
        try #require(Set(rows.compactMap(\.locationId)) == [PackageFixture.id("loc-port"), PackageFixture.id("loc-hope")],
                     "\(app.state.directory.results.results.map { ($0.serviceName, $0.locationId ?? "-") })")
        for location in [PackageFixture.id("loc-hope"), PackageFixture.id("loc-port")] {
            app.press([.home])
            for _ in 0..<app.state.directory.results.results.count where app.state.directory.selectedResult?.locationId != location {
                app.press([.down])
            }
            try #require(app.state.directory.selectedResult?.locationId == location)
            app.press([.enter, .character("e")])
            #expect(app.state.serviceEditForm?.locationId == location, "the form edits the location whose detail it was opened from")
            app.press([.escape, .escape])
        }
    }
}

@Suite("The edit form of a confidential shelter")
struct ServiceEditFormConfidentialTests {
    @Test("A confidential shelter's address row says it is withheld and kept, never shows the street, and saving other facts leaves it")
    func addressWithheld() throws {
        var app = try AppFixture.sample()
        app.press([.character("/")])
        app.type("Casa Speranța")
        app.press([.enter, .enter, .character("e")])
        let form = try #require(app.state.serviceEditForm)
        #expect(form.recordedChoices.confidential)
        let text = app.screen().joined(separator: "\n")
        #expect(text.contains("(withheld: kept unless you type a new one)"), "\(text)")
        #expect(!form.isChanged)
    }
}
