/// Reads weekly hours as an editor types them: `MO-FR 09:00-17:00`, `SA,SU 10:00-14:00`.
enum HoursText {
    static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// The RRULE `byday` list and the opening and closing times (`HH:MM:SS`); a refusal names the rule broken.
    static func parse(_ text: String) throws(DirectoryEditError) -> (byday: String, opens: String, closes: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 2 else {
            throw .invalid(field: "hours", problem: "'\(Sanitized.short(text))' is not days and times such as MO-FR 09:00-17:00")
        }
        var days: [String] = []
        for piece in parts[0].uppercased().split(separator: ",") {
            let ends = piece.split(separator: "-").map(String.init)
            guard (1...2).contains(ends.count), let first = dayCodes.firstIndex(of: ends[0]),
                  let last = dayCodes.firstIndex(of: ends[ends.count - 1]), first <= last else {
                throw .invalid(field: "hours", problem: "'\(Sanitized.short(String(piece)))' is not a day or a range of days (MO, TU, WE, TH, FR, SA, SU)")
            }
            for day in dayCodes[first...last] where !days.contains(day) { days.append(day) }
        }
        let times = parts[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard times.count == 2 else {
            throw .invalid(field: "hours", problem: "'\(Sanitized.short(parts[1]))' is not an opening and closing time such as 09:00-17:00")
        }
        for time in times {
            if let problem = ProfileRules.timeProblem(time) { throw .invalid(field: "hours", problem: problem) }
        }
        guard let opens = FieldValue.time(times[0]), let closes = FieldValue.time(times[1]) else {
            throw .invalid(field: "hours", problem: "not a time")
        }
        let ordered = dayCodes.filter { days.contains($0) }
        return (ordered.joined(separator: ","), FieldValue.timeText(opens.seconds), FieldValue.timeText(closes.seconds))
    }
}
