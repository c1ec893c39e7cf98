import ArgumentParser
import Directory
import Foundation
import Routing
import WaymarkData

/// Times routing and the gap report.
struct RouteBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Time five-need routes over a large generated directory, and the gap report.",
        discussion: "Example: .build/release/waymark-bench route --prepared-home /tmp/big-home")

    @Option(help: "Services in the generated directory (ignored with --prepared-home).") var services = 100_000
    @Option(help: "Districts in the generated directory.") var districts = 2_000
    @Option(help: "The generator's seed.") var seed: UInt64 = 7
    @Option(help: "How many timed routes.") var routes = 100
    @Option(name: .customLong("prepared-home"), help: ArgumentHelp("Use this home's directory.", valueName: "dir")) var preparedHome: String?
    @Flag(name: .customLong("skip-large-gaps"), help: "Do not time the gap report over the large directory.") var skipLargeGaps = false

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-routebench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: work) }
        let clock = FixedTime(WaymarkBench.epoch)

        let sampleHome = WaymarkHome(url: work.appendingPathComponent("sample"))
        let sample = try sampleHome.openDirectory(seedingFrom: { try WaymarkData.samplePackage() }, clock: clock)
        var sampleGaps: [Double] = []
        for _ in 0..<5 { try sampleGaps.append(milliseconds { _ = GapReport(try sample.snapshot()) }) }
        print("gaps over the sample, snapshot included (target ≤ 1 s): \(Percentiles(sampleGaps).summary)")

        let bigHome = try LargeDirectory.home(prepared: preparedHome, services: services, districts: districts, seed: seed, work: work)
        let store = try bigHome.openDirectory()
        try timeProcesses(home: bigHome, store: store)
        var snapshot: DirectorySnapshot?
        let load = try milliseconds { snapshot = try store.snapshot() }
        guard let snapshot else { return }
        let districtCodes = snapshot.areas.values.filter { $0.level == 2 }.map(\.pcode).sorted()
        print(String(format: "snapshot of %d entries, %d areas, %d links: %.0f ms (once per process)",
                     snapshot.entries.count, snapshot.areas.count, snapshot.links.count, load))
        let router = Router(snapshot, staleBefore: "2025-07-19")
        var times: [Double] = []
        var random = SeededRandom(seed: 3)
        let needs = [Need("shelter", priority: .urgent), Need("health.medical"), Need("legal.aid"), Need("psychosocial"), Need("livelihood")]
        for _ in 0..<routes {
            let area = districtCodes[Int(random.next() % UInt64(max(1, districtCodes.count)))]
            let profile = ClientProfile(area: area, sex: random.chance(0.5) ? "female" : "male", age: .exact(16 + Int(random.next() % 30)))
            times.append(milliseconds { _ = router.route(profile, needs: needs, at: clock.now(), alternatives: 3) })
        }
        print("five-need route with alternatives over \(districtCodes.count) districts (target p95 ≤ 50 ms): \(Percentiles(times).summary)")
        if !skipLargeGaps {
            let whole = try milliseconds { _ = GapReport(try bigHome.openDirectory().snapshot()) }
            print(String(format: "gaps over %d entries, a new store's snapshot read included (target ≤ 5 s at 100,000, ≤ 60 s at 1,000,000): %.1f s",
                         snapshot.entries.count, whole / 1000))
            let gaps = milliseconds { _ = GapReport(snapshot) }
            print(String(format: "gaps over %d entries, the snapshot already read: %.1f s", snapshot.entries.count, gaps / 1000))
        }
    }

    /// Whole `waymark route` processes for five needs, each from a district of its own, as a hotline's script would run them.
    private func timeProcesses(home: WaymarkHome, store: DirectoryStore) throws {
        let executable = try BenchProcess.waymark()
        let districts = try store.areaMap().areas.values.filter { $0.level == 2 }.map(\.pcode).sorted()
        guard !districts.isEmpty else { return }
        var random = SeededRandom(seed: 5)
        var times: [Double] = []
        var failures = 0
        for run in 0..<20 {
            let area = districts[Int(random.next() % UInt64(districts.count))]
            let arguments = ["--home", home.url.path, "route", "--area", area, "--sex", run % 2 == 0 ? "female" : "male",
                             "--age", String(16 + run), "--at", "2026-01-15T10:00", "--json",
                             "--need", "shelter:urgent", "--need", "health.medical", "--need", "legal.aid", "--need", "psychosocial",
                             "--need", "livelihood"]
            try times.append(milliseconds { if try BenchProcess.run(executable, arguments) != 0 { failures += 1 } })
        }
        print("process `waymark route` with five needs, a district of its own each run (target ≤ 300 ms at 100,000, ≤ 1 s at 1,000,000): "
              + Percentiles(times).summary + (failures == 0 ? "" : "; \(failures) FAILED"))
    }
}
