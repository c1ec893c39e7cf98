import ArgumentParser
import Directory
import Foundation

/// The directory benchmark: import, in-process search, and whole-process searches, beside `sqlite3` on the same file.
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Import a generated directory, then time searches over it.",
        discussion: "Example: .build/release/waymark-bench search --services 100000")

    @Option(help: "Services in the generated directory.")
    var services = 100_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 7

    @Option(help: "How many timed searches of each kind.")
    var queries = 200

    @Option(help: "How many whole-process runs of `waymark search`.")
    var processes = 20

    @Option(help: ArgumentHelp("Use this generated package instead of writing a new one.", valueName: "dir"))
    var package: String?

    @Option(name: .customLong("searches-only"),
            help: ArgumentHelp("Skip generating and importing: time searches over this home's directory.", valueName: "home"))
    var searchesOnly: String?

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: work)
        defer { try? FileManager.default.removeItem(at: work) }
        let package = self.package.map { URL(fileURLWithPath: $0) } ?? work.appendingPathComponent("package")
        let benchHome = searchesOnly.map { URL(fileURLWithPath: $0) } ?? work.appendingPathComponent("home")
        // The whole-process runs time the `waymark` built beside this benchmark.
        let executable = try BenchProcess.waymark()

        if searchesOnly == nil {
            try generateAndImport(package: package, home: benchHome, executable: executable)
        }
        try timeSearches(home: benchHome, work: work, executable: executable)
    }

    private func generateAndImport(package: URL, home benchHome: URL, executable: URL) throws {
        if self.package == nil {
            let generation = try milliseconds { try SyntheticDirectory(services: services, seed: seed).write(to: package) }
            print(String(format: "generate %d services: %.1f s", services, generation / 1000))
        }

        // Import as its own process, so its peak memory is its own.
        var importStatus: Int32 = 0
        let importTime = try milliseconds {
            importStatus = try BenchProcess.run(executable, ["--home", benchHome.path, "import", package.path, "--json"])
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        print(String(format: "import (whole process, target ≤ 15 s and 1 GiB at 100,000): %.1f s, peak memory %.0f MiB, exit %d",
                     importTime / 1000, Double(usage.ru_maxrss) / 1024, importStatus))
    }

    private func timeSearches(home benchHome: URL, work: URL, executable: URL) throws {
        let store = try WaymarkHome(url: benchHome).openDirectory()
        let fixed = FixedTime(WaymarkBench.epoch)
        let firstSearch = try milliseconds { _ = try store.search(SearchQuery(text: "shelter", sex: "female", age: 16, limit: 20),
                                                                  clock: fixed, path: .stored) }
        print(String(format: "first search after opening, from the stored search tables (nothing built): %.1f ms", firstSearch))
        let build = try milliseconds { _ = try store.search(SearchQuery(), clock: fixed, path: .memory) }
        print(String(format: "first search from the in-memory index (builds it, once per process): %.0f ms", build))
        let words = ["support", "shelter", "counselling", "legal", "health", "outreach", "harbour", "lumina", "beacon", "haven"]
        let sexes = ["female", "male"]
        var random = SeededRandom(seed: 42)
        var faceted: [Double] = [], stored: [Double] = []
        var totals: [Int] = []
        var disagreements = 0
        for i in 0..<queries {
            let query = SearchQuery(text: words[i % words.count], area: String(format: "XA%02d", i % 3 + 1),
                                    serviceTypes: [["shelter", "legal", "health", "psychosocial"][Int(random.next() % 4)]],
                                    sex: sexes[i % 2], age: 16 + Int(random.next() % 20))
            try faceted.append(milliseconds { totals.append(try store.search(query, clock: fixed, path: .memory).total) })
            try stored.append(milliseconds {
                // The same query from the stored tables: the same answer, or the benchmark is void.
                let answer = try store.search(query, clock: fixed, path: .stored)
                if answer.total != totals.last { disagreements += 1 }
            })
        }
        print("search text + area + type + sex + age, in-memory index (target p95 ≤ 5 ms at 100,000, ≤ 10 ms at 1,000,000): \(Percentiles(faceted).summary); median matches \(Percentiles(totals.map(Double.init)).value(50))")
        print("the same searches from the stored search tables: \(Percentiles(stored).summary)"
              + (disagreements == 0 ? "" : "; \(disagreements) DISAGREE with the index"))
        var prefix: [Double] = []
        for i in 0..<queries {
            let letter = String(Array("abcdefghlmnoprst")[i % 16])
            try prefix.append(milliseconds { _ = try store.search(SearchQuery(text: letter), clock: fixed, path: .memory) })
        }
        print("search one-letter prefix, no facets: \(Percentiles(prefix).summary)")
        var browse: [Double] = []
        for i in 0..<queries {
            try browse.append(milliseconds { _ = try store.search(SearchQuery(offset: i * 10), clock: fixed, path: .memory) })
        }
        print("browse (no text, no facets, paged): \(Percentiles(browse).summary)")

        // A whole process on the bundled sample.
        let sampleHome = work.appendingPathComponent("sample-home")
        _ = try BenchProcess.run(executable, ["--home", sampleHome.path, "search", "--json", "shelter"])
        var whole: [Double] = []
        for _ in 0..<processes {
            try whole.append(milliseconds {
                _ = try BenchProcess.run(executable, ["--home", sampleHome.path, "search", "--json", "shelter", "--sex", "female", "--age", "16"])
            })
        }
        var versions: [Double] = []
        for _ in 0..<processes { try versions.append(milliseconds { _ = try BenchProcess.run(executable, ["--version"]) }) }
        print("process `waymark search --json shelter --sex female --age 16` on the sample (target ≤ `waymark --version` + 10 ms): \(Percentiles(whole).summary)")
        print("process `waymark --version`: \(Percentiles(versions).summary)")

        // The issue's own query, as a whole process on the large directory.
        var large: [Double] = []
        for _ in 0..<processes {
            try large.append(milliseconds {
                _ = try BenchProcess.run(executable, ["--home", benchHome.path, "search", "--json", "shelter", "--sex", "female", "--age", "16", "--limit", "20"])
            })
        }
        print("process `waymark search --json shelter --sex female --age 16 --limit 20` on the large directory: \(Percentiles(large).summary)")

        // The large directory again, beside the raw SQL on the same file.
        try SQLiteComparison(executable: executable, home: benchHome, runs: processes).run()
    }
}
