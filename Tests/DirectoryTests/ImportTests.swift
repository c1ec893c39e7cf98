import Directory
import Foundation
import Testing
import TestSupport

@Suite("Importing a package")
struct ImportTests {
    @Test("The small fixture imports with no problems but its police-conditional shelter, and counts every table",
          arguments: StoreKind.allCases)
    func importsFixture(kind: StoreKind) throws {
        let store = try kind.make()
        let report = try store.importPackage(at: try PackageFixture.small().write(), clock: Fixed.clock)
        #expect(report.imported)
        #expect(report.problems.exceptPoliceCondition.isEmpty, "\(report.problems)")
        #expect(report.problems.count == 1 && report.problems.first?.message.contains("'Men's Shelter'") == true)
        #expect(report.counts["service"] == 5)
        #expect(try store.counts()["organization"] == 3)
        #expect(try store.title() == "Test directory")
        #expect(try store.importLog().count == 1)
    }

    /// A refusal must name the place and leave the stored directory exactly as it was.
    func expectRefused(_ fixture: PackageFixture, kind: StoreKind, where place: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = try kind.small()
        let before = try store.counts()
        let report = try store.importPackage(at: try fixture.write(), clock: Fixed.clock)
        #expect(!report.imported, sourceLocation: sourceLocation)
        #expect(report.errors.contains { $0.description.hasPrefix(place) }, "\(report.errors)", sourceLocation: sourceLocation)
        #expect(try store.counts() == before, sourceLocation: sourceLocation)
        #expect(try store.importLog().count == 1, sourceLocation: sourceLocation)
    }

    @Test("A missing required column is refused", arguments: StoreKind.allCases)
    func missingColumn(kind: StoreKind) throws {
        var f = PackageFixture.small()
        f.headers["service"] = HSDSSchema.resource(named: "service")!.fields.map(\.name).filter { $0 != "organization_id" }
        try expectRefused(f, kind: kind, where: "services.csv:1: organization_id: required column is missing")
    }

    @Test("A duplicate id is refused with both lines", arguments: StoreKind.allCases)
    func duplicateID(kind: StoreKind) throws {
        var f = PackageFixture.small()
        f.organization("org-hope", name: "Copy")
        try expectRefused(f, kind: kind, where: "organizations.csv:5: id: duplicate id")
    }

    @Test("A service pointing at a missing organization is refused", arguments: StoreKind.allCases)
    func danglingOrganization(kind: StoreKind) throws {
        var f = PackageFixture.small()
        f.service("svc-orphan", org: "org-nobody", name: "Orphan", at: "loc-hope", types: ["legal"])
        try expectRefused(f, kind: kind, where: "services.csv:7: organization_id:")
    }

    @Test("Invalid UTF-8, an unterminated quote, a malformed row and an empty file are refused",
          arguments: [
            (Data([0x69, 0x64, 0x0A, 0xFF, 0x0A]), "organizations.csv:2:"),
            (Data("id,name,description\n\"x,y,z\n".utf8), "organizations.csv:2:"),
            (Data("id,name,description\na,b\n".utf8), "organizations.csv:2: malformed row"),
            (Data(), "organizations.csv:1:"),
          ])
    func malformedFiles(data: Data, place: String) throws {
        var f = PackageFixture.small()
        f.rawFiles["organizations.csv"] = data
        try expectRefused(f, kind: .inMemory, where: place)
    }

    @Test("A wrong type is refused: minimum_age 'twelve'")
    func wrongType() throws {
        var f = PackageFixture.small()
        f.rows["service"]![0]["minimum_age"] = "twelve"
        try expectRefused(f, kind: .inMemory, where: "services.csv:2: minimum_age: 'twelve' is not a number")
    }

    @Test("A BOM and CRLF line ends import correctly")
    func bomAndCRLF() throws {
        var f = PackageFixture.small()
        let org = HSDSSchema.resource(named: "organization")!.fields.map(\.name)
        var text = "\u{FEFF}" + org.joined(separator: ",") + "\r\n"
        for key in ["org-hope", "org-police", "org-thai"] {
            text += org.map { $0 == "id" ? PackageFixture.id(key) : $0 == "name" ? "Org \(key)" : $0 == "description" ? "D" : "" }
                .joined(separator: ",") + "\r\n"
        }
        f.rawFiles["organizations.csv"] = Data(text.utf8)
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        #expect(report.imported, "\(report.errors)")
        #expect(try store.search(SearchQuery(text: "org-police"), clock: Fixed.clock).total == 1)
    }

    @Test("Warnings drop the value and still import: dangling optional reference, bad coordinate, unknown column")
    func warnings() throws {
        var f = PackageFixture.small()
        f.rows["location"]![0]["latitude"] = "100"
        f.rows["organization"]![0]["parent_organization_id"] = PackageFixture.id("org-missing")
        f.headers["phone"] = HSDSSchema.resource(named: "phone")!.fields.map(\.name) + ["whatsapp"]
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        #expect(report.imported)
        let text = report.warnings.map(\.description)
        #expect(text.contains { $0.hasPrefix("locations.csv:2: latitude: 100 is out of range") })
        #expect(text.contains { $0.hasPrefix("organizations.csv:2: parent_organization_id:") })
        #expect(text.contains { $0.hasPrefix("phones.csv:1: whatsapp: unknown column") })
    }

    @Test("A 1 MB description and escape sequences are stored as data")
    func largeAndHostileText() throws {
        var f = PackageFixture.small()
        let big = String(repeating: "Long description. ", count: 60_000)
        f.rows["service"]![0]["description"] = big
        f.rows["service"]![1]["name"] = "Evil \u{1B}[2J\u{1B}]0;owned\u{07} shelter"
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        #expect(report.imported)
        let found = try store.search(SearchQuery(text: "evil"), clock: Fixed.clock)
        #expect(found.results.first?.serviceName.contains("\u{1B}") == true, "stored as data, unchanged")
        #expect(try store.search(SearchQuery(text: "long description"), clock: Fixed.clock).total == 1)
    }

    @Test("Re-importing replaces the directory and removed services become tombstones", arguments: StoreKind.allCases)
    func replaceMakesTombstones(kind: StoreKind) throws {
        let store = try kind.small()
        var f = PackageFixture.small()
        f.rows["service"]!.removeAll { $0["id"] == PackageFixture.id("svc-closed") }
        f.rows["service_at_location"]!.removeAll { $0["service_id"] == PackageFixture.id("svc-closed") }
        f.rows["attribute"]!.removeAll { $0["link_id"] == PackageFixture.id("svc-closed") }
        let report = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        #expect(report.tombstoned == 1)
        let tombstones = try store.tombstones()
        #expect(tombstones.map(\.serviceId) == [PackageFixture.id("svc-closed")])
        #expect(tombstones.first?.organizationName == "Fundația Speranța")
        // Importing it again brings it back and removes the tombstone.
        _ = try store.importPackage(at: try PackageFixture.small().write(), clock: Fixed.clock)
        #expect(try store.tombstones().isEmpty)
    }

    @Test("--merge replaces each incoming entity with its dependent rows and keeps the rest", arguments: StoreKind.allCases)
    func merge(kind: StoreKind) throws {
        let store = try kind.small()
        var f = PackageFixture()
        // The legal clinic again, renamed, now Romanian-only; it points at an organization already stored.
        f.add("service", ["id": PackageFixture.id("svc-legal"), "organization_id": PackageFixture.id("org-hope"),
                          "name": "Legal aid clinic (renamed)", "status": "active"])
        f.add("service_at_location", ["id": PackageFixture.id("sal-svc-legal"), "service_id": PackageFixture.id("svc-legal"),
                                      "location_id": PackageFixture.id("loc-hope")])
        f.add("language", ["id": PackageFixture.id("lang-legal-ro-2"), "service_id": PackageFixture.id("svc-legal"), "code": "ro"])
        let report = try store.importPackage(at: try f.write(), options: ImportOptions(mode: .merge), clock: Fixed.clock)
        #expect(report.imported, "\(report.errors)")
        #expect(try store.counts()["service"] == 5)
        let legal = try store.search(SearchQuery(text: "renamed"), clock: Fixed.clock).results
        #expect(legal.first?.languages == ["ro"])
        #expect(legal.first?.serviceTypes == ["legal.aid"], "the package brings no attribute of its own: the stored ones stay")
        #expect(try store.search(SearchQuery(text: "girls"), clock: Fixed.clock).total == 1, "others untouched")
        #expect(try store.tombstones().isEmpty)
    }

    @Test("--merge of one changed services.csv row keeps every other fact of the service: types, sex, phone, place, capacity, languages, area",
          arguments: StoreKind.allCases)
    func mergeLosesNothing(kind: StoreKind) throws {
        let store = try kind.small()
        let girls = PackageFixture.id("svc-girls")
        let before = try #require(try store.serviceDetail(serviceId: girls, locationId: nil, clock: Fixed.clock))
        // The package a coordinator sends after re-verifying the shelter: one row, one changed date.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-one-row-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"name": "reverified", "version": "2"}"#.utf8).write(to: folder.appendingPathComponent("datapackage.json"))
        let fields = HSDSSchema.resource(named: "service")!.fields.map(\.name)
        var values = Dictionary(uniqueKeysWithValues: fields.map { ($0, "") })
        values["id"] = girls
        values["organization_id"] = PackageFixture.id("org-hope")
        values["name"] = before.name
        values["status"] = "active"
        values["assured_date"] = "2026-01-14"
        let csv = fields.joined(separator: ",") + "\n" + fields.map { PackageFixture.quote(values[$0] ?? "") }.joined(separator: ",") + "\n"
        try Data(csv.utf8).write(to: folder.appendingPathComponent("services.csv"))
        let report = try store.importPackage(at: folder, options: ImportOptions(mode: .merge), clock: Fixed.clock)
        #expect(report.imported, "\(report.errors)")
        let after = try #require(try store.serviceDetail(serviceId: girls, locationId: nil, clock: Fixed.clock))
        #expect(after.assuredDate == "2026-01-14")
        #expect(after.serviceTypes == before.serviceTypes)
        #expect(after.sex == before.sex)
        #expect(after.locationId == before.locationId)
        #expect(after.capacities == before.capacities)
        #expect(after.conditions == before.conditions)
        #expect(!after.capacities.isEmpty && !after.conditions.isEmpty)
        #expect(after.phones == before.phones)
        #expect(try store.search(SearchQuery(text: "Girls"), clock: Fixed.clock).total == 1, "still found")
    }

    @Test("A dry run checks and reports without writing")
    func dryRun() throws {
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: try PackageFixture.small().write(), options: ImportOptions(dryRun: true), clock: Fixed.clock)
        #expect(!report.imported)
        #expect(report.counts["service"] == 5)
        #expect(try store.isEmpty())
    }

    @Test("The official HSDS example imports with warnings and a note of what it lacks",
          .enabled(if: HSDSReference.available, "the HSDS 3.0 reference copy is not beside the checkout (set WAYMARK_HSDS_REFERENCE)"))
    func officialExample() throws {
        let reference = try #require(HSDSReference.folder, "the HSDS reference copy is required here")
        let example = reference.appendingPathComponent("examples/csv")
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: example, clock: Fixed.clock)
        #expect(report.imported, "\(report.errors)")
        #expect(!report.warnings.isEmpty)
        #expect(report.notes.contains { $0.hasPrefix("No Waymark taxonomies") })
        #expect(try store.counts()["service"] == 1)
    }

    @Test("Seeding shifts verification dates from the reference date to the seeding day")
    func shiftsDates() throws {
        let store = try DirectoryStore.inMemory()
        let later = FixedTime(Fixed.clock.instant.addingTimeInterval(10 * 86_400))
        let report = try store.importPackage(at: try PackageFixture.small().write(),
                                             options: ImportOptions(shiftVerificationDates: true), clock: later)
        #expect(report.shiftDays == 10)
        let legal = try store.search(SearchQuery(text: "legal"), clock: later).results
        #expect(legal.first?.assuredDate == "2026-01-11")
    }
}
