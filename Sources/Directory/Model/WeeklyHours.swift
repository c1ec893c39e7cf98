import Foundation

/// A service's opening hours over a week, in its area's local time.
///
/// Stored in a compact form on each search entry: `24/7`, or ranges `day:start-end`
/// (day 1 = Monday … 7 = Sunday, minutes after local midnight, end exclusive) joined by
/// commas; the empty string means the hours are unknown. A range that closes after
/// midnight is split across the two days.
public struct WeeklyHours: Sendable, Equatable {
    /// The compact form of round-the-clock hours.
    public static let allDayCode = "24/7"

    /// One opening: a day and a half-open minute range.
    public struct Range: Sendable, Equatable, Hashable {
        /// 1 = Monday … 7 = Sunday.
        public let day: Int
        /// Minutes after midnight when it opens.
        public let start: Int
        /// Minutes after midnight when it closes (up to 1440).
        public let end: Int
    }

    /// Whether the service is open round the clock.
    public private(set) var allDay: Bool = false
    /// The openings, sorted.
    public private(set) var ranges: [Range] = []

    /// No known hours.
    public init() {}

    /// Whether anything is known about the hours.
    public var isKnown: Bool { allDay || !ranges.isEmpty }

    /// The days an RRULE `byday` lists (`MO,TU,...`); every day when it is blank, none when
    /// it names no day it can read.
    public static func days(fromByDay byday: String?) -> [Int] {
        let names = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        let days = (byday ?? "").split(separator: ",").compactMap { part -> Int? in
            let code = part.trimmingCharacters(in: .whitespaces).suffix(2).uppercased()
            return names.firstIndex(of: code).map { $0 + 1 }
        }
        // Blank means every day; text that names no day means the hours are unknown.
        let blank = (byday ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        return blank ? Array(1...7) : days
    }

    /// Adds an opening on each of `days`, from `opens` to `closes` minutes after midnight.
    public mutating func add(days: [Int], opens: Int, closes: Int) {
        for day in days {
            if closes > opens {
                insert(Range(day: day, start: opens, end: closes))
            } else {
                // Closes after midnight (or at the same minute: open the whole day).
                insert(Range(day: day, start: opens, end: 1440))
                if closes > 0 { insert(Range(day: day % 7 + 1, start: 0, end: closes)) }
            }
        }
    }

    private mutating func insert(_ range: Range) {
        guard !ranges.contains(range) else { return }
        ranges.append(range)
        ranges.sort { ($0.day, $0.start, $0.end) < ($1.day, $1.start, $1.end) }
    }

    /// Whether it is open on `day` (1 = Monday) at `minute` after local midnight; nil when unknown.
    public func isOpen(day: Int, minute: Int) -> Bool? {
        if allDay { return true }
        if ranges.isEmpty { return nil }
        return ranges.contains { $0.day == day && $0.start <= minute && minute < $0.end }
    }

    /// The compact form.
    public var code: String {
        if allDay { return Self.allDayCode }
        return ranges.map { "\($0.day):\($0.start)-\($0.end)" }.joined(separator: ",")
    }

    /// Reads the compact form.
    public init(code: String) {
        if code == Self.allDayCode {
            allDay = true
            return
        }
        for part in code.split(separator: ",") {
            let pieces = part.split(whereSeparator: { $0 == ":" || $0 == "-" })
            guard pieces.count == 3, let d = Int(pieces[0]), let s = Int(pieces[1]), let e = Int(pieces[2]) else { continue }
            ranges.append(Range(day: d, start: s, end: e))
        }
    }
}

/// A wall-clock moment: a weekday and the minutes after midnight.
public struct LocalMoment: Sendable, Equatable {
    /// 1 = Monday … 7 = Sunday.
    public let day: Int
    /// Minutes after local midnight.
    public let minute: Int

    /// A moment from its parts.
    public init(day: Int, minute: Int) {
        self.day = day
        self.minute = minute
    }

    /// The local moment of an instant in a time zone.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.weekday, .hour, .minute], from: instant)
        // Calendar weekday: 1 = Sunday.
        day = ((c.weekday ?? 2) + 5) % 7 + 1
        minute = (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }

    /// Reads `YYYY-MM-DDTHH:MM[:SS]` as a wall-clock moment; nil when it is not one.
    public init?(wallClock text: String) {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let date = VerificationDates.day(String(parts[0])),
              let time = FieldValue.time(String(parts[1])), !time.hadZone else { return nil }
        self.init(date, in: TimeZone(identifier: "UTC") ?? .current)
        let seconds = time.seconds
        self = LocalMoment(day: day, minute: seconds / 60)
    }
}

extension LocalMoment {
    /// The instant a wall-clock time `YYYY-MM-DDTHH:MM[:SS]` names in a time zone; nil when it is not one.
    public static func instant(wallClock text: String, in zone: TimeZone) -> Date? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let (year, month, day) = FieldValue.date(String(parts[0])),
              let time = FieldValue.time(String(parts[1])), !time.hadZone else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: time.seconds / 3600,
                                                  minute: time.seconds / 60 % 60, second: time.seconds % 60))
    }
}
