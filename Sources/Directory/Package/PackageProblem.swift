import Foundation

/// One thing wrong with a package, located as `file:line: field: problem`.
public struct PackageProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How much a problem matters.
    public enum Severity: String, Sendable, Codable {
        /// The package is refused.
        case error
        /// The value is dropped or kept as is, and the package is still imported.
        case warning
    }

    /// Error or warning.
    public let severity: Severity
    /// The file inside the package (`services.csv`), or the package itself.
    public let file: String
    /// The 1-based line, when the problem belongs to one.
    public let line: Int?
    /// The column, when the problem belongs to one.
    public let field: String?
    /// What is wrong and, where it helps, what to do.
    public let message: String

    /// Creates a problem.
    public init(_ severity: Severity, file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `services.csv:14: minimum_age: 'twelve' is not a number`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += ": \(field)" }
        return "\(place): \(message)"
    }
}

/// Problems found so far, in the order they were found.
public struct ProblemList: Sendable {
    /// Every problem.
    public private(set) var all: [PackageProblem] = []

    /// Creates an empty list.
    public init() {}

    /// The errors.
    public var errors: [PackageProblem] { all.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [PackageProblem] { all.filter { $0.severity == .warning } }
    /// Whether any error was found.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Records an error.
    public mutating func error(_ file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        all.append(PackageProblem(.error, file: file, line: line, field: field, message))
    }

    /// Records a warning.
    public mutating func warning(_ file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        all.append(PackageProblem(.warning, file: file, line: line, field: field, message))
    }

    /// Adds problems found elsewhere.
    public mutating func append(contentsOf other: [PackageProblem]) { all.append(contentsOf: other) }
}
