import Directory
import Foundation
import TestSupport

/// The two kinds of store every store test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case inMemory, onDisk

    var testDescription: String { rawValue }

    /// A new, empty store of this kind.
    func make() throws -> DirectoryStore {
        switch self {
        case .inMemory: return try DirectoryStore.inMemory()
        case .onDisk:
            let folder = TemporaryHome.url("waymark-store")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try DirectoryStore.open(at: folder.appendingPathComponent("directory.sqlite").path)
        }
    }

    /// A store holding the small fixture directory.
    func small() throws -> DirectoryStore {
        let store = try make()
        let report = try store.importPackage(at: try PackageFixture.small().write(), clock: Fixed.clock)
        guard report.imported else { throw FixtureError(problems: report.errors) }
        return store
    }
}

struct FixtureError: Error { let problems: [PackageProblem] }

extension Array where Element == PackageProblem {
    /// The problems but the warnings about services that make assistance conditional on police
    /// cooperation: the small fixture's men's shelter and the sample's victim-witness
    /// accommodation are such traps on purpose.
    var exceptPoliceCondition: [PackageProblem] {
        filter { !($0.severity == .warning && $0.message.contains("conditional on police cooperation")) }
    }
}

/// The fixed clock tests run at: the fixture's reference date, a Thursday, 10:00 UTC.
enum Fixed {
    static let clock = TestTime.clock
}
import Testing
