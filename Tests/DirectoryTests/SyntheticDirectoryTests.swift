import Directory
import Foundation
import Testing
import TestSupport

@Suite("The synthetic directory generator")
struct SyntheticDirectoryTests {
    func folder() -> URL { TemporaryHome.url("waymark-synth") }

    @Test("The same seed writes byte-identical files; another seed does not")
    func deterministic() throws {
        let a = folder(), b = folder(), c = folder()
        try SyntheticDirectory(services: 300, seed: 5).write(to: a)
        try SyntheticDirectory(services: 300, seed: 5).write(to: b)
        try SyntheticDirectory(services: 300, seed: 6).write(to: c)
        for resource in HSDSSchema.all {
            let fa = try Data(contentsOf: a.appendingPathComponent(resource.path))
            #expect(fa == (try Data(contentsOf: b.appendingPathComponent(resource.path))), "\(resource.path)")
        }
        #expect(try Data(contentsOf: a.appendingPathComponent("services.csv")) != Data(contentsOf: c.appendingPathComponent("services.csv")))
    }

    @Test("What it writes validates and imports with no errors and no warnings (police cooperation only where the law allows it)")
    func valid() throws {
        let a = folder()
        try SyntheticDirectory(services: 500, seed: 9).write(to: a)
        let report = PackageValidator().validate(a)
        #expect(report.valid, "\(report.problems.prefix(5))")
        let store = try DirectoryStore.inMemory()
        let imported = try store.importPackage(at: a, clock: Fixed.clock)
        #expect(imported.imported)
        #expect(imported.warnings.isEmpty, "\(imported.warnings.count) warnings, first \(imported.warnings.prefix(2))")
        #expect(try store.counts()["service"] == 500)
        #expect(try store.search(SearchQuery(serviceTypes: ["shelter"]), clock: Fixed.clock).total > 0)
    }

    @Test("Every coordinate is valid, with as many districts as the generator allows, and imports with no warning about it")
    func coordinates() throws {
        let a = folder()
        try SyntheticDirectory(services: 2_000, districts: 2_000, seed: 7).write(to: a)
        let store = try DirectoryStore.inMemory()
        let imported = try store.importPackage(at: a, clock: Fixed.clock)
        #expect(imported.imported)
        let aboutCoordinates = imported.warnings.filter { $0.field == "latitude" || $0.field == "longitude" }
        #expect(aboutCoordinates.isEmpty, "\(aboutCoordinates.prefix(3))")
    }

    @Test("With 2,000 districts every district lies in the country's box, not drifting with its index")
    func manyDistricts() throws {
        let a = folder()
        try SyntheticDirectory(services: 200, districts: 2_000, seed: 3).write(to: a)
        let text = try String(contentsOf: a.appendingPathComponent("areas.csv"), encoding: .utf8)
        let header = text.split(separator: "\n")[0].split(separator: ",", omittingEmptySubsequences: false)
        let lat = try #require(header.firstIndex(of: "latitude")), lon = try #require(header.firstIndex(of: "longitude"))
        var districts: [(Double, Double)] = []
        for line in text.split(separator: "\n").dropFirst() where line.hasPrefix("XA") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if let y = Double(fields[lat]), let x = Double(fields[lon]) { districts.append((y, x)) }
        }
        #expect(districts.count == 2_000)
        #expect(districts.allSatisfy { (41.5...47.5).contains($0.0) && (21...29.5).contains($0.1) })
        // The last districts are spread as widely as the first ones.
        let late = districts.suffix(200).map(\.0)
        #expect((late.max() ?? 0) - (late.min() ?? 0) > 4)
    }
}

@Suite("Relevance over many matches")
struct ManyMatchesTests {
    @Test("With hundreds of matches, services named by the words still come first")
    func manyMatches() throws {
        let folder = TemporaryHome.url("waymark-many")
        try SyntheticDirectory(services: 3_000, seed: 4).write(to: folder)
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: folder, clock: Fixed.clock)
        // "service" is in every generated description, and in the names of some organizations only.
        let found = try store.search(SearchQuery(text: "service", limit: 3_000), clock: Fixed.clock)
        #expect(found.total > 200)
        let named = { (r: SearchResult) in r.organizationName.lowercased().contains("service") }
        let firstOther = try #require(found.results.firstIndex { !named($0) })
        #expect(found.results[..<firstOther].allSatisfy(named))
        #expect(!found.results[firstOther...].contains(where: named), "organization-name matches all come first")
        #expect(firstOther > 0)
    }
}
