import Directory
import Foundation
import GRDB
import Testing
import TestSupport

/// Edits, additions, verifications and undo: each value checked by the profile's rules, each
/// change one transaction that leaves HSDS `metadata` rows behind.
@Suite("Editing the directory")
struct DirectoryEditorTests {
    static let ana = ChangeAuthor(name: "Ana (Linia Verde)", email: "ana@example.org")
    static let ion = ChangeAuthor(name: "Ion (NAATP)")
    static let girls = PackageFixture.id("svc-girls")
    static let men = PackageFixture.id("svc-men")
    static let legal = PackageFixture.id("svc-legal")

    func editor(_ store: DirectoryStore, _ author: ChangeAuthor = ana, clock: any TimeSource = Fixed.clock) -> DirectoryEditor {
        DirectoryEditor(store: store, author: author, clock: clock)
    }

    /// Every row count and the service's record: what a refused edit must leave as it was.
    func state(_ store: DirectoryStore, _ service: String) throws -> String {
        let record = try store.serviceRecord(service, changes: 100)
        let counts = try store.counts().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return "\(counts)\n\(String(describing: record))"
    }

    static let refusals: [(String, ServiceEdit, String)] = {
        var cases: [(String, ServiceEdit, String)] = []
        var e = ServiceEdit(); e.minimumAge = .set(20); e.maximumAge = .set(10)
        cases.append(("min above max", e, "minimum_age"))
        e = ServiceEdit(); e.minimumAge = .set(18)  // the girls' shelter takes up to 17
        cases.append(("min above the stored max", e, "minimum_age"))
        e = ServiceEdit(); e.maximumAge = .set(200)
        cases.append(("implausible age", e, "maximum_age"))
        e = ServiceEdit(); e.addTypes = ["shelter.boats"]
        cases.append(("unknown type", e, "type"))
        e = ServiceEdit(); e.addConditions = ["no-cats"]
        cases.append(("unknown condition", e, "condition"))
        e = ServiceEdit(); e.sex = ["female", "robot"]
        cases.append(("unknown sex", e, "sex"))
        e = ServiceEdit(); e.capacityAvailable = 9  // of 8
        cases.append(("free places above the maximum", e, "capacity_available"))
        e = ServiceEdit(); e.capacityMaximum = 2  // 0 free of 8 stay fine; 2 is fine too — so also set free places
        e.capacityAvailable = 3
        cases.append(("free places above a new maximum", e, "capacity_available"))
        e = ServiceEdit(); e.hours = ["MO-FR 09:00-25:30"]
        cases.append(("a time that is not a time", e, "hours"))
        e = ServiceEdit(); e.hours = ["XX 09:00-17:00"]
        cases.append(("a day that is not a day", e, "hours"))
        e = ServiceEdit(); e.status = "closed-forever"
        cases.append(("unknown status", e, "status"))
        e = ServiceEdit(); e.name = "   "
        cases.append(("empty name", e, "name"))
        e = ServiceEdit(); e.languages = ["english language"]
        cases.append(("not a language code", e, "language"))
        e = ServiceEdit(); e.name = "Renamed"; e.removeTypes = ["legal.aid"]  // valid name, but the shelter has no legal.aid
        cases.append(("removing a type the service lacks", e, "type"))
        e = ServiceEdit(); e.organizationId = "no-such-organization"
        cases.append(("an organization that does not exist", e, "organization_id"))
        e = ServiceEdit(); e.addExploitation = ["sexual", "piracy"]
        cases.append(("unknown exploitation type", e, "exploitation"))
        e = ServiceEdit(); e.removeExploitation = ["labour"]
        cases.append(("removing an exploitation type the service lacks", e, "exploitation"))
        e = ServiceEdit(); e.serviceAreas = ["XA01", "XZ99"]
        cases.append(("an area covered with an unknown P-code", e, "service_area"))
        e = ServiceEdit(); e.capacityUnit = "  "
        cases.append(("empty capacity unit", e, "capacity_unit"))
        e = ServiceEdit(); e.locationName = ""
        cases.append(("empty location name", e, "location_name"))
        e = ServiceEdit(); e.address = "1 Main\u{1B}[2J Street"
        cases.append(("an address with control characters", e, "address"))
        e = ServiceEdit(); e.locationId = PackageFixture.id("loc-port"); e.confidential = false
        cases.append(("a location of another service", e, "location"))
        return cases
    }()

    @Test("A value that breaks a rule is refused naming the field, and nothing is written",
          arguments: StoreKind.allCases, refusals.indices)
    func refusesBadValues(kind: StoreKind, index: Int) throws {
        let (_, edit, field) = Self.refusals[index]
        let store = try kind.small()
        let before = try state(store, Self.girls)
        #expect {
            try editor(store).edit(service: Self.girls, edit)
        } throws: { error in
            guard case DirectoryEditError.invalid(let named, _) = error else { return false }
            return named == field
        }
        #expect(try state(store, Self.girls) == before)
    }

    @Test("Free places above the maximum are the same rule for validate (an error) and import (a warning)")
    func capacityRuleIsShared() throws {
        var fixture = PackageFixture.small()
        fixture.rows["service_capacity"]?[0]["available"] = "9"
        let folder = try fixture.write()
        let report = PackageValidator().validate(folder)
        #expect(report.problems.contains { $0.severity == .error && $0.message == ProfileRules.capacityProblem(available: 9, maximum: 8) })
        let store = try StoreKind.inMemory.make()
        let imported = try store.importPackage(at: folder, clock: Fixed.clock)
        #expect(imported.warnings.contains { $0.message.contains("available 9 is above maximum 8") })
    }

    @Test("An unknown P-code is refused for a new service's location and its covered areas", arguments: StoreKind.allCases)
    func unknownPCode(kind: StoreKind) throws {
        let store = try kind.small()
        let before = try store.counts()
        var new = NewService(organizationId: PackageFixture.id("org-hope"), name: "Night shelter", types: ["shelter.emergency"], area: "XZ99")
        #expect(throws: DirectoryEditError.invalid(field: "area", problem: "unknown P-code 'XZ99'")) { try editor(store).addService(new) }
        new.area = "XA0101"
        new.covers = ["XA", "nowhere"]
        #expect(throws: DirectoryEditError.invalid(field: "covers", problem: "unknown P-code 'nowhere'")) { try editor(store).addService(new) }
        #expect(try store.counts() == before)
    }

    @Test("An edit writes one metadata row per field, with the full time and one sequence in waymark_change",
          arguments: StoreKind.allCases)
    func historyRows(kind: StoreKind) throws {
        let store = try kind.small()
        var edit = ServiceEdit()
        edit.name = "Girls' Shelter North"
        edit.maximumAge = .clear
        edit.capacityAvailable = 2
        edit.note = "phoned in"
        let receipt = try editor(store).edit(service: Self.girls, edit)
        let changes = try store.changes(service: Self.girls)
        #expect(receipt.fields == changes.count)
        #expect(Set(changes.compactMap(\.sequence)) == [try #require(receipt.sequence)])
        let name = try #require(changes.first { $0.fieldName == "name" })
        #expect(name.resourceType == "service" && name.resourceId == Self.girls && name.lastActionType == "update")
        #expect(name.previousValue == "Girls' Shelter" && name.replacementValue == "Girls' Shelter North")
        #expect(name.updatedBy == Self.ana.name && name.lastActionDate == "2026-01-15")
        #expect(name.changedAt == "2026-01-15T10:00:00.000Z" && name.bundleId == nil)
        let cleared = try #require(changes.first { $0.fieldName == "maximum_age" })
        #expect(cleared.previousValue == "17" && cleared.replacementValue == "(none)")
        let free = try #require(changes.first { $0.fieldName == "available" })
        #expect(free.resourceType == "service_capacity" && free.previousValue == "0" && free.replacementValue == "2")
        #expect(changes.contains { $0.fieldName == "note" && $0.replacementValue == "phoned in" })
        let record = try #require(try store.serviceRecord(Self.girls))
        #expect(record.name == "Girls' Shelter North" && record.maximumAge == nil && record.serviceCapacities.first?.available == 2)
    }

    @Test("A new service's rows are created with (none) as every previous value, and search finds it at once",
          arguments: StoreKind.allCases)
    func addService(kind: StoreKind) throws {
        let store = try kind.small()
        _ = try store.search(SearchQuery())  // the in-memory index exists before the change
        let org = try editor(store).addOrganization(name: "Casa Nouă", description: nil)
        var new = NewService(organizationId: org, name: "Casa Nouă night shelter", types: ["shelter.emergency"], area: "XA0102")
        new.covers = ["XA01"]
        new.details.sex = ["male"]
        new.details.phones = ["+999 21 555 0199"]
        let id = try editor(store).addService(new)
        let created = try store.changes(service: id)
        #expect(!created.isEmpty && created.allSatisfy { $0.lastActionType == "create" && $0.previousValue == "(none)" })
        #expect(created.contains { $0.resourceType == "service_area" && $0.fieldName == "extent" && $0.replacementValue == "XA01" })
        var query = SearchQuery()
        query.text = "Nouă"
        let found = try store.search(query, clock: Fixed.clock)
        #expect(found.results.map(\.serviceId) == [id])
        let record = try #require(try store.serviceRecord(id))
        #expect(record.sex == ["male"] && record.serviceTypes == ["shelter.emergency"] && record.phones == ["+999 21 555 0199"])
        #expect(record.locations.map(\.pcode) == ["XA0102"])
    }

    @Test("A verification sets assured_date and assurer_email, records method and note, and changes nothing else",
          arguments: StoreKind.allCases)
    func verification(kind: StoreKind) throws {
        let store = try kind.small()
        let clock = SteppedClock()
        clock.advance(hours: 24 * 3)
        let before = try #require(try store.serviceRecord(Self.men))
        try editor(store, clock: clock).verify(service: Self.men, method: .visit, note: "beds counted")
        let after = try #require(try store.serviceRecord(Self.men))
        #expect(after.assuredDate == "2026-01-18" && after.assurerEmail == "ana@example.org")
        #expect(after.verification.date == "2026-01-18" && after.verification.method == "visit")
        #expect(after.verification.by == Self.ana.name && after.verification.note == "beds counted")
        var unchanged = after
        unchanged.assuredDate = before.assuredDate
        unchanged.assurerEmail = before.assurerEmail
        unchanged.verification = before.verification
        unchanged.lastChanges = before.lastChanges
        #expect(unchanged == before)
        #expect(try store.changes(service: Self.men).allSatisfy { $0.lastActionType == "verify" })
    }

    @Test("Undo reverts the operator's last change, is repeatable, and is itself recorded", arguments: StoreKind.allCases)
    func undo(kind: StoreKind) throws {
        let store = try kind.small()
        let original = try #require(try store.serviceRecord(Self.legal))
        var first = ServiceEdit()
        first.name = "Legal aid"
        first.hours = ["MO-SA 08:00-20:00"]
        try editor(store).edit(service: Self.legal, first)
        var second = ServiceEdit()
        second.addTypes = ["legal.immigration"]
        second.phones = ["+999 1"]
        try editor(store).edit(service: Self.legal, second)
        try editor(store).undo()
        let once = try #require(try store.serviceRecord(Self.legal))
        #expect(once.name == "Legal aid" && once.serviceTypes == ["legal.aid"] && once.phones.isEmpty)
        try editor(store).undo()
        let twice = try #require(try store.serviceRecord(Self.legal))
        #expect(twice.name == original.name && twice.schedules == original.schedules)
        #expect(try store.changes().filter { $0.lastActionType == "undo" }.count > 0)
        #expect(throws: DirectoryEditError.nothingToUndo(author: Self.ana.name)) { try editor(store).undo() }
    }

    @Test("Undo refuses, naming the later change, when another operator changed the same field since", arguments: StoreKind.allCases)
    func undoRefused(kind: StoreKind) throws {
        let store = try kind.small()
        var mine = ServiceEdit()
        mine.capacityAvailable = 3
        try editor(store).edit(service: Self.girls, mine)
        var theirs = ServiceEdit()
        theirs.capacityAvailable = 1
        try editor(store, Self.ion).edit(service: Self.girls, theirs)
        let before = try state(store, Self.girls)
        #expect {
            try editor(store).undo()
        } throws: { error in
            guard case DirectoryEditError.changedSince(let field, let by, _, let action) = error else { return false }
            return field == "service_capacity.available" && by == Self.ion.name && action == "update"
        }
        #expect(try state(store, Self.girls) == before)
        // Ion's own undo is his to make.
        try editor(store, Self.ion).undo()
        #expect(try store.serviceRecord(Self.girls)?.serviceCapacities.first?.available == 3)
    }

    @Test("An import is never undone, and a field an import changed since cannot be undone", arguments: StoreKind.allCases)
    func undoAndImports(kind: StoreKind) throws {
        let store = try kind.small()
        var mine = ServiceEdit()
        mine.name = "Men's Shelter Port"
        try editor(store).edit(service: Self.men, mine)
        var fixture = PackageFixture.small()
        let index = try #require(fixture.rows["service"]?.firstIndex { $0["id"] == Self.men })
        fixture.rows["service"]?[index]["name"] = "Men's Shelter (national)"
        var options = ImportOptions(mode: .merge)
        options.author = Self.ana
        let report = try store.importPackage(at: try fixture.write(), options: options, clock: Fixed.clock)
        #expect(report.imported)
        let imported = try store.changes(service: Self.men).filter { $0.lastActionType == "import" }
        #expect(imported.map(\.fieldName) == ["name"] && imported.first?.bundleId == "test@1")
        #expect {
            try editor(store).undo()
        } throws: { error in
            guard case DirectoryEditError.changedSince(let field, _, _, let action) = error else { return false }
            return field == "service.name" && action == "import"
        }
    }

    @Test("An import's history covers every table it changes: a capacity changed, a phone added, a location's street; a confidential street never enters it",
          arguments: StoreKind.allCases)
    func importHistoryEveryTable(kind: StoreKind) throws {
        let store = try kind.small()
        var fixture = PackageFixture.small()
        let capacity = try #require(fixture.rows["service_capacity"]?.firstIndex { $0["id"] == PackageFixture.id("cap-girls") })
        fixture.rows["service_capacity"]?[capacity]["available"] = "5"
        fixture.add("phone", ["id": PackageFixture.id("phone-girls-night"), "service_id": Self.girls, "number": "+999 21 555 0199"])
        fixture.rows["address"] = (fixture.rows["address"] ?? []).map { row in
            var row = row
            row["address_1"] = row["address_1"] == PackageFixture.confidentialStreet ? "9 Other Courtyard" : "2 Moved Street"
            return row
        }
        var options = ImportOptions()
        options.author = Self.ana
        let report = try store.importPackage(at: try fixture.write(), options: options, clock: Fixed.clock)
        #expect(report.imported, "\(report.errors)")
        let girls = try store.changes(service: Self.girls).filter { $0.lastActionType == "import" }
        #expect(girls.contains { $0.resourceType == "service_capacity" && $0.fieldName == "available" && $0.replacementValue == "5" }, "\(girls)")
        #expect(girls.contains { $0.resourceType == "phone" && $0.fieldName == "number" && $0.previousValue == "(none)"
                                 && $0.replacementValue == "+999 21 555 0199" })
        let all = try store.changes().filter { $0.lastActionType == "import" }
        #expect(all.contains { $0.resourceType == "address" && $0.replacementValue == "2 Moved Street" })
        #expect(all.allSatisfy { $0.updatedBy == Self.ana.name && $0.bundleId == "test@1" })
        let text = all.map { "\($0.previousValue) \($0.replacementValue)" }.joined(separator: "\n")
        #expect(!text.contains(PackageFixture.confidentialStreet) && !text.contains("9 Other Courtyard"), "\(text)")
        #expect(all.contains { $0.resourceType == "address" && $0.replacementValue == "(withheld)" })
    }

    @Test("A replacing import refuses while local changes are unimported, and names how to keep or drop them",
          arguments: StoreKind.allCases)
    func localChangesRefuseReplace(kind: StoreKind) throws {
        let store = try kind.small()
        var edit = ServiceEdit()
        edit.capacityAvailable = 4
        try editor(store).edit(service: Self.girls, edit)
        let before = try state(store, Self.girls)
        let folder = try PackageFixture.small().write()
        let refused = try store.importPackage(at: folder, clock: Fixed.clock)
        #expect(!refused.imported)
        let message = try #require(refused.errors.first?.message)
        #expect(message.contains("--merge") && message.contains("--discard-local-changes"))
        #expect(refused.errors.contains { $0.field == "service_capacity.available" })
        #expect(try state(store, Self.girls) == before)
        #expect(try store.importPackage(at: folder, options: ImportOptions(mode: .merge), clock: Fixed.clock).imported)
        var discard = ImportOptions()
        discard.discardLocalChanges = true
        #expect(try store.importPackage(at: folder, options: discard, clock: Fixed.clock).imported)
        #expect(try store.localChangesSinceImport().isEmpty)
        #expect(try store.importPackage(at: folder, clock: Fixed.clock).imported)
    }

    @Test("The stale queue lists the oldest verifications first with phones and what changed since", arguments: StoreKind.allCases)
    func staleQueue(kind: StoreKind) throws {
        let store = try kind.small()
        let clock = FixedTime(TestTime.epoch.addingTimeInterval(200 * 86_400))
        try editor(store, clock: clock).verify(service: Self.men, method: .phone)
        var edit = ServiceEdit()
        edit.name = "Legal aid (moved)"
        try editor(store, clock: clock).edit(service: Self.legal, edit)
        let queue = try store.staleQueue(olderThan: 180, clock: clock)
        #expect(!queue.contains { $0.serviceId == Self.men })
        #expect(queue.allSatisfy { ($0.daysSince ?? 0) >= 180 })
        let legal = try #require(queue.first { $0.serviceId == Self.legal })
        #expect(legal.changesSince == ["service.name: Legal aid clinic → Legal aid (moved)"])
        // In the South only the men's shelter (verified) is placed; the hotline covers the whole country.
        #expect(try store.staleQueue(olderThan: 180, area: "XA02", clock: clock).map(\.serviceId) == [PackageFixture.id("svc-line")])
        #expect(throws: DirectoryEditError.self) { try store.staleQueue(area: "XQ", clock: clock) }
    }

    @Test("An edit refreshes only that service's derived rows, and the next search and route see it", arguments: StoreKind.allCases)
    func incremental(kind: StoreKind) throws {
        let store = try kind.small()
        var query = SearchQuery()
        query.text = "clinic"
        #expect(try store.search(query, clock: Fixed.clock).results.map(\.serviceId) == [Self.legal])
        _ = try store.snapshot()
        var edit = ServiceEdit()
        edit.name = "Legal counsel"
        edit.status = "temporarily-closed"
        try editor(store).edit(service: Self.legal, edit)
        #expect(try store.search(query, clock: Fixed.clock).results.isEmpty)
        query.text = "counsel"
        query.includeInactive = true
        #expect(try store.search(query, clock: Fixed.clock).results.map(\.serviceId) == [Self.legal])
        let entry = try #require(try store.snapshot().entries.first { $0.serviceId == Self.legal })
        #expect(entry.status == "temporarily closed" && entry.serviceName == "Legal counsel")
    }

    @Test("Exported with --include-confidential after edits and imported into a new store: the same directory and history",
          arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) throws {
        let store = try kind.small()
        var edit = ServiceEdit()
        edit.capacityAvailable = 5
        edit.languages = ["ro", "uk"]
        try editor(store).edit(service: Self.girls, edit)
        try editor(store).verify(service: Self.men, method: .phone, note: "ok")
        try editor(store).undo()
        let folder = TemporaryHome.url("waymark-roundtrip")
        _ = try store.export(to: folder, includeConfidential: true)
        let copy = try kind.make()
        #expect(try copy.importPackage(at: folder, clock: Fixed.clock).imported)
        #expect(try copy.changes() == store.changes())
        for id in [Self.girls, Self.men, Self.legal] {
            #expect(try copy.serviceRecord(id) == store.serviceRecord(id))
        }
        var original = try store.counts()
        var imported = try copy.counts()
        original["waymark_change"] = nil
        imported["waymark_change"] = nil
        #expect(imported == original)
        #expect(try copy.counts()["waymark_change"] == store.counts()["waymark_change"])
    }

    @Test("Organization, exploitation, areas covered, capacity unit, location name and address: a metadata row per field, search follows",
          arguments: StoreKind.allCases)
    func locationAndEligibilityHistory(kind: StoreKind) throws {
        let store = try kind.small()
        _ = try store.search(SearchQuery())  // the index exists before the change
        var edit = ServiceEdit()
        edit.organizationId = PackageFixture.id("org-police")
        edit.addExploitation = ["sexual", "labour"]
        edit.serviceAreas = ["XA01"]
        edit.capacityUnit = "Place"
        edit.locationName = "Harbour house"
        edit.address = "7 Quay Street"
        let receipt = try editor(store).edit(service: Self.girls, edit)
        // The new unit is the directory's, not the service's: the whole history holds it.
        let changes = try store.changes().filter { $0.sequence == receipt.sequence }
        #expect(receipt.fields == changes.count)
        #expect(try store.changes(service: Self.girls).filter { $0.sequence == receipt.sequence }.count == changes.count - 1)
        func row(_ resource: String, _ field: String) -> HistoryEntry? { changes.first { $0.resourceType == resource && $0.fieldName == field } }
        let moved = try #require(row("service", "organization_id"))
        #expect(moved.previousValue == PackageFixture.id("org-hope") && moved.replacementValue == PackageFixture.id("org-police"))
        #expect(changes.filter { $0.resourceType == "attribute" && $0.fieldName == "link_id" }.count == 2)
        #expect(row("service_area", "extent")?.replacementValue == "XA01")
        #expect(row("unit", "name")?.replacementValue == "Place")
        #expect(row("service_capacity", "unit_id")?.previousValue == PackageFixture.id("unit-bed"))
        let renamed = try #require(row("location", "name"))
        #expect(renamed.resourceId == PackageFixture.id("loc-secret") && renamed.replacementValue == "Harbour house")
        // Where a confidential location is stays out of every view of the history.
        #expect(row("address", "address_1")?.previousValue == "(withheld)" && row("address", "address_1")?.replacementValue == "(withheld)")
        #expect(!changes.contains { $0.previousValue.contains("Quiet Courtyard") || $0.replacementValue.contains("Quay Street") })

        let record = try #require(try store.serviceRecord(Self.girls))
        #expect(record.organizationId == PackageFixture.id("org-police"))
        #expect(record.exploitation == ["labour", "sexual"])
        #expect(record.serviceAreas == ["XA01"])
        #expect(record.serviceCapacities.first?.unit == "Place")
        #expect(record.locations.first?.name == "Harbour house")
        // Still confidential: the record withholds the street it was just given.
        #expect(record.locations.first?.confidential == true && record.locations.first?.address == nil)
        let found = try store.search(SearchQuery(text: "State Victim Unit", limit: 20), clock: Fixed.clock)
        #expect(found.results.contains { $0.serviceId == Self.girls && $0.organizationName == "State Victim Unit" })
        let covered = try store.search(SearchQuery(area: "XA0101", limit: 20), clock: Fixed.clock)
        #expect(covered.results.contains { $0.serviceId == Self.girls }, "covering XA01 takes it to the capital")
    }

    @Test("A confidential street changed by an edit: (withheld) in the history and in an export's metadata.csv, whole only with --include-confidential; undo puts the old one back",
          arguments: StoreKind.allCases)
    func confidentialStreetInHistory(kind: StoreKind) throws {
        let store = try kind.small()
        var edit = ServiceEdit()
        edit.address = "7 Quay Street"
        try editor(store).edit(service: Self.girls, edit)
        let shown = try store.changes(service: Self.girls).first { $0.resourceType == "address" && $0.fieldName == "address_1" }
        #expect(shown?.previousValue == "(withheld)" && shown?.replacementValue == "(withheld)")
        let general = FileManager.default.temporaryDirectory.appendingPathComponent("withheld-\(UUID().uuidString)")
        let whole = FileManager.default.temporaryDirectory.appendingPathComponent("whole-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: general); try? FileManager.default.removeItem(at: whole) }
        _ = try store.export(to: general)
        let metadata = try String(contentsOf: general.appendingPathComponent("metadata.csv"), encoding: .utf8)
        #expect(metadata.contains("(withheld)") && !metadata.contains("Quay Street") && !metadata.contains(PackageFixture.confidentialStreet))
        _ = try store.export(to: whole, includeConfidential: true)
        let full = try String(contentsOf: whole.appendingPathComponent("metadata.csv"), encoding: .utf8)
        #expect(full.contains("Quay Street") && full.contains(PackageFixture.confidentialStreet))
        try editor(store).undo()
        let after = FileManager.default.temporaryDirectory.appendingPathComponent("undone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: after) }
        _ = try store.export(to: after, includeConfidential: true)
        let addresses = try String(contentsOf: after.appendingPathComponent("addresses.csv"), encoding: .utf8)
        #expect(addresses.contains(PackageFixture.confidentialStreet) && !addresses.contains("Quay Street"),
                "undo reads the stored value, not the view's")
        // The flag lifted (the shelter moved; the place is an office now): its confidential past stays withheld.
        var lifted = ServiceEdit()
        lifted.confidential = false
        try editor(store).edit(service: Self.girls, lifted)
        let history = try store.changes(service: Self.girls).map { "\($0.previousValue) \($0.replacementValue)" }.joined(separator: "\n")
        #expect(!history.contains("Quay Street") && !history.contains(PackageFixture.confidentialStreet), "\(history)")
        let later = FileManager.default.temporaryDirectory.appendingPathComponent("lifted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: later) }
        _ = try store.export(to: later)
        let laterMetadata = try String(contentsOf: later.appendingPathComponent("metadata.csv"), encoding: .utf8)
        #expect(!laterMetadata.contains("Quay Street") && !laterMetadata.contains(PackageFixture.confidentialStreet))
    }

    @Test("A service confidential at all its locations: one location's flag lifted and the service's condition dropped in one edit leaves the other hidden")
    func liftingOneKeepsTheOthersHidden() throws {
        var fixture = PackageFixture.small()
        fixture.add("service_at_location", ["id": PackageFixture.id("sal-men-hope"), "service_id": Self.men, "location_id": PackageFixture.id("loc-hope")])
        fixture.add("attribute", ["id": PackageFixture.id("cond-men-secret"), "link_id": Self.men, "taxonomy_term_id": PackageFixture.id("term-confidential-address"),
                                  "link_type": "condition", "link_entity": "service"])
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: try fixture.write(), clock: Fixed.clock)
        try #require(report.imported, "\(report.errors)")
        #expect(try store.serviceRecord(Self.men)?.locations.allSatisfy(\.confidential) == true)
        var edit = ServiceEdit()
        edit.locationId = PackageFixture.id("loc-port")
        edit.confidential = false
        edit.removeConditions = ["confidential-address"]
        try editor(store).edit(service: Self.men, edit)
        let places = try #require(try store.serviceRecord(Self.men)?.locations)
        #expect(places.first { $0.id == PackageFixture.id("loc-port") }?.confidential == false)
        #expect(places.first { $0.id == PackageFixture.id("loc-hope") }?.confidential == true, "the other location keeps its address hidden")
    }

    @Test("A confidential flag set by an edit hides the address from the detail and from exports; lifted, the address shows",
          arguments: StoreKind.allCases)
    func confidentialFlag(kind: StoreKind) throws {
        let store = try kind.small()
        var hide = ServiceEdit()
        hide.confidential = true
        hide.address = "12 Open Road"
        try editor(store).edit(service: Self.legal, hide)
        let hidden = try #require(try store.serviceDetail(serviceId: Self.legal, locationId: nil, clock: Fixed.clock))
        #expect(hidden.confidential && hidden.address.isEmpty)
        #expect(try store.serviceRecord(Self.legal)?.locations.first?.address == nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try store.export(to: folder)
        let addresses = try String(contentsOf: folder.appendingPathComponent("addresses.csv"), encoding: .utf8)
        #expect(!addresses.contains("12 Open Road"))
        let flag = try #require(try store.changes(service: Self.legal).last { $0.resourceType == "attribute" && $0.fieldName == "link_entity" })
        #expect(flag.replacementValue == "location")

        var show = ServiceEdit()
        show.confidential = false
        try editor(store).edit(service: Self.girls, show)
        let shown = try #require(try store.serviceDetail(serviceId: Self.girls, locationId: nil, clock: Fixed.clock))
        #expect(!shown.confidential && shown.address.contains(PackageFixture.confidentialStreet))
        #expect(try store.serviceRecord(Self.girls)?.locations.first?.address == PackageFixture.confidentialStreet)
    }

    @Test("An organization and its first service are added as one change: a refused P-code writes neither", arguments: StoreKind.allCases)
    func addWithNewOrganization(kind: StoreKind) throws {
        let store = try kind.small()
        let before = try store.counts()
        var new = NewService(organizationId: "", name: "Night shelter", types: ["shelter.emergency"], area: "XZ99")
        #expect(throws: DirectoryEditError.invalid(field: "area", problem: "unknown P-code 'XZ99'")) {
            try editor(store).addService(new, inNewOrganization: "Casa Nouă")
        }
        #expect(throws: DirectoryEditError.invalid(field: "organization_name", problem: "must not be empty")) {
            try editor(store).addService(new, inNewOrganization: " ")
        }
        #expect(try store.counts() == before)
        new.area = "XA0102"
        let added = try editor(store).addService(new, inNewOrganization: "Casa Nouă")
        let record = try #require(try store.serviceRecord(added.serviceId))
        #expect(record.organizationId == added.organizationId && record.organizationName == "Casa Nouă")
        #expect(record.locations.first?.name == "Night shelter" && record.locations.first?.pcode == "XA0102")
        let changes = try store.changes(service: added.serviceId)
        #expect(Set(changes.compactMap(\.sequence)).count == 1, "one change")
        #expect(try store.search(SearchQuery(text: "Casa Nouă", limit: 10), clock: Fixed.clock).results.map(\.serviceId) == [added.serviceId])
    }
}

