import ArgumentParser
import Directory
import Foundation

/// The editing benchmark: single edits and verifications over a large directory, and `waymark stale` as a process.
struct EditBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Time single edits and verifications (history rows and derived rows included) and `waymark stale` over a large directory.",
        discussion: "Example: .build/release/waymark-bench edit --services 100000")

    @Option(help: "Services in the generated directory (ignored with --prepared-home).") var services = 100_000
    @Option(help: "The generator's seed.") var seed: UInt64 = 7
    @Option(help: "How many timed changes.") var edits = 200
    @Option(help: "How many whole-process runs of `waymark stale`.") var processes = 10
    @Option(name: .customLong("prepared-home"), help: ArgumentHelp("Use this home's directory (it is changed).", valueName: "dir"))
    var preparedHome: String?

    func run() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-editbench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: work) }
        let executable = try BenchProcess.waymark()
        // A prepared home is copied, so that the edits timed here do not change it.
        var home = try LargeDirectory.home(prepared: preparedHome, services: services, seed: seed, work: work)
        if preparedHome != nil {
            let copy = work.appendingPathComponent("copy")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: home.url.appendingPathComponent("directory.sqlite"),
                                            to: copy.appendingPathComponent("directory.sqlite"))
            home = WaymarkHome(url: copy)
        }
        let clock = FixedTime(WaymarkBench.epoch)

        // `waymark stale` as a whole process, before anything in this process touches the directory. The process
        // reads today's date, so the limit is widened to list what the default 180 days list at the benchmark's moment.
        let sinceEpoch = Int(Date().timeIntervalSince(WaymarkBench.epoch) / 86_400)
        let olderThan = String(DirectoryStore.defaultStaleAfterDays + max(0, sinceEpoch))
        var whole: [Double] = []
        for _ in 0..<processes {
            whole.append(try milliseconds { _ = try BenchProcess.run(executable, ["--home", home.url.path, "stale", "--json", "--older-than", olderThan]) })
        }
        let listed = try home.openDirectory().staleQueue(clock: clock).count
        print("process `waymark stale --json` over \(services) services, \(listed) listed (target ≤ 300 ms): \(Percentiles(whole).summary)")

        let store = try home.openDirectory()
        var queue: [StaleEntry] = []
        let direct = try milliseconds { queue = try store.staleQueue(olderThan: 0, clock: clock) }
        print(String(format: "stale queue query in process, every service listed (%d): %.0f ms", queue.count, direct))
        let ids = queue.map(\.serviceId)
        guard !ids.isEmpty else { throw ValidationError("the directory has no services") }
        _ = try store.search(SearchQuery(text: "shelter"), clock: clock)  // the in-memory index, as a running UI holds it

        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Bench (Waymark)", email: "bench@example.org"), clock: clock)
        var random = SeededRandom(seed: 11)
        var editTimes: [Double] = [], verifyTimes: [Double] = [], cpuTimes: [Double] = []
        var touched: Set<String> = []
        for index in 0..<edits {
            let id = ids[Int(random.next() % UInt64(ids.count))]
            touched.insert(id)
            if index % 2 == 0 {
                var edit = ServiceEdit()
                edit.capacityAvailable = Double(random.next() % 3)
                edit.capacityMaximum = 40
                edit.phones = ["+999 \(index)"]
                edit.note = "bench"
                let cpu = Self.threadCPU()
                editTimes.append(try milliseconds { try editor.edit(service: id, edit) })
                cpuTimes.append(Self.threadCPU() - cpu)
            } else {
                let cpu = Self.threadCPU()
                verifyTimes.append(try milliseconds { try editor.verify(service: id, method: .phone) })
                cpuTimes.append(Self.threadCPU() - cpu)
            }
        }
        print("one edit (free places, maximum, phones; history and derived rows) (target p95 ≤ 30 ms): \(Percentiles(editTimes).summary)")
        print("one verification (history and derived rows) (target p95 ≤ 30 ms): \(Percentiles(verifyTimes).summary)")
        print("  CPU time of the calling thread per edit or verification (what a busy machine does not stretch): \(Percentiles(cpuTimes).summary)")

        // The next search sees an edit: rename one service and find it by its new name.
        var rename = ServiceEdit()
        rename.name = "Zanzibarquist refuge"
        let renamed = ids[0]
        touched.insert(renamed)
        let renameTime = try milliseconds { try editor.edit(service: renamed, rename) }
        var found: SearchResults?
        let searchTime = try milliseconds { found = try store.search(SearchQuery(text: "Zanzibarquist", includeInactive: true), clock: clock) }
        let seen = found?.results.contains { $0.serviceId == renamed } ?? false
        print(String(format: "rename %.1f ms; the next search %@ it: %.0f ms (the in-memory index patched for the %d changed services)",
                     renameTime, seen ? "finds" : "DOES NOT find", searchTime, touched.count))
    }

    /// The calling thread's CPU time so far, in milliseconds.
    static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }
}
