/// What a change did, as HSDS `metadata.last_action_type` records it.
public enum ChangeAction: String, Sendable, Codable, CaseIterable {
    case create, update, delete, verify, undo, `import`
}

/// Who makes a change: the home's operator, as `metadata.updated_by` names them.
public struct ChangeAuthor: Sendable, Equatable {
    /// The name written in `updated_by`, e.g. `Ana Popescu (Linia Verde)`.
    public var name: String
    /// The e-mail a verification writes in `assurer_email`; nil when the operator has none.
    public var email: String?

    /// An author.
    public init(name: String, email: String? = nil) {
        self.name = name
        self.email = email
    }
}
