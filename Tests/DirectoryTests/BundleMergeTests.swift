@testable import Directory
import Foundation
import GRDB
import Testing
import TestSupport

/// Bundles passed between sites: a publisher's directory and a home that merges its bundles.
///
/// The publisher is a store holding the small fixture; it exports bundles (full, or a delta since
/// the last one) and records them as created. The home takes the first one in whole, then merges
/// the later ones field by field against the values of the one before.
struct BundleSites {
    static let publisher = "SHA256:publisher-key"
    static let local = ChangeAuthor(name: "Ana (home)")

    let publisherStore: DirectoryStore
    let home: DirectoryStore
    private(set) var last: String?
    private(set) var sequence = 0

    /// Both sites after the home took in the publisher's first full bundle (`includeConfidential` for it).
    init(includeConfidential: Bool = false) throws {
        publisherStore = try DirectoryStore.inMemory()
        _ = try publisherStore.importPackage(at: try PackageFixture.small().write(), clock: Fixed.clock)
        home = try DirectoryStore.inMemory()
        let report = try ship(delta: false, includeConfidential: includeConfidential)
        guard report.imported, report.firstFromPublisher else { throw FixtureError(problems: report.errors) }
    }

    /// Exports the publisher's next bundle, records it there and merges it here.
    @discardableResult
    mutating func ship(delta: Bool, includeConfidential: Bool = false, options: MergeOptions? = nil) throws -> MergeReport {
        let (folder, origin) = try export(delta: delta, includeConfidential: includeConfidential)
        return try home.mergeBundle(at: folder, origin: origin, options: options ?? MergeOptions(author: Self.local), clock: Fixed.clock)
    }

    /// Exports and records the publisher's next bundle without merging it.
    mutating func export(delta: Bool, includeConfidential: Bool = false) throws -> (URL, BundleOrigin) {
        let folder = TemporaryHome.url("waymark-bundle")
        let since = delta ? last : nil
        let export = try publisherStore.exportBundle(to: folder, since: since, includeConfidential: includeConfidential)
        sequence += 1
        let origin = BundleOrigin(bundleID: "bundle-\(sequence)", baseBundleID: since, publisher: Self.publisher,
                                  publisherName: "Regional coordinator, North", sequence: sequence,
                                  createdAt: "2026-01-15T10:00:0\(sequence)Z", unchanged: export.unchanged.mapValues(Set.init))
        try publisherStore.recordCreatedBundle(origin, changeSequence: export.changeSequence, clock: Fixed.clock)
        last = origin.bundleID
        return (folder, origin)
    }

    /// Sets a field through the history, as an edit does (`(none)` clears it).
    static func set(_ store: DirectoryStore, _ table: String, _ id: String, _ field: String, _ text: String, by author: String = "someone") throws {
        try store.writer.write { db in
            var recorder = ChangeRecorder(db: db, author: author, now: Fixed.clock.now())
            let type = HSDSSchema.resource(named: table)?.field(field)?.type ?? .string
            try recorder.update(table, id: id, field: field, to: ChangeRecorder.value(text, type: type))
        }
    }

    /// Deletes a row through the history.
    static func delete(_ store: DirectoryStore, _ table: String, _ id: String) throws {
        try store.writer.write { db in
            var recorder = ChangeRecorder(db: db, author: "someone", now: Fixed.clock.now())
            try recorder.delete(table, id: id)
        }
    }

    /// A field's value as history writes it; nil when the row is gone.
    static func value(_ store: DirectoryStore, _ table: String, _ id: String, _ field: String) throws -> String? {
        try store.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id]) else { return nil }
            let type = HSDSSchema.resource(named: table)?.field(field)?.type ?? .string
            return ChangeRecorder.text(row[field] ?? .null, type: type)
        }
    }
}

@Suite("Merging bundles between sites")
struct BundleMergeTests {
    static let legal = PackageFixture.id("svc-legal")
    static let area = PackageFixture.id("sa-line")
    static let secret = PackageFixture.id("loc-secret")

    /// One row of the merge table: what each side does, what the home has afterwards, whether it is a conflict.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let table: String
        let id: String
        let field: String
        let local: String?      // nil: untouched; "(removed)": row deleted
        let incoming: String?
        let expected: String?   // nil: the row is gone
        let conflict: Bool
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "changed here only", table: "service", id: legal, field: "name", local: "Legal clinic (home)", incoming: nil,
             expected: "Legal clinic (home)", conflict: false),
        Case(name: "changed upstream only", table: "service", id: legal, field: "name", local: nil, incoming: "Legal clinic (north)",
             expected: "Legal clinic (north)", conflict: false),
        Case(name: "both changed alike", table: "service", id: legal, field: "name", local: "Same", incoming: "Same",
             expected: "Same", conflict: false),
        Case(name: "both changed differently: the local value stays", table: "service", id: legal, field: "name", local: "Mine",
             incoming: "Theirs", expected: "Mine", conflict: true),
        Case(name: "removed upstream, edited here", table: "service_area", id: area, field: "extent", local: "XA01",
             incoming: MergeConflict.removed, expected: "XA01", conflict: true),
        Case(name: "edited upstream, removed here", table: "service_area", id: area, field: "extent", local: MergeConflict.removed,
             incoming: "XA01", expected: nil, conflict: true),
        Case(name: "removed upstream, untouched here", table: "service_area", id: area, field: "extent", local: nil,
             incoming: MergeConflict.removed, expected: nil, conflict: false),
    ]

    static func apply(_ change: String?, _ c: Case, _ store: DirectoryStore) throws {
        guard let change else { return }
        if change == MergeConflict.removed {
            try BundleSites.delete(store, c.table, c.id)
        } else {
            try BundleSites.set(store, c.table, c.id, c.field, change)
        }
    }

    @Test("The merge table, by a full bundle and by a delta", arguments: cases, [false, true])
    func mergeTable(_ c: Case, delta: Bool) throws {
        var sites = try BundleSites()
        try Self.apply(c.local, c, sites.home)
        try Self.apply(c.incoming, c, sites.publisherStore)
        let report = try sites.ship(delta: delta)
        #expect(report.imported, "\(report.errors)")
        #expect(!report.firstFromPublisher)
        #expect(try BundleSites.value(sites.home, c.table, c.id, c.field) == c.expected)
        #expect(report.conflicts.count == (c.conflict ? 1 : 0), "\(report.conflicts)")
        #expect(try sites.home.conflicts().count == (c.conflict ? 1 : 0))
        if c.conflict, let conflict = report.conflicts.first {
            #expect(conflict.entity == c.table && conflict.entityID == c.id)
            #expect(conflict.publisher == BundleSites.publisher && conflict.bundleID == "bundle-2")
            if c.table == "service" {
                #expect(conflict.local == c.local && conflict.incoming == c.incoming && conflict.localBy == "someone")
            } else {
                #expect(conflict.field == MergeConflict.row)
            }
        }
        // Merging the same again changes nothing and opens nothing new.
        let again = try sites.ship(delta: delta)
        #expect(again.fieldsApplied == 0 && again.rowsCreated == 0 && again.rowsDeleted == 0)
        #expect(try sites.home.conflicts().count == (c.conflict ? 1 : 0))
        #expect(try BundleSites.value(sites.home, c.table, c.id, c.field) == c.expected)
    }

    @Test("A merged value shows in search, and is in the history with the bundle as origin", arguments: [false, true])
    func mergedValueIsSearchedAndRecorded(delta: Bool) throws {
        var sites = try BundleSites()
        #expect(try sites.home.search(SearchQuery(text: "Lighthouse"), clock: Fixed.clock).results.isEmpty)
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "name", "Lighthouse legal clinic")
        let report = try sites.ship(delta: delta)
        #expect(report.fieldsApplied == 1)
        let found = try sites.home.search(SearchQuery(text: "Lighthouse"), clock: Fixed.clock).results
        #expect(found.map(\.serviceId) == [Self.legal])
        let origin = try sites.home.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.bundle_id FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
                WHERE m.resource_id = ? AND m.field_name = 'name' AND m.replacement_value = 'Lighthouse legal clinic' AND c.sequence IS NOT NULL
                """, arguments: [Self.legal])
        }
        #expect(origin == ["bundle-2"])
    }

    @Test("A merge is not the merging operator's change to undo")
    func mergeIsNotUndone() throws {
        var sites = try BundleSites()
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "name", "Renamed upstream")
        try sites.ship(delta: true)
        #expect(throws: DirectoryEditError.nothingToUndo(author: BundleSites.local.name)) {
            try DirectoryEditor(store: sites.home, author: BundleSites.local, clock: Fixed.clock).undo()
        }
        #expect(try BundleSites.value(sites.home, "service", Self.legal, "name") == "Renamed upstream")
    }

    @Test("What a bundle withheld of a confidential location is neither a conflict nor a removal", arguments: [false, true])
    func withheldFieldsStay(delta: Bool) throws {
        var sites = try BundleSites(includeConfidential: true)
        let latitude = try BundleSites.value(sites.home, "location", Self.secret, "latitude")
        let addresses = try sites.home.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM address WHERE location_id = ?", arguments: [Self.secret]) ?? 0
        }
        #expect(latitude != nil && latitude != ChangeRecorder.none && addresses > 0)
        try BundleSites.set(sites.publisherStore, "location", Self.secret, "name", "Safe place (renamed)")
        try BundleSites.set(sites.home, "location", Self.secret, "latitude", "45.5")
        let report = try sites.ship(delta: delta)
        #expect(report.imported, "\(report.errors)")
        #expect(report.conflicts.isEmpty && report.rowsDeleted == 0)
        #expect(try BundleSites.value(sites.home, "location", Self.secret, "name") == "Safe place (renamed)")
        #expect(try BundleSites.value(sites.home, "location", Self.secret, "latitude") == "45.5")
        #expect(try sites.home.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM address WHERE location_id = ?", arguments: [Self.secret]) ?? 0
        } == addresses)
    }

    @Test("Merging is symmetric where nothing conflicts: merge(base, A, B) and merge(base, B, A) agree field by field")
    func mergeIsSymmetric() throws {
        var random = SeededRandom(seed: 20_261_207)
        let services = ["svc-girls", "svc-men", "svc-legal", "svc-line"].map(PackageFixture.id)
        let fields = ["name", "description", "email", "url", "alert"]
        let values = ["alpha", "beta", "gamma", "(none)"]
        for round in 0..<6 {
            // Two sets of edits: (service, field) → value.
            var edits: [[String: String]] = [[:], [:]]
            for side in 0..<2 {
                for _ in 0..<6 {
                    let field = fields[Int.random(in: 0..<fields.count, using: &random)]
                    let value = values[Int.random(in: 0..<values.count, using: &random)]
                    // A service's name is required: it is never cleared.
                    edits[side][services[Int.random(in: 0..<services.count, using: &random)] + "|" + field] =
                        field == "name" && value == ChangeRecorder.none ? "delta" : value
                }
            }
            var outcomes: [[String: String]] = []
            var conflicted: [Set<String>] = []
            for (localSide, incomingSide) in [(0, 1), (1, 0)] {
                var sites = try BundleSites()
                for (key, value) in edits[localSide] {
                    let parts = key.split(separator: "|").map(String.init)
                    try BundleSites.set(sites.home, "service", parts[0], parts[1], value)
                }
                for (key, value) in edits[incomingSide] {
                    let parts = key.split(separator: "|").map(String.init)
                    try BundleSites.set(sites.publisherStore, "service", parts[0], parts[1], value)
                }
                let report = try sites.ship(delta: round % 2 == 1)
                #expect(report.imported, "\(report.errors)")
                conflicted.append(Set(report.conflicts.map { "\($0.entityID)|\($0.field)" }))
                var outcome: [String: String] = [:]
                for service in services {
                    for field in fields { outcome["\(service)|\(field)"] = try BundleSites.value(sites.home, "service", service, field) }
                }
                outcomes.append(outcome)
            }
            #expect(conflicted[0] == conflicted[1], "round \(round)")
            for key in outcomes[0].keys where !conflicted[0].contains(key) {
                #expect(outcomes[0][key] == outcomes[1][key], "round \(round): \(key)")
            }
        }
    }

    @Test("A delta export validates with zero errors, lists what it references as unchanged, and merges")
    func deltaExportValidatesAndMerges() throws {
        var sites = try BundleSites()
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "description", "Free legal advice, Mondays")
        try BundleSites.delete(sites.publisherStore, "service_area", Self.area)
        let (folder, origin) = try sites.export(delta: true)
        let validation = PackageValidator().validate(folder)
        #expect(validation.errorCount == 0, "\(validation.problems.filter { $0.severity == .error })")
        #expect(origin.unchanged["organization"]?.contains(PackageFixture.id("org-hope")) == true)
        let tombstones = try String(contentsOf: folder.appendingPathComponent("tombstones.csv"), encoding: .utf8)
        #expect(tombstones.contains("service_area,\(Self.area),"))
        let report = try sites.home.mergeBundle(at: folder, origin: origin, options: MergeOptions(author: BundleSites.local), clock: Fixed.clock)
        #expect(report.imported && report.fieldsApplied == 1 && report.rowsDeleted == 1)
        #expect(try BundleSites.value(sites.home, "service", Self.legal, "description") == "Free legal advice, Mondays")
        #expect(try BundleSites.value(sites.home, "service_area", Self.area, "extent") == nil)
        #expect(try sites.home.bundle(id: origin.bundleID)?.direction == .imported)
        #expect(try sites.home.lastImportedSequence(publisher: BundleSites.publisher) == 2)
    }

    @Test("A delta against a bundle this home never saw is refused, naming the bundle it needs")
    func unknownBaseRefused() throws {
        let sites = try BundleSites()
        let folder = TemporaryHome.url("waymark-bundle")
        let origin = BundleOrigin(bundleID: "bundle-9", baseBundleID: "bundle-8", publisher: BundleSites.publisher,
                                  publisherName: "Regional coordinator, North", sequence: 9, createdAt: "2026-01-15T10:00:00Z")
        #expect {
            try sites.home.mergeBundle(at: folder, origin: origin, options: MergeOptions(author: BundleSites.local))
        } throws: { error in
            "\(error)".contains("based on bundle bundle-8") && "\(error)".contains("import bundle-8")
        }
        #expect(throws: MergeError.unknownBundle("bundle-8")) {
            try sites.publisherStore.exportBundle(to: TemporaryHome.url("waymark-bundle"), since: "bundle-8", includeConfidential: false)
        }
    }

    @Test("A replayed or older bundle number is refused, naming both numbers")
    func replayRefused() throws {
        var sites = try BundleSites()
        try sites.ship(delta: false)
        var (folder, origin) = try sites.export(delta: false)
        origin.sequence = 1
        #expect(throws: MergeError.staleSequence(publisher: "Regional coordinator, North", incoming: 1, last: 2)) {
            try sites.home.mergeBundle(at: folder, origin: origin, options: MergeOptions(author: BundleSites.local))
        }
        #expect("\(MergeError.staleSequence(publisher: "P", incoming: 1, last: 2))".contains("number 1"))
        #expect("\(MergeError.staleSequence(publisher: "P", incoming: 1, last: 2))".contains("number 2"))
    }

    @Test("A merge that fails after writing rows leaves the directory as it was", arguments: [false, true])
    func mergeIsAtomic(delta: Bool) throws {
        var sites = try BundleSites()
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "name", "Renamed upstream")
        try sites.home.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_receipt BEFORE INSERT ON bundle_receipt BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        let written = LockBox(false)
        var options = MergeOptions(author: BundleSites.local)
        options.checkpoint = { if $0 == "merge-written" { written.value = true } }
        #expect(throws: (any Error).self) { try sites.ship(delta: delta, options: options) }
        #expect(written.value)
        #expect(try BundleSites.value(sites.home, "service", Self.legal, "name") == "Legal aid clinic")
        #expect(try sites.home.bundle(id: "bundle-2") == nil)
        #expect(try sites.home.search(SearchQuery(text: "Renamed"), clock: Fixed.clock).results.isEmpty)
    }

    @Test("Resolving a conflict keeps the history; a value the field refuses is refused with a sentence")
    func resolveKeepsHistory() throws {
        var sites = try BundleSites()
        try BundleSites.set(sites.home, "service", Self.legal, "name", "Mine")
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "name", "Theirs")
        try BundleSites.set(sites.home, "service", Self.legal, "status", "inactive")
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "status", "defunct")
        let report = try sites.ship(delta: true)
        #expect(report.conflicts.count == 2)
        let name = try #require(report.conflicts.first { $0.field == "name" })
        let status = try #require(report.conflicts.first { $0.field == "status" })
        #expect(throws: ConflictError.self) { try sites.home.resolveConflict(status.id, .value("closed-forever"), author: BundleSites.local) }
        #expect(try sites.home.conflicts().count == 2)
        try sites.home.resolveConflict(name.id, .keepIncoming, author: BundleSites.local, clock: Fixed.clock)
        #expect(try BundleSites.value(sites.home, "service", Self.legal, "name") == "Theirs")
        let history = try sites.home.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM metadata WHERE resource_id = ? AND field_name = 'name' AND previous_value = 'Mine' AND replacement_value = 'Theirs'
                """, arguments: [Self.legal]) ?? 0
        }
        #expect(history == 1)
        try sites.home.resolveConflict(status.id, .value("active"), author: BundleSites.local, clock: Fixed.clock)
        #expect(try BundleSites.value(sites.home, "service", Self.legal, "status") == "active")
        #expect(try sites.home.conflicts().isEmpty)
        #expect(try sites.home.conflicts(includeResolved: true).map(\.resolution) == ["incoming", "value: active"])
        #expect(throws: ConflictError.alreadyResolved(name.id, resolution: "incoming")) {
            try sites.home.resolveConflict(name.id, .keepLocal, author: BundleSites.local)
        }
        #expect(throws: ConflictError.notFound(999)) { try sites.home.resolveConflict(999, .keepLocal, author: BundleSites.local) }
        // The publisher's value stays the base: the next bundle does not reopen the name.
        let next = try sites.ship(delta: false)
        #expect(next.conflicts.isEmpty, "\(next.conflicts)")
    }

    @Test("A conflict on the same field merged again updates the open conflict instead of adding one")
    func conflictUpdated() throws {
        var sites = try BundleSites()
        try BundleSites.set(sites.home, "service", Self.legal, "name", "Mine")
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "name", "Theirs")
        try sites.ship(delta: false)
        try BundleSites.set(sites.publisherStore, "service", Self.legal, "name", "Theirs, again")
        let report = try sites.ship(delta: true)
        let open = try sites.home.conflicts()
        #expect(open.count == 1 && open.first?.incoming == "Theirs, again" && open.first?.bundleID == "bundle-3")
        #expect(report.conflicts.map(\.id) == open.map(\.id))
    }

    @Test("Services added on both sides that look alike are reported once as possible duplicates, at most 20")
    func duplicatesReportedOnce() throws {
        var sites = try BundleSites()
        let organization = PackageFixture.id("org-hope")
        for (store, name) in [(sites.home, "Ana"), (sites.publisherStore, "North")] {
            let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: name), clock: Fixed.clock)
            for index in 1...5 {
                _ = try editor.addService(NewService(organizationId: organization, name: "Casa Speranței \(index)",
                                                     types: ["shelter.emergency"], area: "XA0101"))
            }
        }
        let report = try sites.ship(delta: true)
        #expect(report.rowsCreated > 0)
        #expect(report.duplicates.count == 20)
        #expect(report.duplicates.first?.reason == "same organization name and P-code")
        #expect(report.duplicates.map(\.score) == report.duplicates.map(\.score).sorted(by: >))
        #expect(Set(report.duplicates.map { "\($0.incomingID)|\($0.localID)" }).count == 20)
        let again = try sites.ship(delta: false)
        #expect(again.duplicates.isEmpty)
    }

    @Test("Trigram similarity folds case and diacritics")
    func trigramSimilarity() {
        let a = DuplicateFinder.trigrams("Casa Speranței"), b = DuplicateFinder.trigrams("CASA SPERANTEI")
        #expect(DuplicateFinder.jaccard(a, b) == 1)
        #expect(DuplicateFinder.jaccard(a, DuplicateFinder.trigrams("Legal aid clinic")) < DuplicateFinder.threshold)
    }
}

/// Where an organization key came from decides whether envelopes rely on it.
@Suite struct OrganizationKeyOriginTests {
    static let organization = PackageFixture.id("org-hope")
    static let other = PackageFixture.id("org-police")
    let key = Data(repeating: 9, count: 32).base64EncodedString()

    func store() throws -> DirectoryStore {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try PackageFixture.small().write())
        return store
    }

    @Test func aKeyAddedHereIsLocalAndOneMovedOrChangedByAPlainPackageIsNot() throws {
        let store = try store()
        let added = try DirectoryEditor(store: store, author: ChangeAuthor(name: "Coordinator")).addOrganizationKey(Self.organization, kind: .publisher, base64: key)
        #expect(try store.organizationKeys(Self.organization).map(\.origin) == [.local])
        // A plain package that moves the same row, same key, to another organization.
        var moved = PackageFixture.small()
        moved.add("organization_identifier", ["id": added.id, "organization_id": Self.other, "identifier_scheme": "",
                                              "identifier_type": "waymark-publisher-key", "identifier": key])
        _ = try store.importPackage(at: try moved.write(), options: ImportOptions(mode: .merge))
        #expect(try store.organizationKeys(Self.other).map(\.origin) == [.unverified])
        #expect(try store.organizationKeys(Self.organization).isEmpty)
        // A plain package that brings a key of its own.
        var brought = PackageFixture.small()
        brought.add("organization_identifier", ["id": PackageFixture.id("planted"), "organization_id": Self.organization, "identifier_scheme": "",
                                                "identifier_type": "waymark-referral-key", "identifier": key])
        _ = try store.importPackage(at: try brought.write(), options: ImportOptions(mode: .merge))
        #expect(try store.organizationKeys(Self.organization).map(\.origin) == [.unverified])
    }
}
