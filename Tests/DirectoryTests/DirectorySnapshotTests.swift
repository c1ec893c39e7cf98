import Directory
import Foundation
import Testing
import TestSupport

@Suite("The directory snapshot routing reads")
struct DirectorySnapshotTests {
    @Test("Entries carry implied types, location flags, capacity, coverage; areas and links come along", arguments: StoreKind.allCases)
    func snapshot(kind: StoreKind) throws {
        let snapshot = try kind.small().snapshot()
        #expect(snapshot.entries.count == 5)
        let girls = try #require(snapshot.entries.first { $0.serviceId == PackageFixture.id("svc-girls") })
        #expect(girls.serviceTypes == ["shelter", "shelter.children"])
        #expect(girls.sex == ["female"])
        #expect(girls.conditions.isSuperset(of: ["confidential-address", "open-24-7", "accepts-unaccompanied-children"]))
        #expect(girls.available == 0)
        #expect(girls.area == "XA0102")
        let line = try #require(snapshot.entries.first { $0.serviceId == PackageFixture.id("svc-line") })
        #expect(line.isVirtual && line.coverage == ["XA"])
        #expect(snapshot.links.count == 3 && snapshot.links.contains { $0.borderCrossing })
        #expect(snapshot.lineage(of: "XA0201") == ["XA0201", "XA02", "XA"])
        #expect(snapshot.entries.map(\.serviceId) == snapshot.entries.map(\.serviceId).sorted(), "a fixed order")
    }
}
