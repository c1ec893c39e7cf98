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
    /// `assured_date` is more than `olderThan` days before today (the SOP's `stale_after_days` when nil),
    /// optionally in or covering an area.
    ///
    /// A direct query: it builds neither the search index nor the routing snapshot.
    public func staleQueue(olderThan days: Int? = nil, area: String? = nil,
                           clock: any TimeSource = SystemTime()) throws -> [StaleEntry] {
        let now = clock.now()
        let days = days ?? staleAfterDays
        let before = VerificationDates.dayText(now.addingTimeInterval(-Double(days) * 86_400))
        return try writer.read { db in
            var areaFilter = ""
            var arguments: [String: (any DatabaseValueConvertible)?] = ["before": before]
            if let area {
                try DirectoryEditor.checkPCode(area, field: "area", db: db)
                areaFilter = """
                     AND (EXISTS (SELECT 1 FROM search_entry e JOIN area_ancestor a ON a.pcode = e.pcode
                                 WHERE e.service_id = s.id AND a.ancestor = :area)
                      OR EXISTS (SELECT 1 FROM service_area sa JOIN area_ancestor a ON a.ancestor = sa.extent
                                 WHERE sa.service_id = s.id AND sa.extent_type = 'pcode' AND a.pcode = :area))
                    """
                arguments["area"] = area
            }
            // The phones to call: the service's own, else its organization's.
            var servicePhones: [String: [String]] = [:]
            var organizationPhones: [String: [String]] = [:]
            let phones = try Row.fetchCursor(db, sql: """
                SELECT service_id, organization_id, number FROM phone
                WHERE (service_id IS NOT NULL OR organization_id IS NOT NULL) AND number IS NOT NULL ORDER BY rowid
                """)
            while let row = try phones.next() {
                if let service: String = row[0] {
                    servicePhones[service, default: []].append(row[2])
                } else if let organization: String = row[1] {
                    organizationPhones[organization, default: []].append(row[2])
                }
            }
            let today = FieldValue.date(VerificationDates.dayText(now))
            var entries: [StaleEntry] = []
            // Never verified first, then the oldest verification: both read from the `service_stale` index, in order.
            for condition in ["(s.assured_date IS NULL OR s.assured_date = '')", "s.assured_date > '' AND s.assured_date < :before"] {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT s.id, s.name, s.assured_date, s.organization_id FROM service s
                    WHERE s.status <> 'defunct' AND \(condition) \(areaFilter)
                    ORDER BY s.assured_date, s.name, s.id
                    """, arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    let id: String = row[0]
                    let assured: String? = row[2]
                    let organization: String? = row[3]
                    entries.append(StaleEntry(serviceId: id, name: row[1] ?? "", assuredDate: assured?.isEmpty == true ? nil : assured,
                                              daysSince: assured.flatMap { Self.days(from: $0, to: today) },
                                              phones: servicePhones[id] ?? organization.flatMap { organizationPhones[$0] } ?? [],
                                              changesSince: []))
                }
            }
            // Changes since each listed service's verification, read as a cursor, by position, only what the line needs:
            // a history of hundreds of thousands of rows (a year of imports) is walked once, never held.
            if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM metadata)") == true {
                let position = Dictionary(entries.enumerated().map { ($1.serviceId, $0) }, uniquingKeysWith: { first, _ in first })
                let history = try Row.fetchCursor(db, sql: """
                    SELECT \(HistoryEntry.owner) AS owner, COALESCE(c.changed_at, m.last_action_date), m.resource_type, m.field_name,
                           \(HistoryEntry.masked("previous_value")), \(HistoryEntry.masked("replacement_value"))
                    FROM metadata m LEFT JOIN waymark_change c ON c.metadata_id = m.id
                    WHERE m.last_action_type <> 'verify' ORDER BY COALESCE(c.changed_at, m.last_action_date), c.sequence, m.rowid
                    """)
                while let row = try history.next() {
                    guard let owner: String = row[0], let index = position[owner] else { continue }
                    let changedAt: String = row[1] ?? ""
                    if let assured = entries[index].assuredDate, changedAt.prefix(10) < assured { continue }
                    let resource: String = row[2] ?? "", field: String = row[3] ?? ""
                    let previous: String = row[4] ?? "", replacement: String = row[5] ?? ""
                    entries[index].changesSince.append("\(resource).\(field): \(previous) → \(replacement)")
                }
            }
            return entries
        }
    }

    /// Whole days between two `YYYY-MM-DD` dates; nil when either is not a date.
    static func days(from text: String, to today: (year: Int, month: Int, day: Int)?) -> Int? {
        guard let start = quickDate(text) ?? FieldValue.date(text), let today else { return nil }
        return dayNumber(today) - dayNumber(start)
    }

    /// A `YYYY-MM-DD` date read straight from its bytes (the queue reads tens of thousands); nil when it is not one.
    static func quickDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var digits: [Int] = []
        digits.reserveCapacity(8)
        var count = 0
        for byte in text.utf8 {
            count += 1
            if count == 5 || count == 8 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                digits.append(Int(byte - UInt8(ascii: "0")))
            }
        }
        guard count == 10 else { return nil }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5], day = digits[6] * 10 + digits[7]
        guard (1...12).contains(month), day >= 1, day <= FieldValue.daysInMonth(year: year, month: month) else { return nil }
        return (year, month, day)
    }

    /// Days since a fixed epoch of a proleptic Gregorian date (the civil-from-days algorithm's inverse).
    static func dayNumber(_ date: (year: Int, month: Int, day: Int)) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }
}
