import Directory
import Foundation
import Testing
import WaymarkData

@Suite("The bundled sample directory")
struct SampleDirectoryTests {
    static func store() throws -> DirectoryStore {
        let store = try DirectoryStore.inMemory()
        let report = try store.importPackage(at: try WaymarkData.samplePackage(),
                                             options: ImportOptions(shiftVerificationDates: true), clock: Fixed.clock)
        guard report.imported, report.problems.exceptPoliceCondition.isEmpty else { throw FixtureError(problems: report.problems) }
        return store
    }

    @Test("It validates and imports with no problems but a warning about its police-conditional shelter, and says it is fictional")
    func clean() throws {
        let report = PackageValidator().validate(try WaymarkData.samplePackage())
        #expect(report.valid)
        #expect(report.problems.exceptPoliceCondition.isEmpty, "\(report.problems.prefix(5))")
        // The sample's trap: a long-term shelter that asks for police cooperation, which the law forbids (CoE Art. 12(6)).
        #expect(report.problems.map(\.severity) == [.warning])
        #expect(report.problems.first?.message.contains("'Victim-witness protected accommodation'") == true)
        let store = try Self.store()
        #expect(try store.title()?.lowercased().contains("fictional") == true)
    }

    @Test("Size: at least 3 regions, 14 districts, 60 organizations, 250 services; a border crossing")
    func size() throws {
        let sample = try WaymarkData.samplePackage()
        let areas = try CSVFile(data: Data(contentsOf: sample.appendingPathComponent("areas.csv")))
        let levels = areas.records.map { $0.fields[areas.header.firstIndex(of: "level")!] }
        #expect(levels.filter { $0 == "1" }.count >= 3)
        #expect(levels.filter { $0 == "2" }.count >= 14)
        let links = try CSVFile(data: Data(contentsOf: sample.appendingPathComponent("travel_links.csv")))
        #expect(links.records.contains { $0.fields[3] == "true" })
        let counts = try Self.store().counts()
        #expect(counts["organization"]! >= 60)
        #expect(counts["service"]! >= 250)
    }

    @Test("Every service-type code is used by an active service")
    func everyType() throws {
        let store = try Self.store()
        for code in Vocabulary.serviceTypes {
            let found = try store.search(SearchQuery(serviceTypes: [code], limit: 500), clock: Fixed.clock).results
            #expect(found.contains { $0.serviceTypes.contains(code) }, "\(code)")
        }
    }

    @Test("Names in Latin with diacritics, Cyrillic, Arabic and Thai are all findable")
    func scripts() throws {
        let store = try Self.store()
        for word in ["speranta", "Надежда", "الأمان", "แรงงาน"] {
            #expect(try store.search(SearchQuery(text: word), clock: Fixed.clock).total > 0, "\(word)")
        }
    }

    @Test("The traps are there: girls-only shelter, conditions, closures, confidentiality, full, 24/7, stale")
    func traps() throws {
        let store = try Self.store()
        let all = try store.search(SearchQuery(includeInactive: true, limit: 10_000), clock: Fixed.clock).results
        #expect(all.contains { $0.sex == ["female"] && $0.maximumAge.map { $0 <= 17 } == true && $0.serviceTypes.contains { $0.hasPrefix("shelter") } })
        for condition in ["closed-facility", "requires-police-cooperation", "requires-formal-identification", "open-24-7"] {
            #expect(all.contains { $0.conditions.contains(condition) }, "\(condition)")
        }
        #expect(all.contains { $0.status == "temporarily closed" })
        #expect(all.contains { $0.confidential && $0.serviceTypes.contains { $0.hasPrefix("shelter") } })
        #expect(all.contains { $0.available == 0 })
        #expect(all.contains { $0.stale })
        #expect(all.filter { !$0.stale }.count > all.count / 2, "most of the sample is fresh on its reference day")
        #expect(all.contains { !$0.conditions.contains("open-24-7") && $0.open == nil })
    }

    @Test("Overlapping age bands: 'girls 18 and under' and 'youth 15–20' both take a 17-year-old")
    func overlappingAges() throws {
        let store = try Self.store()
        let found = try store.search(SearchQuery(age: 17, limit: 1000), clock: Fixed.clock).results
        #expect(found.contains { $0.maximumAge == 18 })
        #expect(found.contains { $0.minimumAge == 15 && $0.maximumAge == 20 })
    }

    @Test("A region has no active shelter for adult men, while others do")
    func regionWithoutMensShelter() throws {
        let store = try Self.store()
        var regionsWith: [String] = []
        var regionsWithout: [String] = []
        for region in ["XA01", "XA02", "XA03", "XA04"] {
            let found = try store.search(SearchQuery(area: region, serviceTypes: ["shelter"], sex: "male", age: 30), clock: Fixed.clock)
            let mens = found.results.filter { $0.sex.contains("male") }
            if mens.isEmpty { regionsWithout.append(region) } else { regionsWith.append(region) }
        }
        #expect(!regionsWithout.isEmpty)
        #expect(!regionsWith.isEmpty)
    }
}
