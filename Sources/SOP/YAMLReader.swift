import Foundation
import Yams

/// A problem in a YAML file Waymark reads (a procedure, a questionnaire, an answers file),
/// located as `file:line: field: problem`.
public struct YAMLFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's name.
    public let file: String
    /// The line (from 1), when known.
    public let line: Int?
    /// The field or key at fault, when there is one.
    public let field: String?
    /// What is wrong and, where it helps, what to write instead.
    public let problem: String

    /// An error naming the file, and where known the line and the field.
    public init(file: String, line: Int?, field: String?, problem: String) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
    }

    /// The error as `file:line: field: problem`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += ": \(field)" }
        return "\(place): \(problem)"
    }
}

/// Reads YAML nodes for one file, turning every problem into a `file:line: field: problem` error.
struct YAMLReader {
    let file: String

    /// The error for a node, naming its line when the node has one.
    func fail(_ node: Node?, _ field: String?, _ problem: String) -> YAMLFileError {
        YAMLFileError(file: file, line: node?.mark?.line, field: field, problem: problem)
    }

    /// The document's root node.
    func compose(_ text: String) throws(YAMLFileError) -> Node {
        do {
            guard let root = try Yams.compose(yaml: text) else { throw fail(nil, nil, "the file is empty") }
            return root
        } catch let error as YAMLFileError {
            throw error
        } catch let error as YamlError {
            throw YAMLFileError(file: file, line: YamlErrorLine.line(of: error), field: nil, problem: "not valid YAML: \(error)")
        } catch {
            throw fail(nil, nil, "not valid YAML")
        }
    }

    /// Refuses a key that is not one of `allowed`.
    func onlyKeys(_ mapping: Node.Mapping, _ allowed: Set<String>, _ what: String) throws(YAMLFileError) {
        for key in mapping.keys {
            let name = key.scalar?.string ?? ""
            if !allowed.contains(name) {
                throw fail(key, name, "is not \(what); use \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    /// An optional text field: nil when absent; refused when present but empty or not a text.
    func optionalText(_ mapping: Node.Mapping, _ key: String) throws(YAMLFileError) -> String? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.scalar?.string, node.null == nil, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(node, key, "must be a non-empty text")
        }
        return value
    }

    /// A required, non-empty text field; `owner` locates the error when the field is missing.
    func text(_ mapping: Node.Mapping, _ key: String, in owner: Node) throws(YAMLFileError) -> String {
        guard let node = mapping[key] else { throw fail(owner, key, "is missing") }
        guard let value = node.scalar?.string, node.null == nil, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(node, key, "must be a non-empty text")
        }
        return value
    }

    /// An optional list of texts, with each item's node.
    func list(_ mapping: Node.Mapping, _ key: String, example: String = "[coercive-recruitment]") throws(YAMLFileError) -> [(Node, String)] {
        guard let node = mapping[key] else { return [] }
        guard let sequence = node.sequence else { throw fail(node, key, "must be a list, e.g. \(example)") }
        var values: [(Node, String)] = []
        for item in sequence {
            guard let value = item.scalar?.string, !value.isEmpty else { throw fail(item, key, "every item must be a text") }
            values.append((item, value))
        }
        return values
    }
}

/// The line a Yams error points at, when it says.
enum YamlErrorLine {
    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }
}
