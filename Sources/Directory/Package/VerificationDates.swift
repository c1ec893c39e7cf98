import Foundation

/// Moves a package's verification dates so that they keep their age relative to today.
///
/// The bundled sample states its `assured_date`s (and capacity update times) relative to a
/// reference date. Seeding moves them forward by the days since that date, so a new user's
/// directory is as fresh as the sample meant it to be, while tests that seed at the
/// reference date see the dates exactly as written.
enum VerificationDates {
    /// Shifts the dates in place; returns the number of days moved.
    static func shift(_ contents: inout PackageContents, from reference: String, to now: Date) -> Int {
        guard let start = day(reference) else { return 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let today = calendar.startOfDay(for: now)
        guard let days = calendar.dateComponents([.day], from: start, to: today).day, days != 0 else { return 0 }
        shiftColumn(&contents, table: "service", field: "assured_date", days: days, calendar: calendar)
        shiftColumn(&contents, table: "service_capacity", field: "updated", days: days, calendar: calendar)
        return days
    }

    private static func shiftColumn(_ contents: inout PackageContents, table name: String, field: String,
                                    days: Int, calendar: Calendar) {
        guard var table = contents.tables[name], let index = table.index(of: field) else { return }
        for r in table.rows.indices {
            guard let text = table.rows[r][index], text.count >= 10 else { continue }
            let datePart = String(text.prefix(10))
            guard let date = day(datePart), let moved = calendar.date(byAdding: .day, value: days, to: date) else { continue }
            table.rows[r][index] = dayText(moved) + text.dropFirst(10)
        }
        contents.tables[name] = table
    }

    /// Midnight UTC of a `YYYY-MM-DD` date.
    static func day(_ text: String) -> Date? {
        guard let (y, m, d) = FieldValue.date(text) else { return nil }
        var components = DateComponents()
        components.year = y
        components.month = m
        components.day = d
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: components)
    }

    /// `YYYY-MM-DD` of an instant, in UTC.
    static func dayText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
