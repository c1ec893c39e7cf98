import ArgumentParser
import Directory
import Foundation

/// The whole scale run in one command: generate, import as a process, then the search, route and UI benchmarks on that home.
struct ScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Generate and import a large directory, then time search, routing, gaps and the UI over it.",
        discussion: """
            The free space is checked first and the space needed printed (about 6 GB for 1,000,000 services: \
            the package and the home). The work folder is removed at the end unless --keep is given.

            Example: .build/release/waymark-bench scale --services 1000000
            """)

    @Option(help: "Services in the generated directory.") var services = 1_000_000
    @Option(help: "The generator's seed.") var seed: UInt64 = 7
    @Option(help: ArgumentHelp("A new folder for the package and the home (default: under the temporary folder).", valueName: "dir"))
    var work: String?
    @Flag(help: "Keep the package and the home afterwards.") var keep = false

    /// A home takes about this many bytes per service (4.33 GB measured for 1,000,000), before a tenth's margin.
    static let homeBytesPerService = 4_400.0

    func run() throws {
        let folder = work.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("waymark-scale-\(ProcessInfo.processInfo.processIdentifier)")
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw ValidationError("\(folder.path) is not empty; choose a new folder so nothing is overwritten")
        }
        let package = folder.appendingPathComponent("package"), home = folder.appendingPathComponent("home")
        let estimate = try DiskEstimate(services: services, districts: nil, seed: seed, folder: folder)
        let needed = estimate.needed + Int64(Self.homeBytesPerService * Double(services) * 1.1)
        print("\(services) services: the package and the home need about \(DiskEstimate.gigabytes(needed)) GB; "
              + "\(DiskEstimate.gigabytes(estimate.free)) GB free.")
        guard needed + (1 << 30) <= estimate.free else {
            throw ValidationError("not enough free space in \(folder.path) (keeping 1 GB spare); nothing written")
        }
        defer { if !keep { try? FileManager.default.removeItem(at: folder) } }

        let generation = try milliseconds { try SyntheticDirectory(services: services, seed: seed).write(to: package) }
        print(String(format: "generate (target ≤ 3 min for 1,000,000): %.1f s", generation / 1000))
        var status: Int32 = 0
        let executable = try BenchProcess.waymark()
        let importTime = try milliseconds { status = try BenchProcess.run(executable, ["--home", home.path, "import", package.path, "--json"]) }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        print(String(format: "import as a process (target ≤ 15 s and 1 GiB at 100,000, ≤ 3 min and 4 GiB at 1,000,000): %.1f s, peak memory %.0f MiB, exit %d",
                     importTime / 1000, Double(usage.ru_maxrss) / 1024, status))
        guard status == 0 else { throw ValidationError("the import failed (exit \(status)); nothing else is timed") }

        // Each benchmark in a process of its own, so that its memory and caches are its own.
        let bench = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for (title, arguments) in [("search", ["search", "--searches-only", home.path]), ("route and gaps", ["route", "--prepared-home", home.path]),
                                   ("terminal UI", ["ui", "--prepared-home", home.path])] {
            print("\n== \(title)")
            fflush(nil)
            let process = Process()
            process.executableURL = bench
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { print("(exit \(process.terminationStatus))") }
        }
        if keep { print("\nKept: \(package.path) and \(home.path)") }
    }
}
