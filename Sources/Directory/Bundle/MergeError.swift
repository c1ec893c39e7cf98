import Foundation

/// Why a bundle was refused before anything was read or written.
public enum MergeError: Error, Equatable, CustomStringConvertible {
    /// The bundle's sequence is not above the last one imported from its publisher (a replay or an old bundle).
    case staleSequence(publisher: String, incoming: Int, last: Int)
    /// A delta whose base this home never created nor imported.
    case unknownBase(base: String, publisher: String)
    /// The bundle was already created or imported here.
    case alreadyImported(String)
    /// An export asked for changes since a bundle this home does not know.
    case unknownBundle(String)

    public var description: String {
        switch self {
        case .staleSequence(let publisher, let incoming, let last):
            return "bundle number \(incoming) from \(publisher) is not newer than number \(last) already imported from them: "
                + "it is a replay or an old bundle; ask the publisher for their latest"
        case .unknownBase(let base, let publisher):
            return "this delta is based on bundle \(base), which this home has not imported: "
                + "import \(base) (or a full bundle from \(publisher)) first"
        case .alreadyImported(let id):
            return "bundle \(id) was already created or imported here; nothing to do"
        case .unknownBundle(let id):
            return "bundle \(id) was neither created nor imported here: export a full bundle, or name a bundle this home knows"
        }
    }
}
