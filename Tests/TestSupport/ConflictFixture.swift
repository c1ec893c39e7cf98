import Directory
import Foundation

/// A home's directory left with merge conflicts by a publisher's second bundle, made through the real merge.
///
/// The publisher imports a package and exports its first bundle, which the home takes in whole; then
/// both sides change the directory (the home's operator here, the publisher's there), and the
/// publisher's next bundle, a delta, is merged into the home: every field both changed is a conflict.
public enum ConflictFixture {
    /// Who changes the home's directory.
    public static let here = ChangeAuthor(name: "Ana Popescu (Linia Verde)")
    /// Who changes the publisher's directory.
    public static let there = ChangeAuthor(name: "Ion Rusu (Coordinator, North)")
    /// The publisher's identity, as a bundle's signature names it.
    public static let publisher = "SHA256:north-coordinator"

    /// A bundle the home did not take in, with the reasons.
    public struct Refused: Error {
        public let problems: [PackageProblem]
    }

    /// The home's in-memory directory after both bundles, `edits` made in between (`here` edits the home, `there`
    /// the publisher) at `clock`.
    public static func home(package: URL, importOptions: ImportOptions = ImportOptions(), clock: any TimeSource = TestTime.clock,
                            edits: (_ here: DirectoryEditor, _ there: DirectoryEditor) throws -> Void) throws -> DirectoryStore {
        let publisherStore = try DirectoryStore.inMemory()
        _ = try publisherStore.importPackage(at: package, options: importOptions, clock: clock)
        let home = try DirectoryStore.inMemory()
        var previous: String?
        for sequence in 1...2 {
            if sequence == 2 {
                try edits(DirectoryEditor(store: home, author: here, clock: clock), DirectoryEditor(store: publisherStore, author: there, clock: clock))
            }
            let folder = TemporaryHome.url("waymark-bundle")
            defer { try? FileManager.default.removeItem(at: folder) }
            let export = try publisherStore.exportBundle(to: folder, since: previous, includeConfidential: false)
            let origin = BundleOrigin(bundleID: "north-\(sequence)", baseBundleID: previous, publisher: publisher,
                                      publisherName: "Coordinator, North", sequence: sequence, createdAt: "2026-01-15T10:00:0\(sequence)Z",
                                      unchanged: export.unchanged.mapValues(Set.init))
            try publisherStore.recordCreatedBundle(origin, changeSequence: export.changeSequence, clock: clock)
            let report = try home.mergeBundle(at: folder, origin: origin, options: MergeOptions(author: here), clock: clock)
            guard report.imported else { throw Refused(problems: report.errors) }
            previous = origin.bundleID
        }
        return home
    }
}
