/// Why the directory refused a change; nothing was written.
public enum DirectoryEditError: Error, Equatable, CustomStringConvertible {
    /// A value breaks a rule of the profile: the field and the rule.
    case invalid(field: String, problem: String)
    /// No service or organization has this id.
    case notFound(kind: String, id: String)
    /// The operator has no change left to undo.
    case nothingToUndo(author: String)
    /// Someone else (or an import) changed the same field after the change to undo.
    case changedSince(field: String, by: String, at: String, action: String)

    public var description: String {
        switch self {
        case .invalid(let field, let problem):
            return "\(field): \(problem); nothing was changed"
        case .notFound(let kind, let id):
            return "no \(kind) has the id '\(Sanitized.short(id))'; see waymark search or waymark changes for ids"
        case .nothingToUndo(let author):
            return "\(Sanitized.short(author, limit: 80)) has no change left to undo (an import or a merged bundle is never undone)"
        case .changedSince(let field, let by, let at, let action):
            return "cannot undo: \(field) was changed again later (\(action) by \(Sanitized.short(by, limit: 80)) at \(at)); "
                + "edit the field instead; nothing was changed"
        }
    }
}
