import ArgumentParser
import Directory
import Foundation

/// Writes a synthetic directory package.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic (fictional) directory package of realistic shape.",
        discussion: """
            The same --services, --districts and --seed always write byte-identical files.

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
        try SyntheticDirectory(services: services, districts: districts, seed: seed).write(to: url)
        print("Wrote a synthetic directory of \(services) services to \(dir).")
    }
}
