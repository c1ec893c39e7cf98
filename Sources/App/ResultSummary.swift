import Directory
import Foundation

/// Short forms of a search result a responder scans in a list.
public enum ResultSummary {
    /// Who a service takes, e.g. `F 12–17`, `M 18+`, `any`.
    public static func eligibility(sex: [String], minimumAge: Double?, maximumAge: Double?) -> String {
        let sexText = sex.isEmpty || sex.count == Vocabulary.sexes.count ? ""
            : sex.map { String($0.prefix(1)).uppercased() }.joined(separator: "/")
        let ages: String
        switch (minimumAge.map { Int($0) }, maximumAge.map { Int($0) }) {
        case (nil, nil): ages = ""
        case (let low?, nil): ages = "\(low)+"
        case (nil, let high?): ages = "0–\(high)"
        case (let low?, let high?): ages = "\(low)–\(high)"
        }
        let parts = [sexText, ages].filter { !$0.isEmpty }
        return parts.isEmpty ? "any" : parts.joined(separator: " ")
    }

    /// `Mon–Fri 09:00–17:00; Sat 10:00–14:00`, `24/7`, or nil when unknown.
    public static func hours(_ hours: WeeklyHours, dayNames: [String]) -> String? {
        if hours.allDay { return "24/7" }
        guard !hours.ranges.isEmpty, dayNames.count == 7 else { return nil }
        // Group consecutive days that share the same openings.
        var perDay: [Int: [WeeklyHours.Range]] = [:]
        for range in hours.ranges { perDay[range.day, default: []].append(range) }
        var groups: [(days: [Int], spans: String)] = []
        for day in 1...7 {
            guard let ranges = perDay[day] else { continue }
            let spans = ranges.map { "\(clock($0.start))–\(clock($0.end))" }.joined(separator: ", ")
            if let last = groups.last, last.spans == spans, last.days.last == day - 1 {
                groups[groups.count - 1].days.append(day)
            } else {
                groups.append(([day], spans))
            }
        }
        return groups.map { group in
            let first = dayNames[group.days[0] - 1]
            let days = group.days.count == 1 ? first : "\(first)–\(dayNames[(group.days.last ?? 1) - 1])"
            return "\(days) \(group.spans)"
        }.joined(separator: "; ")
    }

    /// A travel time as a responder says it: `40 min`, `3 h 30 min`.
    public static func travel(_ minutes: Double) -> String {
        let total = Int(minutes.rounded())
        return total >= 60 ? "\(total / 60) h \(total % 60) min" : "\(total) min"
    }

    /// `HH:MM` for minutes after midnight.
    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
}
