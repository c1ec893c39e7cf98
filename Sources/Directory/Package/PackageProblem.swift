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
    /// For the line that stands for problems left out: how many it stands for.
    public let omitted: Int?

    /// Creates a problem.
    public init(_ severity: Severity, file: String, line: Int? = nil, field: String? = nil, _ message: String,
                omitted: Int? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.omitted = omitted
    }

    /// How many problems this one stands for: one, or the count a summary line left out.
    public var weight: Int { omitted ?? 1 }

    /// `services.csv:14: minimum_age: 'twelve' is not a number`.
    /// A message that already names its file (`services.csv is a symbolic link; …`) is
    /// printed as it is.
    public var description: String {
        if line == nil && field == nil && message.hasPrefix(file + " ") { return message }
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += ": \(field)" }
        return "\(place): \(message)"
    }
}

/// Problems found so far, in the order they were found, at most `limit` of each kind per file.
///
/// A hostile package can hold millions of bad rows; keeping (and printing) every problem
/// would take more memory than the file. The list keeps the first `limit` problems of each
/// kind in each file — a kind is the message with its quoted values and numbers left out —
/// and one line counting the rest, where the 101st would have stood.
public struct ProblemList: Sendable {
    /// How many problems of one kind in one file are kept by default.
    public static let defaultLimit = 100

    private struct Kind: Hashable, Sendable {
        let severity: PackageProblem.Severity
        let file: String
        let shape: String
    }
    private struct Tally: Sendable {
        var kept = 0
        var omitted = 0
        var summaryIndex: Int?
        var example = ""
    }

    private var kept: [PackageProblem] = []
    private var tallies: [Kind: Tally] = [:]
    /// How many problems of one kind in one file are kept.
    public let limit: Int

    /// Creates an empty list.
    public init(limit: Int = ProblemList.defaultLimit) { self.limit = max(1, limit) }

    /// Every problem kept, with a line for each kind that had more than `limit`.
    public var all: [PackageProblem] {
        var result = kept
        for (kind, tally) in tallies {
            guard let index = tally.summaryIndex else { continue }
            result[index] = PackageProblem(
                kind.severity, file: kind.file,
                "\(tally.omitted) more like \"\(tally.example)\" not shown", omitted: tally.omitted)
        }
        return result
    }

    /// The errors.
    public var errors: [PackageProblem] { all.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [PackageProblem] { all.filter { $0.severity == .warning } }
    /// Whether any error was found.
    public var hasErrors: Bool { kept.contains { $0.severity == .error } }
    /// Whether any error was found in `file`.
    public func hasErrors(in file: String) -> Bool { kept.contains { $0.severity == .error && $0.file == file } }

    /// Records an error.
    public mutating func error(_ file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        add(PackageProblem(.error, file: file, line: line, field: field, message))
    }

    /// Records a warning.
    public mutating func warning(_ file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        add(PackageProblem(.warning, file: file, line: line, field: field, message))
    }

    /// Adds problems found elsewhere; summary lines add their counts.
    public mutating func append(contentsOf other: [PackageProblem]) {
        for problem in other { add(problem) }
    }

    /// Adds another list's problems, its summary lines included.
    public mutating func append(contentsOf other: ProblemList) { append(contentsOf: other.all) }

    private mutating func add(_ problem: PackageProblem) {
        // A summary line from another list counts toward the kind of its example.
        let example = problem.omitted == nil ? problem.message : ProblemList.example(ofSummary: problem.message)
        let kind = Kind(severity: problem.severity, file: problem.file, shape: ProblemList.shape(example))
        var tally = tallies[kind] ?? Tally()
        if problem.omitted == nil && tally.kept < limit {
            tally.kept += 1
            kept.append(problem)
        } else {
            tally.omitted += problem.weight
            if tally.summaryIndex == nil {
                tally.summaryIndex = kept.count
                tally.example = example
                kept.append(problem)
            }
        }
        tallies[kind] = tally
    }

    /// The message with quoted values and numbers taken out: what makes problems alike.
    static func shape(_ message: String) -> String {
        var out = String.UnicodeScalarView()
        var inQuote = false
        var lastWasDigit = false
        for scalar in message.unicodeScalars {
            if scalar == "'" {
                inQuote.toggle()
                if inQuote { out.append("'") }
                continue
            }
            if inQuote { continue }
            if ("0"..."9").contains(scalar) {
                if !lastWasDigit { out.append("#") }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            out.append(scalar)
        }
        return String(out)
    }

    /// The example quoted in a summary line's message.
    private static func example(ofSummary message: String) -> String {
        guard let open = message.firstIndex(of: "\""), let close = message.lastIndex(of: "\""), open < close else { return message }
        return String(message[message.index(after: open)..<close])
    }
}
