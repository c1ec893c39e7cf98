import Foundation

/// Reads and writes the textual forms of package values (numbers, dates, times, booleans).
public enum FieldValue {
    /// A finite number written in plain decimal notation, or nil.
    public static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let value = Double(trimmed), value.isFinite else { return nil }
        // Double() accepts "nan", "inf" and hex floats; a directory does not.
        guard trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
        return value
    }

    /// A whole number, or nil.
    public static func integer(_ text: String) -> Int? {
        if let value = Int(text.trimmingCharacters(in: .whitespaces)) { return value }
        if let value = number(text), value == value.rounded(), abs(value) < 1e15 { return Int(value) }
        return nil
    }

    /// `true`/`false` (also `yes`/`no`, `1`/`0`), or nil.
    public static func boolean(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "1", "y", "t": return true
        case "false", "no", "0", "n", "f": return false
        default: return nil
        }
    }

    /// A calendar date `YYYY-MM-DD` as (year, month, day), or nil when it is not a real date.
    public static func date(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return (y, m, d)
    }

    /// A time of day `HH:MM[:SS]` with an optional `Z` or `±HH:MM` suffix, as seconds after
    /// midnight (the suffix is reported separately), or nil.
    public static func time(_ text: String) -> (seconds: Int, hadZone: Bool)? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var hadZone = false
        if body.hasSuffix("Z") || body.hasSuffix("z") {
            body = body.dropLast()
            hadZone = true
        } else if let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = body[body.index(after: sign)...]
            let zoneParts = zone.split(separator: ":")
            guard zoneParts.count <= 2, zoneParts.allSatisfy({ $0.count == 2 && Int($0) != nil }) else { return nil }
            body = body[..<sign]
            hadZone = true
        }
        if let dot = body.firstIndex(of: ".") { body = body[..<dot] }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        let s = parts.count == 3 ? Int(parts[2]) : 0
        guard let s, (0...24).contains(h), (0...59).contains(m), (0...59).contains(s),
              h < 24 || (m == 0 && s == 0) else { return nil }
        return (h * 3600 + m * 60 + s, hadZone)
    }

    /// `HH:MM:SS` for seconds after midnight.
    public static func timeText(_ seconds: Int) -> String {
        String(format: "%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
    }

    /// Whether text is an ISO 8601 date-time (`2023-03-15T10:30:45.123Z`, with or without a zone).
    public static func isDateTime(_ text: String) -> Bool {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, date(String(parts[0])) != nil else { return false }
        return time(String(parts[1])) != nil
    }

    /// Writes a number without a trailing `.0` when it is whole.
    public static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
