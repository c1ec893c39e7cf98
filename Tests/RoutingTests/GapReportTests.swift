import Directory
import Foundation
import Routing
import Testing
import WaymarkData

@Suite("The gap report")
struct GapReportTests {
    @Test("Over the sample: adult men lack a shelter in the region without one; unmet cells first, by population")
    func sample() throws {
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try WaymarkData.samplePackage(), clock: FixedTime(Date(timeIntervalSince1970: 1_768_471_200)))
        let snapshot = try store.snapshot()
        let report = GapReport(snapshot, withinMinutes: 120)
        let xa04 = report.cells.filter { $0.region == "XA04" && $0.serviceType == "shelter" && $0.sex == "male" && $0.ageBand == .adult }
        #expect(!xa04.isEmpty && xa04.allSatisfy { $0.status != .met })
        let firstMet = try #require(report.cells.firstIndex { $0.status == .met })
        #expect(report.cells[..<firstMet].allSatisfy { $0.status != .met })
        let unmet = report.cells.filter { $0.status == .unmet }
        #expect(zip(unmet, unmet.dropFirst()).allSatisfy { ($0.population ?? -1) >= ($1.population ?? -1) })
        // A wider limit never turns a met cell into an unmet one.
        let wide = GapReport(snapshot, withinMinutes: 600)
        let metNarrow = Set(report.cells.filter { $0.status == .met }.map { "\($0.district) \($0.serviceType) \($0.sex) \($0.ageBand)" })
        let metWide = Set(wide.cells.filter { $0.status == .met }.map { "\($0.district) \($0.serviceType) \($0.sex) \($0.ageBand)" })
        #expect(metNarrow.isSubset(of: metWide))
    }
}
