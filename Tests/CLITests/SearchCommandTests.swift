import Directory
import Foundation
import Testing
import TestSupport

@Suite("waymark search, as a process")
struct SearchCommandTests {
    @Test("A new home is seeded with the bundled sample, and --home works before or after the subcommand")
    func seedsAndFindsGirlsShelter() throws {
        let home = WaymarkProcess.newHome().path
        let first = try WaymarkProcess.run(["--home", home, "search", "--json", "shelter", "--sex", "female", "--age", "16"])
        #expect(first.status == 0, "\(first.stderr)")
        let object = try JSONSerialization.jsonObject(with: first.stdoutData) as? [String: Any]
        let results = try #require(object?["results"] as? [[String: Any]])
        #expect(results.contains { ($0["service_name"] as? String)?.contains("Casa Fetelor") == true })
        for key in ["service_id", "service_name", "organization_id", "organization_name", "location_id", "location_name", "area",
                    "service_types", "sex", "minimum_age", "maximum_age", "languages", "conditions", "status", "assured_date", "stale"] {
            #expect(results.first?.keys.contains(key) == true, "missing \(key)")
        }
        let after = try WaymarkProcess.run(["search", "--json", "shelter", "--sex", "female", "--age", "16", "--home", home])
        #expect(after.stdout == first.stdout)
    }

    @Test("waymark areas lists the P-codes --area takes, as a tree, and as JSON with each parent")
    func areas() throws {
        let home = WaymarkProcess.newHome().path
        let text = try WaymarkProcess.run(["--home", home, "areas"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let region = try #require(lines.firstIndex { $0.hasPrefix("  XA01  ") }, "\(text.stdout)")
        #expect(lines[region + 1].hasPrefix("    XA0101  Valdora-Centru"), "a district under its region")
        let json = try WaymarkProcess.run(["--home", home, "areas", "--json"])
        let areas = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        let district = try #require(areas.first { $0["pcode"] as? String == "XA0101" })
        #expect(district["parent_pcode"] as? String == "XA01")
        #expect(district["name"] as? String == "Valdora-Centru")
        #expect(district["country"] as? String == "XA")
        let position = { (code: String) in areas.firstIndex { $0["pcode"] as? String == code } ?? -1 }
        #expect(position("XA01") < position("XA0101"), "parents before children")
    }

    @Test("--ids puts each result's service id under it, and each route step's, so the next command can be typed")
    func ids() throws {
        let home = WaymarkProcess.newHome().path
        let search = try WaymarkProcess.run(["--home", home, "search", "shelter", "--sex", "female", "--age", "16", "--ids"])
        #expect(search.status == 0)
        let lines = search.stdout.split(separator: "\n").map(String.init)
        let girls = try #require(lines.firstIndex { $0.hasPrefix("Casa Fetelor") }, "\(search.stdout)")
        #expect(lines[girls + 1] == "  id \(SampleService.girlsShelter)")
        #expect(lines.allSatisfy { $0.count <= 80 })
        let route = try WaymarkProcess.run(["--home", home, "route", "--area", "XA0101", "--sex", "female", "--age", "27", "--need", "shelter", "--ids"])
        #expect(route.stdout.contains("Pathway 1: 1 step, 1 organization"), "\(route.stdout)")
        #expect(route.stdout.contains("      id \(SampleService.womensShelter)"), "\(route.stdout)")
    }

    @Test("Human output fits 80 columns and an empty search exits 0")
    func humanOutput() throws {
        let home = WaymarkProcess.newHome().path
        let outcome = try WaymarkProcess.run(["--home", home, "search", "legal"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let none = try WaymarkProcess.run(["--home", home, "search", "zzqqxx"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("No services match"))
    }

    @Test("--open-at adds `open` to every result, null for unknown hours")
    func openAt() throws {
        let home = WaymarkProcess.newHome().path
        let outcome = try WaymarkProcess.run(["--home", home, "search", "--json", "--open-at", "2026-03-07T11:00", "--limit", "200"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any]
        let results = try #require(object?["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { $0.keys.contains("open") })
        #expect(results.allSatisfy { !($0["open"] as? Bool == false) })
    }

    @Test("Bad values get a clear error: unknown area exits 1, a bad age or time is a usage error (64)")
    func badInput() throws {
        let home = WaymarkProcess.newHome().path
        let area = try WaymarkProcess.run(["--home", home, "search", "--area", "NOWHERE"])
        #expect(area.status == 1)
        #expect(area.stderr.contains("unknown area 'NOWHERE'"))
        let age = try WaymarkProcess.run(["--home", home, "search", "--age", "twelve"])
        #expect(age.status == 64)
        let time = try WaymarkProcess.run(["--home", home, "search", "--open-at", "tomorrow"])
        #expect(time.status == 64)
        #expect(time.stderr.contains("is not a local time"))
    }

    @Test("Escape sequences in provider names are never printed raw, in text or JSON")
    func escapesNeverPrinted() throws {
        var fixture = PackageFixture.small()
        fixture.rows["service"]![1]["name"] = "Evil \u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m shelter"
        let home = WaymarkProcess.newHome().path
        let imported = try WaymarkProcess.run(["--home", home, "import", try fixture.write().path])
        #expect(imported.status == 0, "\(imported.stdout)")
        for arguments in [["search", "evil"], ["search", "evil", "--json"]] {
            let outcome = try WaymarkProcess.run(["--home", home] + arguments)
            #expect(outcome.status == 0)
            #expect(outcome.stdout.contains("shelter") || outcome.stdout.contains("Evil"))
            #expect(!outcome.stdoutData.contains(0x1B), "raw ESC in \(arguments)")
            #expect(!outcome.stdout.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x07 })
        }
    }
}

@Suite("A binary without its resources")
struct MissingResourcesTests {
    @Test("says clearly that its bundled data is missing instead of crashing")
    func missingResources() throws {
        let folder = TemporaryHome.url("waymark-bare")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A copy of the whole binary (about 70 MB): not left behind by every run.
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("waymark")
        try FileManager.default.copyItem(at: WaymarkProcess.executable, to: copy)
        let process = Process()
        process.executableURL = copy
        process.arguments = ["--home", WaymarkProcess.newHome().path, "search", "shelter"]
        var environment = ProcessInfo.processInfo.environment
        environment["WAYMARK_RESOURCES"] = nil
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("bundled data"))
        #expect(message.contains("WAYMARK_RESOURCES"))
    }
}
