import Directory

/// Hours of the week's nights (22:00 to 06:00 local time) as a set: one bit per hour, 56 in all.
///
/// A service covers a night hour when it is open throughout it; `open-24-7` covers every
/// one, and unknown hours cover none (an emergency cannot count on them).
public struct NightHours: Sendable, Equatable {
    /// When a night begins, in minutes after local midnight (22:00).
    public static let startMinute = 22 * 60
    /// The hours of one night (22:00 to 06:00).
    public static let hoursPerNight = 8
    /// One bit per night hour: bit `(night - 1) * 8 + hour`, night 1 beginning on Monday evening.
    public var bits: UInt64

    /// Every night hour of the week.
    public static let all = NightHours(bits: (1 << 56) - 1)
    /// No night hour.
    public static let none = NightHours(bits: 0)

    /// A set from its bits (those beyond the 56 night hours are dropped).
    public init(bits: UInt64) { self.bits = bits & ((1 << 56) - 1) }

    /// The night hours a service with these hours is open throughout.
    public init(_ hours: WeeklyHours, openAllDay: Bool = false) {
        if openAllDay || hours.allDay {
            self = .all
            return
        }
        var bits: UInt64 = 0
        for night in 1...7 {
            for hour in 0..<NightHours.hoursPerNight {
                let (day, start) = NightHours.moment(night: night, hour: hour)
                if NightHours.open(hours, day: day, from: start, to: start + 60) { bits |= 1 << UInt64((night - 1) * 8 + hour) }
            }
        }
        self.init(bits: bits)
    }

    /// Whether every night hour is in the set.
    public var isAll: Bool { bits == NightHours.all.bits }

    /// How many night hours are in the set.
    public var count: Int { bits.nonzeroBitCount }

    /// The night hours not in this set.
    public var complement: NightHours { NightHours(bits: ~bits) }

    /// The set's hours as spans within each night, in week order: `MO 22:00-TU 06:00`, `SA 02:00-SA 04:00`.
    ///
    /// Days are RRULE `byday` codes; a span ends at the end of its last hour.
    public var spans: [String] {
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        func text(_ night: Int, _ hour: Int) -> String {
            let (day, minute) = NightHours.moment(night: night, hour: hour)
            let clock = minute / 60
            return "\(days[day - 1]) \(clock < 10 ? "0" : "")\(clock):00"
        }
        var result: [String] = []
        for night in 1...7 {
            var hour = 0
            while hour < NightHours.hoursPerNight {
                guard bits & (1 << UInt64((night - 1) * 8 + hour)) != 0 else {
                    hour += 1
                    continue
                }
                let first = hour
                while hour < NightHours.hoursPerNight && bits & (1 << UInt64((night - 1) * 8 + hour)) != 0 { hour += 1 }
                // The span ends where its last hour ends: the next hour's start, or 06:00 the next morning.
                let end = hour < NightHours.hoursPerNight ? text(night, hour)
                    : "\(days[night % 7]) 06:00"
                result.append("\(text(night, first))-\(end)")
            }
        }
        return result
    }

    /// The weekday (1 = Monday) and minute after midnight at which an hour of a night begins.
    static func moment(night: Int, hour: Int) -> (day: Int, minute: Int) {
        let minute = NightHours.startMinute + hour * 60
        return minute < 1440 ? (night, minute) : (night % 7 + 1, minute - 1440)
    }

    /// Whether the hours are open throughout `[from, to)` on `day` (ranges may join end to start).
    static func open(_ hours: WeeklyHours, day: Int, from: Int, to: Int) -> Bool {
        var reached = from
        for range in hours.ranges where range.day == day && range.start <= reached && range.end > reached {
            reached = range.end
            if reached >= to { return true }
        }
        return reached >= to
    }
}
