/// How a search is answered: from the in-memory index, or straight from the stored search tables.
///
/// Both give the same results in the same order. The index answers a search in a few
/// milliseconds but is built once per process (about 0.8 s for 100,000 services); the stored
/// tables answer one search without building anything.
public enum SearchPath: Sendable, Equatable {
    /// The stored tables until the index is ready, the index from then on: the first search starts
    /// building it in the background, so a UI's first frame and its keystrokes meanwhile never wait
    /// for it. (A store in memory, with no file for a second connection, builds it on its second search.)
    case automatic
    /// Always the in-memory index, built on first use.
    case memory
    /// Always the stored tables; no index is built (one search in a short-lived process).
    case stored
}
