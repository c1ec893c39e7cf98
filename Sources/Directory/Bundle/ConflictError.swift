import Foundation

/// Why a conflict could not be resolved as asked; nothing was changed.
public enum ConflictError: Error, Equatable, CustomStringConvertible {
    /// No conflict has this number.
    case notFound(Int64)
    /// The conflict was resolved already.
    case alreadyResolved(Int64, resolution: String)
    /// The value given breaks the field's type or vocabulary.
    case invalidValue(field: String, problem: String)
    /// A removed row has no single value to set.
    case valueForRow(Int64)
    /// The row the conflict is about is gone, so the incoming value cannot be applied.
    case rowGone(entity: String, id: String)

    public var description: String {
        switch self {
        case .notFound(let id):
            return "no conflict has the number \(id); see waymark conflicts for the open ones"
        case .alreadyResolved(let id, let resolution):
            return "conflict \(id) was already resolved (\(resolution)); nothing was changed"
        case .invalidValue(let field, let problem):
            return "\(field): \(problem); nothing was changed"
        case .valueForRow(let id):
            return "conflict \(id) is about a row removed on one side: keep local or keep incoming; a value cannot be given"
        case .rowGone(let entity, let id):
            return "the \(entity) '\(Sanitized.short(id))' is no longer in the directory, so its value cannot be set; keep local instead"
        }
    }
}
