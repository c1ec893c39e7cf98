import Directory
import Foundation
import Testing
import TestSupport

@Suite("Exporting the directory")
struct ExportTests {
    func exportFolder() -> URL {
        TemporaryHome.url("waymark-export")
    }

    @Test("All 21 official resources are written in the official column order, header only when empty")
    func officialFiles() throws {
        let store = try StoreKind.inMemory.small()
        let folder = exportFolder()
        _ = try store.export(to: folder, includeConfidential: true)
        for resource in HSDSSchema.all {
            let csv = try CSVFile(data: Data(contentsOf: folder.appendingPathComponent(resource.path)))
            #expect(csv.header == resource.fields.map(\.name), "\(resource.path)")
        }
        let funding = try CSVFile(data: Data(contentsOf: folder.appendingPathComponent("funding.csv")))
        #expect(funding.records.isEmpty)
        let descriptor = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datapackage.json"))) as? [String: Any]
        let names = (descriptor?["resources"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == HSDSSchema.all.map(\.name))
    }

    @Test("Import of an export gives back the same directory, field by field", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) throws {
        let first = try kind.small()
        let folder = exportFolder()
        _ = try first.export(to: folder, includeConfidential: true)
        let second = try kind.make()
        let report = try second.importPackage(at: folder, clock: Fixed.clock)
        #expect(report.imported)
        #expect(report.problems.exceptPoliceCondition.isEmpty, "\(report.problems)")
        let again = exportFolder()
        _ = try second.export(to: again, includeConfidential: true)
        for resource in HSDSSchema.all {
            let a = try CSVFile(data: Data(contentsOf: folder.appendingPathComponent(resource.path)))
            let b = try CSVFile(data: Data(contentsOf: again.appendingPathComponent(resource.path)))
            #expect(a.records.map(\.fields) == b.records.map(\.fields), "\(resource.path)")
        }
        #expect(try first.counts() == second.counts())
        let query = SearchQuery(limit: 100)
        #expect(try first.search(query, clock: Fixed.clock) == second.search(query, clock: Fixed.clock))
    }

    @Test("A confidential location is exported without its address, coordinates or directions")
    func confidential() throws {
        let store = try StoreKind.inMemory.small()
        let folder = exportFolder()
        let report = try store.export(to: folder)
        #expect(report.confidentialLocationsWithheld == 1)
        let secret = PackageFixture.id("loc-secret")
        let addresses = try CSVFile(data: Data(contentsOf: folder.appendingPathComponent("addresses.csv")))
        #expect(!addresses.records.contains { $0.fields[1] == secret })
        #expect(addresses.records.count == 2)
        let locations = try CSVFile(data: Data(contentsOf: folder.appendingPathComponent("locations.csv")))
        let row = try #require(locations.records.first { $0.fields[0] == secret })
        let lat = try #require(locations.header.firstIndex(of: "latitude"))
        let transport = try #require(locations.header.firstIndex(of: "transportation"))
        #expect(row.fields[lat] == "" && row.fields[lat + 1] == "" && row.fields[transport] == "")
        // The street is nowhere in the package, whichever file it might have reached.
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(PackageFixture.confidentialStreet), "\(file)")
        }
        let included = exportFolder()
        _ = try store.export(to: included, includeConfidential: true)
        let withAddress = try String(contentsOf: included.appendingPathComponent("addresses.csv"), encoding: .utf8)
        #expect(withAddress.contains(PackageFixture.confidentialStreet), "asked for, the street is exported")
    }

    @Test("An export without confidential addresses says what it withheld; importing it back, replacing or merging, keeps this directory's own")
    func withheldKept() throws {
        let secret = PackageFixture.id("loc-secret")
        for mode in [ImportMode.replace, .merge] {
            let store = try StoreKind.inMemory.small()
            /// The directory's own confidential facts, as an export that includes them shows them.
            func confidentialFacts() throws -> [String] {
                let included = exportFolder()
                _ = try store.export(to: included, includeConfidential: true)
                return try ["addresses.csv", "phones.csv", "locations.csv"].map {
                    try String(contentsOf: included.appendingPathComponent($0), encoding: .utf8).split(separator: "\n")
                        .filter { $0.contains(secret) }.joined(separator: "\n")
                }
            }
            let before = try confidentialFacts()
            #expect(before[0].contains(PackageFixture.confidentialStreet))
            let folder = exportFolder()
            _ = try store.export(to: folder)
            let descriptor = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datapackage.json"))) as? [String: Any]
            #expect(descriptor?["waymark:withheld"] as? [String] == [secret])
            let report = try store.importPackage(at: folder, options: ImportOptions(mode: mode), clock: Fixed.clock)
            #expect(report.imported, "\(report.errors)")
            #expect(report.notes.contains { $0.contains("Kept this directory's own address and coordinates of 1 confidential location") },
                    "\(report.notes)")
            #expect(try confidentialFacts() == before, "\(mode)")
        }
        // Into a new home there is nothing to keep, and it says so.
        let source = try StoreKind.inMemory.small()
        let folder = exportFolder()
        _ = try source.export(to: folder)
        let fresh = try DirectoryStore.inMemory()
        let report = try fresh.importPackage(at: folder, clock: Fixed.clock)
        #expect(report.notes.contains { $0.contains("came without address or coordinates") }, "\(report.notes)")
    }

    @Test("A package that withholds a confidential location it does not carry is refused: it would delete it")
    func withheldButMissing() throws {
        let store = try StoreKind.inMemory.small()
        let folder = exportFolder()
        _ = try store.export(to: folder)
        let secret = PackageFixture.id("loc-secret")
        let locations = folder.appendingPathComponent("locations.csv")
        let kept = try String(contentsOf: locations, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix(secret) }
        try (kept.joined(separator: "\n") + "\n").write(to: locations, atomically: true, encoding: .utf8)
        let report = try store.importPackage(at: folder, options: ImportOptions(mode: .merge), clock: Fixed.clock)
        #expect(!report.imported)
        #expect(report.errors.contains { $0.message.contains("is withheld but not in locations.csv") }, "\(report.errors)")
    }

    @Test("Export refuses a folder that is not empty")
    func refusesNonEmpty() throws {
        let store = try StoreKind.inMemory.small()
        let folder = exportFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: ExportError.self) { try store.export(to: folder) }
    }

    @Test("Formula-like text is exported with a leading ', declared, and taken off again on import; numbers, dates and phones are not touched")
    func formulaEscape() throws {
        var f = PackageFixture.small()
        let names = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "+cmd", "-cmd", "\tTabbed", "'=quoted", "'Ohana House",
                     "-1 bed", "+ plus", "-(neg)", "- dash", "Plain"]
        for (i, name) in names.enumerated() {
            f.service("svc-formula-\(i)", org: "org-hope", name: name, at: "loc-hope", types: ["legal"])
        }
        f.add("phone", ["id": PackageFixture.id("phone-plus"), "organization_id": PackageFixture.id("org-hope"), "number": "+cmd-not-escaped"])
        let store = try DirectoryStore.inMemory()
        #expect(try store.importPackage(at: try f.write(), clock: Fixed.clock).imported)
        let folder = exportFolder()
        _ = try store.export(to: folder, includeConfidential: true)

        let services = try CSVFile(data: Data(contentsOf: folder.appendingPathComponent("services.csv")))
        let nameColumn = try #require(services.header.firstIndex(of: "name"))
        let ageColumn = try #require(services.header.firstIndex(of: "minimum_age"))
        let dateColumn = try #require(services.header.firstIndex(of: "assured_date"))
        let exported = Set(services.records.map { $0.fields[nameColumn] })
        for escaped in ["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(A1)", "'+cmd", "'-cmd", "'\tTabbed", "''=quoted"] {
            #expect(exported.contains(escaped), "\(escaped) in \(exported)")
        }
        for kept in ["'Ohana House", "-1 bed", "+ plus", "-(neg)", "- dash", "Plain"] {
            #expect(exported.contains(kept), "\(kept) in \(exported)")
        }
        #expect(services.records.allSatisfy { !$0.fields[ageColumn].hasPrefix("'") && !$0.fields[dateColumn].hasPrefix("'") })
        let phones = try String(contentsOf: folder.appendingPathComponent("phones.csv"), encoding: .utf8)
        #expect(phones.contains(",+cmd-not-escaped,") && !phones.contains("'+"))
        let descriptor = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datapackage.json"))) as? [String: Any]
        #expect(descriptor?["waymark:formula-escape"] as? Bool == true)

        // Back in: the declaration takes the ' off, and the names are as they were.
        let again = try DirectoryStore.inMemory()
        #expect(try again.importPackage(at: folder, clock: Fixed.clock).imported)
        let back = try again.export(to: exportFolder(), includeConfidential: true)
        let second = try CSVFile(data: Data(contentsOf: URL(fileURLWithPath: back.destination).appendingPathComponent("services.csv")))
        #expect(Set(second.records.map { $0.fields[nameColumn] }) == exported)

        // Without the declaration the ' is data and stays.
        var plain = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("datapackage.json"))) as! [String: Any]
        plain["waymark:formula-escape"] = nil
        try JSONSerialization.data(withJSONObject: plain).write(to: folder.appendingPathComponent("datapackage.json"))
        let undeclared = try DirectoryStore.inMemory()
        #expect(try undeclared.importPackage(at: folder, clock: Fixed.clock).imported)
        #expect(try undeclared.search(SearchQuery(text: "SUM"), clock: Fixed.clock).results.contains { $0.serviceName == "'@SUM(A1)" })
    }

    @Test("Escaping and unescaping are each other's inverse, leading apostrophes included")
    func formulaEscapeInverse() {
        for value in ["=1", "'=1", "''=1", "'", "''", "'x", "x", "-", "+", "-1", "@", "", "\r", "=", "'@a"] {
            #expect(FormulaEscape.unescape(FormulaEscape.escape(value)) == value, "\(value)")
        }
        #expect(FormulaEscape.escape("=1") == "'=1")
        #expect(FormulaEscape.escape("-1") == "-1")
    }
}
