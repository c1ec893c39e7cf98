import Directory
import Foundation

/// Where the hand-off log's head is kept, outside the database whose log it guards: a file
/// beside `cases.sqlite`, or memory for a store opened in memory.
public protocol LogHeadStore: Sendable {
    /// The stored head's bytes; nil when there is none.
    func load() -> Data?
    /// Replaces the stored head at once (a reader sees the old bytes or the new, never part).
    func save(_ data: Data) throws
}

/// The head in `handoff-log.head` in the home, written atomically and readable by its owner only.
public struct FileLogHeadStore: LogHeadStore {
    public let file: URL

    public init(home: URL, name: String = "handoff-log.head") { file = home.appendingPathComponent(name) }

    public func load() -> Data? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        // A head that exists but cannot be read is not "no head": an empty one fails its check.
        return (try? Data(contentsOf: file)) ?? Data()
    }

    public func save(_ data: Data) throws {
        try data.write(to: file, options: .atomic)
        WaymarkHome.protect(file)
    }
}

/// The head kept in memory, for a case store opened in memory (tests, and nothing that must last).
public final class MemoryLogHeadStore: LogHeadStore, Sendable {
    private let data = LockBox<Data?>(nil)

    public init() {}

    public func load() -> Data? { data.value }

    public func save(_ data: Data) throws { self.data.value = data }
}
