import Foundation
import GRDB

/// A service whose verification is older than the limit (or missing): the coordinator's call list.
public struct StaleEntry: Sendable, Codable, Equatable {
    public var serviceId: String
    public var name: String
    public var assuredDate: String?
    /// Whole days since `assured_date`; nil when never verified.
    public var daysSince: Int?
    public var phones: [String]
    /// What changed since the last verification.
    public var changesSince: [String]

    enum CodingKeys: String, CodingKey {
        case name, phones
        case serviceId = "service_id", assuredDate = "assured_date", daysSince = "days_since", changesSince = "changes_since"
    }

    /// Encodes every key, a never-verified service's `assured_date` and `days_since` as null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(serviceId, forKey: .serviceId)
        try c.encode(name, forKey: .name)
        try c.encode(assuredDate, forKey: .assuredDate)
        try c.encode(daysSince, forKey: .daysSince)
        try c.encode(phones, forKey: .phones)
        try c.encode(changesSince, forKey: .changesSince)
    }
}

extension DirectoryStore {
    /// The verification queue, oldest first (never verified at the top): services not defunct whose
    /// `assured_date` is more than `olderThan` days before today, optionally in or covering an area.
    ///
    /// A direct query: it builds neither the search index nor the routing snapshot.
    public func staleQueue(olderThan days: Int = DirectoryStore.staleAfterDays, area: String? = nil,
                           clock: any TimeSource = SystemTime()) throws -> [StaleEntry] {
        let now = clock.now()
        let before = VerificationDates.dayText(now.addingTimeInterval(-Double(days) * 86_400))
        return try writer.read { db in
            var sql = """
                SELECT s.id, s.name, s.assured_date,
                       (SELECT group_concat(p.number, char(31)) FROM phone p WHERE p.service_id = s.id) AS phones
                FROM service s
                WHERE s.status <> 'defunct' AND (s.assured_date IS NULL OR s.assured_date = '' OR s.assured_date < :before)
                """
            var arguments: [String: (any DatabaseValueConvertible)?] = ["before": before]
            if let area {
                try DirectoryEditor.checkPCode(area, field: "area", db: db)
                sql += """
                     AND (EXISTS (SELECT 1 FROM search_entry e JOIN area_ancestor a ON a.pcode = e.pcode
                                 WHERE e.service_id = s.id AND a.ancestor = :area)
                      OR EXISTS (SELECT 1 FROM service_area sa JOIN area_ancestor a ON a.ancestor = sa.extent
                                 WHERE sa.service_id = s.id AND sa.extent_type = 'pcode' AND a.pcode = :area))
                    """
                arguments["area"] = area
            }
            sql += " ORDER BY s.assured_date IS NOT NULL AND s.assured_date <> '', s.assured_date, s.name, s.id"
            let today = FieldValue.date(VerificationDates.dayText(now))
            var entries: [StaleEntry] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                let assured: String? = row["assured_date"]
                let phones = ((row["phones"] as String?) ?? "").split(separator: "\u{1F}").map(String.init)
                entries.append(StaleEntry(serviceId: row["id"], name: row["name"] ?? "", assuredDate: assured,
                                          daysSince: assured.flatMap { Self.days(from: $0, to: today) }, phones: phones, changesSince: []))
            }
            // Changes since each listed service's verification, from the (usually short) history.
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM metadata)") == true {
                let position = Dictionary(entries.enumerated().map { ($1.serviceId, $0) }, uniquingKeysWith: { first, _ in first })
                let history = try Row.fetchAll(db, sql: """
                    SELECT \(HistoryEntry.columns), \(HistoryEntry.owner) AS owner
                    FROM metadata m LEFT JOIN waymark_change c ON c.metadata_id = m.id
                    WHERE m.last_action_type <> 'verify' ORDER BY COALESCE(c.changed_at, m.last_action_date), c.sequence, m.rowid
                    """)
                for row in history {
                    guard let owner: String = row["owner"], let index = position[owner] else { continue }
                    let entry = HistoryEntry(row: row)
                    if let assured = entries[index].assuredDate, entry.changedAt.prefix(10) < assured { continue }
                    entries[index].changesSince.append("\(entry.resourceType).\(entry.fieldName): \(entry.previousValue) → \(entry.replacementValue)")
                }
            }
            return entries
        }
    }

    /// Whole days between two `YYYY-MM-DD` dates; nil when either is not a date.
    static func days(from text: String, to today: (year: Int, month: Int, day: Int)?) -> Int? {
        guard let start = FieldValue.date(text), let today else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let from = calendar.date(from: DateComponents(year: start.year, month: start.month, day: start.day)),
              let to = calendar.date(from: DateComponents(year: today.year, month: today.month, day: today.day)) else { return nil }
        return calendar.dateComponents([.day], from: from, to: to).day
    }
}
