import Foundation

/// What a bundle merge is asked to do.
public struct MergeOptions: Sendable {
    /// Who merges: named on the history rows of every value the merge replaces.
    public var author: ChangeAuthor
    /// Let a publisher's first full bundle replace the directory although it has local changes.
    public var discardLocalChanges = false
    /// Called with `merge-written` inside the transaction, after the rows are written and before the commit.
    public var checkpoint: @Sendable (String) -> Void = { _ in }
    /// The largest file of the bundle read, in bytes; a larger one refuses it.
    public var maxFileSize: Int64 = PackageReader.defaultMaxFileSize
    /// Where the bundle came from, as the import log names it, when it is read from a checked copy.
    public var source: String?

    /// Options for a merge by `author`.
    public init(author: ChangeAuthor) {
        self.author = author
    }
}
