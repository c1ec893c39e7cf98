import Directory
import Foundation

/// How many bytes a synthetic package will take, and how many are free where it is to go.
///
/// The size is measured, not assumed: two small packages are written to a temporary folder,
/// and the bytes per service and the fixed part are scaled to the asked size, plus a tenth
/// for the longer numbers and names of a large directory.
struct DiskEstimate {
    /// The bytes the package is expected to need.
    let needed: Int64
    /// The bytes free on the volume that will hold it.
    let free: Int64

    /// Measures a generator's output per service and looks up the free space at `folder` (or its nearest existing parent).
    init(services: Int, districts: Int?, seed: UInt64, folder: URL) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-size-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        func size(_ count: Int) throws -> Int64 {
            let folder = scratch.appendingPathComponent(String(count))
            try SyntheticDirectory(services: count, districts: districts, seed: seed).write(to: folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            return try names.reduce(Int64(0)) { total, name in
                let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
                return total + ((attributes[.size] as? NSNumber)?.int64Value ?? 0)
            }
        }
        let small = try size(1_000), larger = try size(4_000)
        let perService = Double(larger - small) / 3_000
        let fixed = max(0, Double(small) - perService * 1_000)
        needed = Int64((fixed + perService * Double(services)) * 1.1)

        var existing = folder
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" { existing.deleteLastPathComponent() }
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: existing.path)
        free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value ?? 0
    }

    /// Whether the package fits, with a gigabyte to spare for everything else on the volume.
    var fits: Bool { needed + (1 << 30) <= free }

    /// Bytes as gigabytes with two decimals (`1.28`).
    static func gigabytes(_ bytes: Int64) -> String { String(format: "%.2f", Double(bytes) / 1_000_000_000) }
}
