import ArgumentParser
import Casework
import Directory
import Exchange
import Foundation

/// The bundle benchmark: a full bundle of a large directory created, verified and merged, then
/// deltas of changed services created (the key unlocked each time), verified and merged at a site.
struct BundleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Time bundle create, verify and merge over a large directory, full and as deltas of changed services.",
        discussion: "Example: .build/release/waymark-bench bundle --services 100000 --changed 100")

    @Option(help: "Services in the generated directory (ignored with --prepared-home).") var services = 100_000
    @Option(help: "The generator's seed.") var seed: UInt64 = 7
    @Option(help: "Services changed in each delta.") var changed = 100
    @Option(help: "How many deltas.") var rounds = 5
    @Option(name: .customLong("prepared-home"), help: ArgumentHelp("Copy this home's directory as the coordinator's.", valueName: "dir"))
    var preparedHome: String?

    static let passphrase = "bench passphrase, long enough"

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-bundlebench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: work) }
        let coordinatorHome = work.appendingPathComponent("coordinator")
        try FileManager.default.createDirectory(at: coordinatorHome, withIntermediateDirectories: true)
        let large = try LargeDirectory.home(prepared: preparedHome, services: services, seed: seed, work: work)
        try FileManager.default.copyItem(at: large.url.appendingPathComponent("directory.sqlite"),
                                        to: coordinatorHome.appendingPathComponent("directory.sqlite"))
        let coordinator = try WaymarkHome(url: coordinatorHome).openDirectory()
        let options = CaseStore.Options(newKeyParameters: .standard)
        try Operator(name: "Ion", organization: "National coordinator").save(home: coordinatorHome)
        try CaseStore.open(home: coordinatorHome, passphrase: Self.passphrase, options: options).generatePublisherKey()

        let siteHome = work.appendingPathComponent("site")
        try Operator(name: "Ana", organization: "North shelter").save(home: siteHome)
        let siteCases = try CaseStore.open(home: siteHome, passphrase: Self.passphrase, options: options)
        let key = try CaseStore.publisherKeys(home: coordinatorHome)[0]
        try siteCases.trust(publicKey: key.publicKey, name: "National coordinator")
        let site = try WaymarkHome(url: siteHome).openDirectory()
        let author = ChangeAuthor(name: "Ana (North shelter)")

        /// Creates a bundle with the key unlocked from the passphrase, as `waymark bundle create` does.
        func create(since: String?) throws -> BundleManifest {
            let cases = try CaseStore.open(home: coordinatorHome, passphrase: Self.passphrase, options: options)
            let folder = work.appendingPathComponent("bundle-\(UUID().uuidString)")
            return try BundleCreator.create(.init(folder: folder, since: since, publisherName: "National coordinator"),
                                            directory: coordinator, cases: cases)
        }
        func folder(of manifest: BundleManifest) throws -> URL {
            let names = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasPrefix("bundle-") }
            for name in names {
                let url = work.appendingPathComponent(name)
                if let data = FileManager.default.contents(atPath: url.appendingPathComponent(BundleManifest.fileName).path),
                   let read = try? JSONDecoder().decode(BundleManifest.self, from: data), read.bundleID == manifest.bundleID { return url }
            }
            throw ValidationError("bundle \(manifest.bundleID) not found")
        }
        func merge(_ url: URL) throws -> MergeReport? {
            try BundleImporter.run(url, directory: site, cases: siteCases, options: .init(author: author)).merge
        }

        var full: BundleManifest?
        let createFull = try milliseconds { full = try create(since: nil) }
        guard let full else { return }
        let fullFolder = try folder(of: full)
        let size = full.files.reduce(Int64(0)) { $0 + $1.size }
        print(String(format: "full bundle create over %d services, %d files, %.0f MB (target ≤ 30 s): %.1f s",
                     services, full.files.count, Double(size) / 1_000_000, createFull / 1000))
        let verifyFull = try milliseconds { _ = try BundleVerifier.verify(fullFolder) }
        print(String(format: "full bundle verify (target ≤ 30 s): %.1f s", verifyFull / 1000))
        let firstImport = try milliseconds { _ = try merge(fullFolder) }
        print(String(format: "first full bundle imported at a site (replaces its directory): %.1f s", firstImport / 1000))

        // Each round: `changed` services edited at the coordinator, then a delta since the last bundle.
        let ids = try coordinator.staleQueue(olderThan: 0).map(\.serviceId)
        let editor = DirectoryEditor(store: coordinator, author: ChangeAuthor(name: "Ion (National coordinator)"))
        var createTimes: [Double] = [], verifyTimes: [Double] = [], mergeTimes: [Double] = []
        var previous = full.bundleID
        var random = SeededRandom(seed: seed &+ 1)
        for round in 0..<rounds {
            for index in 0..<changed {
                var edit = ServiceEdit()
                edit.capacityAvailable = Double((round + index) % 5)
                edit.description = "Checked in round \(round)"
                try editor.edit(service: ids[Int(random.next() % UInt64(ids.count))], edit)
            }
            var delta: BundleManifest?
            createTimes.append(try milliseconds { delta = try create(since: previous) })
            guard let delta else { return }
            let url = try folder(of: delta)
            verifyTimes.append(try milliseconds { _ = try BundleVerifier.verify(url) })
            var report: MergeReport?
            mergeTimes.append(try milliseconds { report = try merge(url) })
            guard report?.imported == true else { throw ValidationError("delta \(round) did not merge: \(report?.errors.prefix(3) ?? [])") }
            previous = delta.bundleID
        }
        print("delta of \(changed) changed services: create, key unlock included (target ≤ 1000 ms): \(Percentiles(createTimes).summary)")
        print("delta verify (target ≤ 1000 ms): \(Percentiles(verifyTimes).summary)")
        print("delta merge at the site, trust list and sequence checked (target ≤ 1000 ms): \(Percentiles(mergeTimes).summary)")

        // A second full bundle merged three ways against the first (every row compared).
        let second = try create(since: nil)
        let secondFolder = try folder(of: second)
        let fullMerge = try milliseconds { _ = try merge(secondFolder) }
        print(String(format: "full bundle merged three ways at the site: %.1f s", fullMerge / 1000))
    }
}
