import ArgumentParser
import Directory
import Foundation

/// Writes a synthetic directory package.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic (fictional) directory package of realistic shape.",
        discussion: """
            The same --services, --districts and --seed always write byte-identical files. The space \
            needed is measured on two small packages and checked against the free space first; a large \
            run prints the estimate, and the time of each phase.

            Example: waymark-bench generate --services 100000 --seed 7 /tmp/big-directory
            """)

    @Option(help: "How many services.")
    var services: Int

    @Option(help: "How many districts (default: one per 50 services, 14 to 2,000).")
    var districts: Int?

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Argument(help: ArgumentHelp("A new folder to write.", valueName: "dir"))
    var dir: String

    func validate() throws {
        if services < 1 || services > 2_000_000 { throw ValidationError("--services must be between 1 and 2,000,000") }
        if let districts, districts < 1 || districts > 99_000 { throw ValidationError("--districts must be between 1 and 99,000") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: dir)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: url.path), !existing.isEmpty {
            FileHandle.standardError.write(Data("waymark-bench generate: \(dir) is not empty; choose a new folder so nothing is overwritten\n".utf8))
            throw ExitCode(1)
        }
        let estimate = try DiskEstimate(services: services, districts: districts, seed: seed, folder: url)
        let large = services >= 100_000
        guard estimate.fits else {
            FileHandle.standardError.write(Data("""
                waymark-bench generate: \(services) services needs about \(DiskEstimate.gigabytes(estimate.needed)) GB, \
                \(DiskEstimate.gigabytes(estimate.free)) GB free (keeping 1 GB spare); nothing written

                """.utf8))
            throw ExitCode(1)
        }
        if large {
            print("\(services) services needs about \(DiskEstimate.gigabytes(estimate.needed)) GB; \(DiskEstimate.gigabytes(estimate.free)) GB free.")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        try SyntheticDirectory(services: services, districts: districts, seed: seed).write(to: url) { name, seconds in
            if large { print("  \(name): " + String(format: "%.1f s", seconds)) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("Wrote a synthetic directory of \(services) services to \(dir) in " + String(format: "%.1f s.", seconds))
    }
}
