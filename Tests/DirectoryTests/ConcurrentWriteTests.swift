@testable import Directory
import Foundation
import GRDB
import Testing
import TestSupport

/// Several connections (as several processes would) writing `directory.sqlite` at once.
@Suite("Writing the directory from several connections at once")
struct ConcurrentWriteTests {
    static let author = ChangeAuthor(name: "Ana (Linia Verde)")

    /// The small fixture directory on disk; returns its file's path.
    static func smallOnDisk() throws -> String {
        let folder = TemporaryHome.url("waymark-concurrent")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("directory.sqlite").path
        let report = try DirectoryStore.open(at: path).importPackage(at: try PackageFixture.small().write(), clock: Fixed.clock)
        guard report.imported else { throw FixtureError(problems: report.errors) }
        return path
    }

    @Test("Every transaction that writes begins IMMEDIATE: an edit, a verification, an undo")
    func writesBeginImmediate() throws {
        let store = try DirectoryStore.open(at: try Self.smallOnDisk())
        let statements = LockBox<[String]>([])
        try store.writer.writeWithoutTransaction { db in
            db.trace { event in statements.withLock { $0.append(String(describing: event)) } }
        }
        let editor = DirectoryEditor(store: store, author: Self.author, clock: Fixed.clock)
        var edit = ServiceEdit()
        edit.capacityAvailable = 3
        _ = try editor.edit(service: PackageFixture.id("svc-girls"), edit)
        _ = try editor.verify(service: PackageFixture.id("svc-legal"), method: .phone)
        _ = try editor.undo()
        _ = try store.generation()

        var begun: String?
        var writes = 0
        for statement in statements.value {
            let upper = statement.uppercased().trimmingCharacters(in: .whitespaces)
            if upper.hasPrefix("BEGIN") { begun = upper }
            if upper.hasPrefix("COMMIT") || upper.hasPrefix("ROLLBACK") { begun = nil }
            if ["INSERT", "UPDATE", "DELETE", "REPLACE"].contains(where: upper.hasPrefix) {
                writes += 1
                #expect(begun == "BEGIN IMMEDIATE TRANSACTION", "\(statement) ran in \(begun ?? "no transaction")")
            }
        }
        #expect(writes > 0, "\(statements.value)")
    }

    @Test("Four connections editing the same services at once: every edit is written, none fails with database is locked")
    func concurrentEdits() throws {
        let path = try Self.smallOnDisk()
        let services = [PackageFixture.id("svc-girls"), PackageFixture.id("svc-legal")]
        let failures = LockBox<[String]>([])
        let done = DispatchGroup()
        let editsEach = 10
        for worker in 0..<4 {
            done.enter()
            Thread {
                defer { done.leave() }
                do {
                    // A connection of its own, as another process has.
                    let editor = DirectoryEditor(store: try DirectoryStore.open(at: path), author: ChangeAuthor(name: "worker \(worker)"),
                                                 clock: Fixed.clock)
                    for index in 0..<editsEach {
                        var edit = ServiceEdit()
                        edit.description = "worker \(worker), edit \(index)"
                        try editor.edit(service: services[index % services.count], edit)
                        _ = try editor.store.search(SearchQuery(text: "shelter"), clock: Fixed.clock)
                    }
                } catch {
                    failures.withLock { $0.append("worker \(worker): \(error)") }
                }
            }.start()
        }
        done.wait()
        #expect(failures.value.isEmpty, "\(failures.value)")
        let store = try DirectoryStore.open(at: path)
        let descriptions = try services.flatMap { try store.changes(service: $0) }.filter { $0.fieldName == "description" }
        #expect(descriptions.count == 4 * editsEach)
    }

    @Test("The generation moves with an edit made through another connection, and only then")
    func generationSeesOtherConnections() throws {
        let path = try Self.smallOnDisk()
        let watcher = try DirectoryStore.open(at: path)
        let before = try watcher.generation()
        #expect(try watcher.generation() == before)
        var edit = ServiceEdit()
        edit.capacityAvailable = 1
        try DirectoryEditor(store: try DirectoryStore.open(at: path), author: Self.author, clock: Fixed.clock)
            .edit(service: PackageFixture.id("svc-girls"), edit)
        #expect(try watcher.generation() != before)
    }
}
