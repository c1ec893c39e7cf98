import Foundation
import GRDB

extension DirectoryStore {
    /// Merges a (signature-verified) bundle folder as one transaction.
    ///
    /// Refused with `MergeError`, nothing read or written, when the bundle was seen before, its
    /// number is not above the last one imported from its publisher, or it is a delta whose base
    /// this home never created nor imported. A package with errors is refused with a report that
    /// lists them (`imported` false), as `importPackage` does. A publisher's first full bundle is
    /// taken in as a replacing import (refused when local changes would be lost, unless
    /// `discardLocalChanges`); a later one, or a delta, is merged field by field against the
    /// publisher's base (`BundleMerge`).
    public func mergeBundle(at folder: URL, origin: BundleOrigin, options: MergeOptions,
                            clock: any TimeSource = SystemTime()) throws -> MergeReport {
        let (base, first) = try writer.read { db -> (BundleReceipt?, Bool) in
            if try BundleReceipt.fetchOne(db, key: origin.bundleID) != nil { throw MergeError.alreadyImported(origin.bundleID) }
            let last = try Self.lastImported(db, publisher: origin.publisher)
            if let last, origin.sequence <= last.sequence {
                throw MergeError.staleSequence(publisher: origin.publisherName, incoming: origin.sequence, last: last.sequence)
            }
            guard let baseID = origin.baseBundleID else { return (last, last == nil) }
            guard let base = try BundleReceipt.fetchOne(db, key: baseID) else {
                throw MergeError.unknownBase(base: baseID, publisher: origin.publisherName)
            }
            return (base, false)
        }
        var report = MergeReport(bundleID: origin.bundleID, firstFromPublisher: first, fieldsApplied: 0, rowsCreated: 0, rowsDeleted: 0,
                                 conflicts: [], duplicates: [], problems: [], imported: false)
        if first { return try importFirst(at: folder, origin: origin, options: options, clock: clock, report: report) }
        guard let base else { return report }

        var problems = ProblemList()
        var contents = PackageReader(maxFileSize: options.maxFileSize).read(folder, problems: &problems)
        if contents.isFolder {
            _ = PackageChecker(purpose: .importing, existingKeys: try existingKeys()).check(&contents, problems: &problems)
            let locations = contents.table("location").keys()
            for id in contents.metadata.withheldLocations where locations[id] == nil {
                problems.error("datapackage.json", field: ExportDescriptor.withheldProperty,
                               "location '\(Sanitized.short(id))' is withheld but not in locations.csv: a bundle may not delete a confidential location it withheld")
            }
        }
        report.problems = problems.all
        if problems.hasErrors || !contents.isFolder { return report }

        let now = clock.now()
        let fullRebuild = try writer.write { db -> Bool in
            let before = try DirectoryStore.dataVersion(db)
            let kept = try MergeBase.load(db, publisher: base.direction == .imported ? base.publisher : nil,
                                          changeSequence: base.changeSequence)
            // Services added here, not in the publisher's base: what an incoming service may duplicate.
            var added: Set<String> = []
            if let service = HSDSSchema.resource(named: "service") {
                for id in kept.touched("service") {
                    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM service WHERE id = ?", arguments: [id]) else { continue }
                    if kept.row(service, id: id, current: BundleMerge.texts(row, service)) == nil { added.insert(id) }
                }
            }
            var merge = BundleMerge(db: db, origin: origin, contents: contents, base: kept, author: options.author.name, now: now)
            try merge.run()
            let after = try DirectoryStore.dataVersion(db)
            let changed = try DirectoryStore.changedServices(db, from: before, to: after) ?? []
            let rebuild = merge.areasChanged || changed.count > DirectoryStore.refreshLimit
            if rebuild {
                try DirectoryIndexer.rebuild(db)
            } else if !changed.isEmpty {
                try DirectoryIndexer.refresh(services: changed, db)
            }
            try Self.recordBundleKeys(db, incoming: Self.organizationKeys(in: contents), publisher: origin.publisher, at: now)
            options.checkpoint("merge-written")
            try BundleReceipt(origin, direction: .imported, changeSequence: try Self.changeSequence(db), recordedAt: now).insert(db)
            report.duplicates = try DuplicateFinder(db: db).find(incoming: merge.createdServices, local: added, bundle: origin.bundleID)
            report.fieldsApplied = merge.fieldsApplied
            report.rowsCreated = merge.rowsCreated
            report.rowsDeleted = merge.rowsDeleted
            report.conflicts = merge.conflicts
            return rebuild
        }
        if fullRebuild {
            // The derived rows were rebuilt: the in-memory index and snapshot are read again on next use.
            forgetIndex()
            snapshotCache.value = nil
        }
        report.imported = true
        return report
    }

    /// The organization key rows a package brings: identifier id → [organization id, kind, key].
    static func organizationKeys(in contents: PackageContents) -> [String: [String]] {
        let table = contents.table("organization_identifier")
        guard let id = table.index(of: "id"), let organization = table.index(of: "organization_id"), let type = table.index(of: "identifier_type"),
              let key = table.index(of: "identifier") else { return [:] }
        var keys: [String: [String]] = [:]
        for row in table.rows where (row[type] ?? "").hasPrefix("waymark-") {
            if let rowID = row[id], let owner = row[organization], let kind = row[type], let value = row[key] { keys[rowID] = [owner, kind, value] }
        }
        return keys
    }

    /// How many services a merge re-stages one by one; above it the derived rows are rebuilt whole.
    static let refreshLimit = 500

    /// A publisher's first full bundle: a replacing import that records the bundle and keeps the
    /// package's history without sequences of this home.
    private func importFirst(at folder: URL, origin: BundleOrigin, options: MergeOptions, clock: any TimeSource,
                             report: MergeReport) throws -> MergeReport {
        var report = report
        var importOptions = ImportOptions(mode: .replace, maxFileSize: options.maxFileSize)
        importOptions.discardLocalChanges = options.discardLocalChanges
        importOptions.author = options.author
        importOptions.origin = origin.bundleID
        importOptions.source = options.source
        let now = clock.now()
        let checkpoint = options.checkpoint
        importOptions.finish = { db in
            try db.execute(sql: "UPDATE waymark_change SET sequence = NULL WHERE bundle_id IS NULL OR bundle_id <> ?",
                           arguments: [origin.bundleID])
            try db.execute(sql: "DELETE FROM merge_base WHERE publisher = ?", arguments: [origin.publisher])
            // The directory is the bundle's now: every organization key in it came with the bundle.
            try db.execute(sql: "DELETE FROM organization_key_origin")
            try DirectoryStore.recordBundleKeys(db, incoming: nil, publisher: origin.publisher, at: now)
            checkpoint("merge-written")
            try BundleReceipt(origin, direction: .imported, changeSequence: try DirectoryStore.changeSequence(db), recordedAt: now).insert(db)
        }
        let imported = try importPackage(at: folder, options: importOptions, clock: clock)
        report.problems = imported.problems
        report.imported = imported.imported
        let merged = Set(BundleMerge.tables.map(\.name))
        report.rowsCreated = imported.imported ? imported.counts.filter { merged.contains($0.key) }.values.reduce(0, +) : 0
        return report
    }
}
