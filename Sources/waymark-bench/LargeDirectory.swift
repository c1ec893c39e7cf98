import ArgumentParser
import Directory
import Foundation

/// The large directory a benchmark times: a prepared home's, or a synthetic one generated and imported into `work`.
enum LargeDirectory {
    /// The home holding it; a package that does not import is an error naming its first problems.
    static func home(prepared: String?, services: Int, districts: Int? = nil, seed: UInt64, work: URL) throws -> WaymarkHome {
        if let prepared { return WaymarkHome(url: URL(fileURLWithPath: prepared)) }
        let package = work.appendingPathComponent("package")
        try SyntheticDirectory(services: services, districts: districts, seed: seed).write(to: package)
        let home = WaymarkHome(url: work.appendingPathComponent("big"))
        let report = try home.openDirectory().importPackage(at: package)
        guard report.imported else { throw ValidationError("the generated package did not import: \(report.errors.prefix(3))") }
        return home
    }
}
