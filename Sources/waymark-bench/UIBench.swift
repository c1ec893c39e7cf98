import App
import ArgumentParser
import Directory
import Foundation
import Terminal
import WaymarkData

/// Times the terminal UI in-process through the headless backend.
struct UIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Time keystroke-to-frame over a large directory, and start-to-first-frame on the sample.",
        discussion: "Example: .build/release/waymark-bench ui --services 100000")

    @Option(help: "Services in the generated directory.")
    var services = 100_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 7

    @Option(name: .customLong("prepared-home"),
            help: ArgumentHelp("Use this home's directory instead of generating and importing one.", valueName: "dir"))
    var preparedHome: String?

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-uibench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: work) }
        let strings = try StringTable.bundled()
        let clock = FixedTime(WaymarkBench.epoch)

        // Start to first frame on the sample (the home seeded beforehand, as after first use).
        let sampleHome = WaymarkHome(url: work.appendingPathComponent("sample"))
        _ = try sampleHome.openDirectory(seedingFrom: { try WaymarkData.samplePackage() }, clock: clock)
        var starts: [Double] = []
        for _ in 0..<20 {
            try starts.append(milliseconds {
                let store = try sampleHome.openDirectory()
                let runner = AppRunner(store: store, clock: clock)
                let table = try StringTable.bundled()
                let state = try runner.initialState(strings: table, size: Size(width: 80, height: 24))
                var grid = Grid(size: state.size)
                render(state, into: &grid)
                var backend = HeadlessBackend()
                backend.draw(grid)
            })
        }
        print("start to first frame on the sample, in-process (target ≤ 300 ms): \(Percentiles(starts).summary)")

        // A large directory.
        let bigHome = try LargeDirectory.home(prepared: preparedHome, services: services, seed: seed, work: work)
        var largeStarts: [Double] = []
        for _ in 0..<10 {
            var opened: DirectoryStore?
            try largeStarts.append(milliseconds {
                // As a new process does: a new store, nothing built, the first frame's search from the stored tables.
                let store = try bigHome.openDirectory()
                opened = store
                let state = try AppRunner(store: store, clock: clock).initialState(strings: try StringTable.bundled(), size: Size(width: 80, height: 24))
                var grid = Grid(size: state.size)
                render(state, into: &grid)
                var backend = HeadlessBackend()
                backend.draw(grid)
            })
            // The index it started building belongs to this start alone: the next start is a new process.
            while opened?.isBuildingIndex == true { usleep(10_000) }
        }
        print("start to first frame on the large directory, first search included, in-process (target ≤ 300 ms at 100,000, ≤ 1 s at 1,000,000): "
              + Percentiles(largeStarts).summary)
        let store = try bigHome.openDirectory()
        let runner = AppRunner(store: store, clock: clock)
        var state = AppState(strings: strings, size: Size(width: 80, height: 24), now: clock.now(), title: "bench", options: try store.facetOptions())
        let first = try milliseconds { state = try runner.initialState(strings: strings, size: Size(width: 80, height: 24)) }
        print(String(format: "first frame's search over %d entries, this store's first: %.0f ms", state.results.total, first))

        var grid = Grid(size: state.size)
        var backend = HeadlessBackend()
        func frame(_ key: Key) -> Double {
            milliseconds {
                runner.send(.key(key), &state)
                render(state, into: &grid)
                backend.draw(grid)
            }
        }
        func typeWords() -> [Double] {
            var typing: [Double] = []
            for word in ["shelter", "legal aid", "support", "harbour", "counselling", "lumina", "beacon", "outreach"] {
                typing.append(frame(.character("/")))
                for character in word { typing.append(frame(.character(character))) }
                typing.append(frame(.escape))
                typing.append(frame(.escape))
            }
            return typing
        }
        // At once after the first frame, while the index is built in the background (searches answered from the
        // stored tables), then once it is ready.
        let early = typeWords()
        let wait = milliseconds { while store.isBuildingIndex { usleep(5_000) } }
        print("keystroke to frame, typing at once after the first frame, while the index is built: \(Percentiles(early).summary)"
              + String(format: "; the index was ready %.1f s after this typing", wait / 1000))
        let typing = typeWords()
        print("keystroke to frame, typing a search, the index ready (target p95 ≤ 16 ms): \(Percentiles(typing).summary)")
        var moving: [Double] = []
        for step in 0..<400 {
            let key: Key = step % 50 == 49 ? .pageDown : (step % 100 < 50 ? .down : .up)
            moving.append(frame(key))
        }
        print("keystroke to frame, moving the selection (target p95 ≤ 16 ms): \(Percentiles(moving).summary)")
        var faceting: [Double] = []
        for _ in 0..<5 {
            faceting.append(frame(.character("f")))
            faceting.append(frame(.right))
            faceting.append(frame(.right))
            faceting.append(frame(.enter))
            faceting.append(frame(.down))
            faceting.append(frame(.enter))
            faceting.append(frame(.escape))
            faceting.append(frame(.escape))
        }
        print("keystroke to frame, setting and clearing a facet: \(Percentiles(faceting).summary)")
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "resident memory at its peak, this process after the typing and facets (target ≤ 300 MiB at 100,000, ≤ 1.5 GiB at 1,000,000): %.0f MiB",
                     Double(usage.ru_maxrss) / 1024))
        if ProcessInfo.processInfo.environment["WAYMARK_BENCH_DETAIL"] == "1" {
            print(faceting.map { String(format: "%.1f", $0) }.joined(separator: " "))
            print(typing.map { String(format: "%.1f", $0) }.joined(separator: " "))
        }
    }
}
