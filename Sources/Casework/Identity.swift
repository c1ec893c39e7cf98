import Foundation

/// What identifies the person: encrypted at rest under the case's key, shared only within consent.
///
/// Never taken from a command-line argument; read from a prompt or standard input as JSON:
/// `{"name": "...", "date_of_birth": "2009-04-02", "phone": "...", "address": "...",
/// "narrative": "...", "safety_concerns": "...", "safe_contact": "...", "disability": "..."}` — every key optional.
public struct Identity: Sendable, Equatable, Codable {
    public var name: String?
    /// `YYYY-MM-DD`.
    public var dateOfBirth: String?
    public var phone: String?
    public var address: String?
    /// The person's own account, in free text.
    public var narrative: String?
    public var safetyConcerns: String?
    /// A safe way to make contact (e.g. "do not call; text after 18:00").
    public var safeContact: String?
    /// A disability the receiving service should know of, in the person's words.
    public var disability: String?

    public init(name: String? = nil, dateOfBirth: String? = nil, phone: String? = nil, address: String? = nil,
                narrative: String? = nil, safetyConcerns: String? = nil, safeContact: String? = nil, disability: String? = nil) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.phone = phone
        self.address = address
        self.narrative = narrative
        self.safetyConcerns = safetyConcerns
        self.safeContact = safeContact
        self.disability = disability
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, phone, address, narrative, disability
        case dateOfBirth = "date_of_birth", safetyConcerns = "safety_concerns", safeContact = "safe_contact"
    }

    /// Whether nothing is known.
    public var isEmpty: Bool { self == Identity() }

    /// Reads identifying data given as JSON, refusing unknown keys and malformed values.
    public static func parse(_ data: Data) throws(CaseworkError) -> Identity {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidInput("The identifying data is not UTF-8 text.")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw .invalidInput("The identifying data must be one JSON object, e.g. {\"name\": \"...\", \"date_of_birth\": \"2009-04-02\"}.")
        }
        var fields: [String: String] = [:]
        for (key, value) in object {
            if value is NSNull { continue }
            guard let string = value as? String else { throw .invalidInput("'\(key)' must be text.") }
            fields[key] = string
        }
        return try parse(fields: fields)
    }

    /// Reads identifying data given field by field (the CLI's questions, the UI's form), refusing
    /// unknown fields and malformed values: the one reader both JSON and forms go through.
    public static func parse(fields: [String: String]) throws(CaseworkError) -> Identity {
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidInput("'\(unknown)' is not a field of the identifying data; use: \(known.sorted().joined(separator: ", ")).")
        }
        var identity = Identity()
        for (key, value) in fields {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard trimmed.count <= 20_000 else { throw .invalidInput("'\(key)' is longer than 20,000 characters.") }
            switch key {
            case "name": identity.name = trimmed
            case "date_of_birth":
                guard isDate(trimmed) else {
                    throw .invalidInput("The date of birth is not a real date like 2009-04-02.")
                }
                identity.dateOfBirth = trimmed
            case "phone": identity.phone = trimmed
            case "address": identity.address = trimmed
            case "narrative": identity.narrative = trimmed
            case "disability": identity.disability = trimmed
            case "safe_contact": identity.safeContact = trimmed
            case "safety_concerns": identity.safetyConcerns = trimmed
            default: break  // refused above
            }
        }
        return identity
    }

    /// Fields given in `update` replace this identity's.
    func merged(with update: Identity) -> Identity {
        Identity(name: update.name ?? name, dateOfBirth: update.dateOfBirth ?? dateOfBirth, phone: update.phone ?? phone,
                 address: update.address ?? address, narrative: update.narrative ?? narrative,
                 safetyConcerns: update.safetyConcerns ?? safetyConcerns, safeContact: update.safeContact ?? safeContact,
                 disability: update.disability ?? disability)
    }

    /// Whole years from a date of birth (`YYYY-MM-DD`) to a moment; nil when the date does not read.
    public static func years(bornOn text: String, at moment: Date) -> Int? {
        guard isDate(text, notAfter: moment) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let born = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        return calendar.dateComponents([.year], from: born, to: moment).year
    }

    /// Whether the text is a real day written `YYYY-MM-DD`, not after `notAfter` (today by default).
    static func isDate(_ text: String, notAfter: Date = Date()) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return false }
        // A real day of that month (no 30 February), and not in the future.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return false }
        return date <= notAfter
    }
}
