import Foundation

/// What an exported bundle holds, for the manifest its caller signs.
public struct BundleExport: Sendable, Codable {
    /// The files written and their rows.
    public var report: ExportReport
    /// The home's change sequence the rows were read at (inside the same read transaction).
    public var changeSequence: Int64
    /// For a delta: by resource name, the sorted ids present only so that references resolve.
    public var unchanged: [String: [String]]
    /// For a delta: how many rows `tombstones.csv` removes.
    public var tombstones: Int

    enum CodingKeys: String, CodingKey {
        case report, unchanged, tombstones
        case changeSequence = "change_sequence"
    }
}
