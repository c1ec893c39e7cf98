import Directory
import Foundation
import Testing
import TestSupport

/// `waymark conflicts` and `waymark conflicts resolve`, run as processes on a home that merged a publisher's bundles.
@Suite("Merge conflicts, as processes")
struct ConflictsCommandTests {
    static let legal = PackageFixture.id("svc-legal")

    func run(_ home: URL, _ arguments: [String]) throws -> WaymarkProcess.Outcome {
        try WaymarkProcess.run(["--home", home.path] + arguments)
    }

    /// A home with the small fixture and an operator, which took the publisher's first bundle and then a delta
    /// renaming the legal clinic the home renamed too.
    func homeWithConflict() throws -> URL {
        let home = WaymarkProcess.newHome()
        #expect(try run(home, ["import", try PackageFixture.small().write().path]).status == 0)
        #expect(try run(home, ["operator", "set", "--name", "Ana", "--organization", "Linia Verde"]).status == 0)
        let publisher = try DirectoryStore.inMemory()
        _ = try publisher.importPackage(at: try PackageFixture.small().write())
        let directory = try DirectoryStore.open(at: home.appendingPathComponent("directory.sqlite").path)
        let author = MergeOptions(author: ChangeAuthor(name: "Ana (Linia Verde)"))
        var previous: String?
        for sequence in 1...2 {
            if sequence == 2 {
                var mine = ServiceEdit(); mine.name = "Mine"
                var theirs = ServiceEdit(); theirs.name = "Theirs"
                try DirectoryEditor(store: directory, author: ChangeAuthor(name: "Ana (Linia Verde)")).edit(service: Self.legal, mine)
                try DirectoryEditor(store: publisher, author: ChangeAuthor(name: "Ion (North)")).edit(service: Self.legal, theirs)
            }
            let folder = TemporaryHome.url("waymark-bundle")
            let export = try publisher.exportBundle(to: folder, since: previous, includeConfidential: false)
            let origin = BundleOrigin(bundleID: "bundle-\(sequence)", baseBundleID: previous, publisher: "SHA256:north",
                                      publisherName: "Coordinator, North", sequence: sequence, createdAt: "2026-01-15T10:00:00Z",
                                      unchanged: export.unchanged.mapValues(Set.init))
            try publisher.recordCreatedBundle(origin, changeSequence: export.changeSequence)
            var options = author
            options.discardLocalChanges = true
            let report = try directory.mergeBundle(at: folder, origin: origin, options: options)
            #expect(report.imported, "\(report.errors)")
            previous = origin.bundleID
        }
        return home
    }

    @Test("conflicts lists both values and who changed each; resolve --keep incoming applies the publisher's value once")
    func listAndResolve() throws {
        let home = try homeWithConflict()
        let listed = try run(home, ["conflicts"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("Mine") && listed.stdout.contains("Theirs") && listed.stdout.contains("Ion (North)"))
        let json = try run(home, ["conflicts", "--json"])
        let conflicts = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        #expect(conflicts.count == 1)
        let id = try #require(conflicts.first?["id"] as? Int)
        #expect(conflicts.first?["entity"] as? String == "service" && conflicts.first?["field"] as? String == "name")
        #expect(conflicts.first?["local_by"] as? String == "Ana (Linia Verde)")

        let refused = try run(home, ["conflicts", "resolve", String(id), "--value", " "])
        #expect(refused.status == 1 && refused.stderr.contains("name: a value is required"))
        let resolved = try run(home, ["conflicts", "resolve", String(id), "--keep", "incoming"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        let shown = try run(home, ["service", "show", Self.legal])
        #expect(shown.stdout.hasPrefix("Theirs"))
        let again = try run(home, ["conflicts", "resolve", String(id), "--keep", "local"])
        #expect(again.status == 1 && again.stderr.contains("already resolved"))
        #expect(try run(home, ["conflicts"]).stdout.contains("No open conflicts."))
    }
}
