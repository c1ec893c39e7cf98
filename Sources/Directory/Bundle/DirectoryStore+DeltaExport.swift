import Foundation
import GRDB

extension DirectoryStore {
    /// Exports a full package, or (`since` a bundle) a delta, and returns what the manifest must say.
    ///
    /// A delta holds the rows of every table changed since the bundle (history after its change
    /// sequence) with their values now, their history rows (masked as an export masks them),
    /// `tombstones.csv` for rows removed, every row they reference listed as `unchanged`, and
    /// every area and travel link; it passes `PackageValidator`. Confidential addresses are
    /// withheld unless `includeConfidential`. A bundle this home does not know is refused, naming it.
    public func exportBundle(to folder: URL, since baseBundleID: String?, includeConfidential: Bool) throws -> BundleExport {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw ExportError.destinationNotEmpty(folder.path)
        }
        if let baseBundleID, try bundle(id: baseBundleID) == nil { throw MergeError.unknownBundle(baseBundleID) }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        return try writer.read { db in
            let sequence = try Self.changeSequence(db)
            guard let baseBundleID else {
                let report = try writePackage(db, to: folder, includeConfidential: includeConfidential)
                return BundleExport(report: report, changeSequence: sequence, unchanged: [:], tombstones: 0)
            }
            guard let base = try BundleReceipt.fetchOne(db, key: baseBundleID) else { throw MergeError.unknownBundle(baseBundleID) }
            return try writeDelta(db, to: folder, since: base, sequence: sequence, includeConfidential: includeConfidential)
        }
    }

    /// Writes the rows changed after bundle `base` and what they need: the rows this home's history changed since it, and,
    /// for a bundle this home imported, the rows it still holds differently from that bundle's publisher (kept in
    /// `merge_base`), so a correction made before the import, or kept through a conflict, travels up too.
    private func writeDelta(_ db: Database, to folder: URL, since base: BundleReceipt, sequence: Int64, includeConfidential: Bool) throws -> BundleExport {
        let since = base.changeSequence
        let keyed = Set(BundleMerge.tables.map(\.name))
        var changed: [String: Set<String>] = [:]
        var removedAt: [String: String] = [:]
        var history: Set<String> = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.id, m.resource_type, m.resource_id, c.changed_at FROM metadata m JOIN waymark_change c ON c.metadata_id = m.id
            WHERE c.sequence > ? ORDER BY c.sequence, m.rowid
            """, arguments: [since])
        while let row = try rows.next() {
            history.insert(row[0])
            guard let resource: String = row[1], keyed.contains(resource), let id: String = row[2] else { continue }
            changed[resource, default: []].insert(id)
            removedAt["\(resource)|\(id)"] = row[3]
        }
        // Where this home differs from the publisher of a bundle it imported: the rows it has, and those the publisher has and it removed.
        var publisherLacks: Set<String> = []
        if base.direction == .imported {
            let kept = try Row.fetchAll(db, sql: "SELECT resource, id, row IS NULL AS lacks FROM merge_base WHERE publisher = ?",
                                        arguments: [base.publisher])
            for row in kept {
                guard let resource: String = row["resource"], keyed.contains(resource), let id: String = row["id"] else { continue }
                changed[resource, default: []].insert(id)
                if row["lacks"] as Bool? == true { publisherLacks.insert("\(resource)|\(id)") }
                if removedAt["\(resource)|\(id)"] == nil { removedAt["\(resource)|\(id)"] = ChangeRecorder.timestamp(Date()) }
            }
        }
        // Rows still there are written; the others are tombstones.
        var present: [String: Set<String>] = [:]
        var tombstones: [(String, String, String)] = []
        for (resource, ids) in changed {
            let statement = try db.makeStatement(sql: "SELECT EXISTS(SELECT 1 FROM \(resource.quotedDatabaseIdentifier) WHERE id = ?)")
            for id in ids.sorted() {
                if try Bool.fetchOne(statement, arguments: [id]) == true {
                    present[resource, default: []].insert(id)
                } else if !publisherLacks.contains("\(resource)|\(id)") {
                    tombstones.append((resource, id, removedAt["\(resource)|\(id)"] ?? ""))
                }
            }
        }
        let unchanged = try referenced(by: present, db: db)
        let confidential = includeConfidential ? [] : Set(try String.fetchAll(db, sql: """
            SELECT location_id FROM location_flag WHERE code = 'confidential-address'
            """))
        let locations = (present["location"] ?? []).union(unchanged["location"] ?? [])
        let withheld = confidential.intersection(locations)
        var counts: [String: Int] = [:]
        for resource in HSDSSchema.all {
            let keys: Set<String>?
            switch resource.name {
            case "metadata", "waymark_change": keys = history
            case "area", "travel_link": keys = nil
            default: keys = (present[resource.name] ?? []).union(unchanged[resource.name] ?? [])
            }
            counts[resource.path] = try writeTable(resource, db: db, to: folder.appendingPathComponent(resource.path),
                                                   confidential: confidential, withholdingHistory: !includeConfidential, keys: keys)
        }
        let tombstoneFile = folder.appendingPathComponent(HSDSSchema.tombstone.path)
        let csv = try CSVOutput(url: tombstoneFile, header: HSDSSchema.tombstone.fields.map(\.name))
        for (resource, id, at) in tombstones.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { try csv.write([resource, id, at]) }
        do { try csv.close() } catch { throw ExportError.cannotWrite(tombstoneFile.path) }
        counts[HSDSSchema.tombstone.path] = tombstones.count

        let title = try String.fetchOne(db, sql: "SELECT value FROM directory_meta WHERE key = 'title'")
        let fictional = try String.fetchOne(db, sql: "SELECT value FROM directory_meta WHERE key = 'fictional'") == "true"
        var descriptor = ExportDescriptor(title: title, version: nil, fictional: fictional, withheld: withheld.sorted())
        descriptor.extraResources = [HSDSSchema.tombstone]
        let url = folder.appendingPathComponent("datapackage.json")
        do { try descriptor.json().write(to: url) } catch { throw ExportError.cannotWrite(url.path) }
        let flagged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM location_flag WHERE code = 'confidential-address'") ?? 0
        let carriesConfidential = includeConfidential && flagged > 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            try? FileManager.default.setAttributes([.posixPermissions: carriesConfidential ? 0o600 : 0o644],
                                                   ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        try? FileManager.default.setAttributes([.posixPermissions: carriesConfidential ? 0o700 : 0o755], ofItemAtPath: folder.path)
        let report = ExportReport(destination: folder.path, counts: counts, confidentialLocationsWithheld: withheld.count)
        return BundleExport(report: report, changeSequence: sequence, unchanged: unchanged.mapValues { $0.sorted() }.filter { !$0.value.isEmpty },
                            tombstones: tombstones.count)
    }

    /// The rows the written rows point at, and what those point at, not written already: by resource, their ids.
    private func referenced(by written: [String: Set<String>], db: Database) throws -> [String: Set<String>] {
        var included = written
        var unchanged: [String: Set<String>] = [:]
        var queue: [(String, String)] = written.flatMap { entry in entry.value.map { (entry.key, $0) } }
        while let (name, id) = queue.popLast() {
            guard let resource = HSDSSchema.resource(named: name),
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM \(name.quotedDatabaseIdentifier) WHERE id = ?", arguments: [id]) else { continue }
            var targets: [(String, String)] = resource.references.compactMap { reference in
                (row[reference.field] as String?).map { (reference.resource, $0) }
            }
            if name == "attribute", let entity: String = row["link_entity"], let link: String = row["link_id"] {
                targets.append((entity, link))
            }
            for (target, key) in targets where HSDSSchema.resource(named: target)?.key == "id" {
                guard !(included[target]?.contains(key) ?? false) else { continue }
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(target.quotedDatabaseIdentifier) WHERE id = ?)",
                                        arguments: [key]) == true else { continue }
                included[target, default: []].insert(key)
                unchanged[target, default: []].insert(key)
                queue.append((target, key))
            }
        }
        return unchanged
    }
}
