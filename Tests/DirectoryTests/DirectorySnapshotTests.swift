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

@Suite("The snapshot cache")
struct SnapshotCacheTests {
    @Test("A new import gives a new snapshot; without one, the same snapshot comes back")
    func refreshedByImport() throws {
        let store = try StoreKind.inMemory.small()
        let first = try store.snapshot()
        let again = try store.snapshot()
        // The cached snapshot itself (its entries are the same objects), not one built again alike.
        #expect(!first.entries.isEmpty && first.entries.count == again.entries.count)
        #expect(zip(first.entries, again.entries).allSatisfy { $0 === $1 }, "the second read is served from the cache")
        var f = PackageFixture.small()
        f.service("svc-new", org: "org-hope", name: "New clinic", at: "loc-hope", types: ["health"])
        _ = try store.importPackage(at: try f.write(), clock: Fixed.clock)
        let refreshed = try store.snapshot()
        #expect(refreshed.entries.count == 6)
        #expect(!zip(first.entries, refreshed.entries).contains { $0 === $1 }, "an import replaces the cached snapshot")
    }
}
