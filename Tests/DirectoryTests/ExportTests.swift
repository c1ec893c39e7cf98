import Directory
import Foundation
import Testing
import TestSupport

@Suite("Exporting the directory")
struct ExportTests {
    func exportFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("waymark-export-\(UUID().uuidString)")
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
        let text = try String(contentsOf: folder.appendingPathComponent("addresses.csv"), encoding: .utf8)
        #expect(!text.contains("Hidden Lane") || addresses.records.allSatisfy { $0.fields[1] != secret })
    }

    @Test("Export refuses a folder that is not empty")
    func refusesNonEmpty() throws {
        let store = try StoreKind.inMemory.small()
        let folder = exportFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: ExportError.self) { try store.export(to: folder) }
    }
}
