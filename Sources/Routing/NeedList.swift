import Directory
import Foundation

/// Needs written on one line, as the command line takes them: `shelter.emergency:emergency, health:urgent, legal.aid`.
///
/// Each need is a service-type code, optionally followed by `:` and a priority (emergency, urgent,
/// normal; normal when left out), separated by commas. The intake form and `waymark route --need`
/// read needs with this one parser, so a line that works in one works in the other.
public enum NeedList {
    /// The needs of a line, in the order written; every problem is refused with what to type instead.
    public static func parse(_ text: String) throws(NeedListError) -> [Need] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard items.contains(where: { !$0.isEmpty }) else { throw .empty }
        var needs: [Need] = []
        for item in items where !item.isEmpty {
            let need = try need(item)
            guard !needs.contains(where: { $0.code == need.code }) else { throw .twice(need.code) }
            needs.append(need)
        }
        return needs
    }

    /// One need: `code` or `code:priority`.
    public static func need(_ item: String) throws(NeedListError) -> Need {
        let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let code = parts.first.map { $0.lowercased() } ?? ""
        guard Vocabulary.serviceTypes.contains(code) else {
            throw .unknownType(code, suggestions: suggestions(for: code))
        }
        guard parts.count == 2 else { return Need(code) }
        guard let priority = Priority(rawValue: parts[1].lowercased()) else { throw .unknownPriority(parts[1], need: code) }
        return Need(code, priority: priority)
    }

    /// The line that `parse` reads back as `needs` (normal priority left out).
    public static func format(_ needs: [Need]) -> String {
        needs.map { $0.priority == .normal ? $0.code : "\($0.code):\($0.priority.rawValue)" }.joined(separator: ", ")
    }

    /// Codes a mistyped one may have meant: its sub-types, or codes that contain it.
    static func suggestions(for code: String) -> [String] {
        guard !code.isEmpty else { return [] }
        let below = Vocabulary.serviceTypes.filter { $0.hasPrefix(code + ".") }
        if !below.isEmpty { return Array(below.prefix(4)) }
        return Array(Vocabulary.serviceTypes.filter { $0.contains(code) }.prefix(4))
    }
}

/// Why a line of needs was refused, in words a responder can act on.
public enum NeedListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing was typed.
    case empty
    /// A code that is not a service type, with codes it may have meant.
    case unknownType(String, suggestions: [String])
    /// A priority that is not emergency, urgent or normal.
    case unknownPriority(String, need: String)
    /// The same need twice.
    case twice(String)

    public var description: String {
        switch self {
        case .empty:
            return "type at least one need, e.g. shelter.emergency:emergency, legal.aid"
        case .unknownType(let code, let suggestions):
            let shown = Sanitized.short(code)
            guard !code.isEmpty else { return "a need is empty: write service-type codes separated by commas" }
            guard !suggestions.isEmpty else { return "'\(shown)' is not a service type (codes look like shelter, shelter.emergency, legal.aid)" }
            return "'\(shown)' is not a service type; did you mean \(suggestions.joined(separator: ", "))?"
        case .unknownPriority(let priority, let need):
            return "'\(Sanitized.short(priority))' after \(need) is not a priority: write emergency, urgent or normal"
        case .twice(let code):
            return "\(code) is listed twice"
        }
    }
}
