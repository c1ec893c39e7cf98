/// How soon a need must be met.
public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
    /// Within 24 hours; needs a service open at the time asked.
    case emergency
    /// Within 72 hours; needs a service open at the time asked.
    case urgent
    /// Within 14 days (the default); an open service is only preferred.
    case normal

    /// Whether a service must be open at the time asked.
    public var requiresOpenService: Bool { self != .normal }

    public static func < (a: Priority, b: Priority) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// One thing the person needs: a service-type code with a priority.
public struct Need: Sendable, Equatable, Codable, Hashable {
    /// A `waymark-service-type` code; a service of a sub-type meets it.
    public var code: String
    public var priority: Priority
    /// Whether a rule added it (a child gets `child-protection`), not the responder.
    public var addedByRule: Bool

    public init(_ code: String, priority: Priority = .normal, addedByRule: Bool = false) {
        self.code = code
        self.priority = priority
        self.addedByRule = addedByRule
    }
}
