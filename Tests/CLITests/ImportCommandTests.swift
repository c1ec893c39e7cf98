import Directory
import Foundation
import Testing
import TestSupport

@Suite("waymark import, export and validate, as processes")
struct ImportCommandTests {
    @Test("Importing into a new home imports just that package (no sample first)")
    func importIntoNewHome() throws {
        let home = WaymarkProcess.newHome()
        let outcome = try WaymarkProcess.run(["--home", home.path, "import", try PackageFixture.small().write().path])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("service "))
        let store = try DirectoryStore.open(at: home.appendingPathComponent("directory.sqlite").path)
        #expect(try store.counts()["service"] == 5)
    }

    @Test("A refused import exits 1, names file:line, and leaves the directory as it was")
    func refused() throws {
        let home = WaymarkProcess.newHome()
        try WaymarkProcess.run(["--home", home.path, "import", try PackageFixture.small().write().path])
        var bad = PackageFixture.small()
        bad.service("svc-orphan", org: "org-nobody", name: "Orphan", at: "loc-hope", types: ["legal"])
        let outcome = try WaymarkProcess.run(["--home", home.path, "import", try bad.write().path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("services.csv:7: organization_id:"))
        #expect(outcome.stdout.contains("the directory was not changed"))
        let store = try DirectoryStore.open(at: home.appendingPathComponent("directory.sqlite").path)
        #expect(try store.counts()["service"] == 5)
        #expect(try store.search(SearchQuery(text: "orphan")).total == 0)
    }

    @Test("validate exits 0 for a valid package and 1 listing every problem")
    func validate() throws {
        let good = try WaymarkProcess.run(["validate", try PackageFixture.small().write().path])
        #expect(good.status == 0)
        var bad = PackageFixture.small()
        bad.rows["service"]![0]["minimum_age"] = "twelve"
        bad.add("travel_link", ["from_pcode": "XA0101", "to_pcode": "XZ99", "minutes": "5"])
        let outcome = try WaymarkProcess.run(["validate", try bad.write().path])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("services.csv:2: minimum_age: 'twelve' is not a number"))
        #expect(outcome.stdout.contains("travel_links.csv:5: to_pcode: travel link to nowhere"))
    }

    @Test("validate and import of a folder that does not exist say only that, and exit 1")
    func missingFolder() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-no-such-\(UUID().uuidString)").path
        for arguments in [["validate", missing], ["import", missing, "--dry-run"]] {
            let outcome = try WaymarkProcess.run(["--home", WaymarkProcess.newHome().path] + arguments)
            #expect(outcome.status == 1, "\(arguments)")
            let text = outcome.stdout + outcome.stderr
            #expect(text.contains("does not exist"), "\(text)")
            #expect(!text.contains("lacks") && !text.contains("taxonomies") && !text.contains("organizations.csv"), "\(text)")
        }
    }

    @Test("validate and import name a shelter that makes assistance conditional on police cooperation, as a warning")
    func unlawfulPoliceCondition() throws {
        let folder = try PackageFixture.small().write().path
        let validated = try WaymarkProcess.run(["validate", folder])
        #expect(validated.status == 0, "\(validated.stdout)")
        #expect(validated.stdout.contains("Valid: no errors"))
        let warning = "service 'Men's Shelter' (id \(PackageFixture.id("svc-men"))) makes assistance conditional on police cooperation, which the law forbids for shelter.emergency (CoE Art. 12(6))"
        #expect(validated.stdout.contains(warning), "\(validated.stdout)")
        let imported = try WaymarkProcess.run(["--home", WaymarkProcess.newHome().path, "import", folder])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("Warnings:") && imported.stdout.contains(warning), "\(imported.stdout)")
    }

    @Test("export writes a package that imports back; confidential addresses are withheld by default")
    func exportRoundTrip() throws {
        let home = WaymarkProcess.newHome()
        let folder = TemporaryHome.url("waymark-cli-export")
        let exported = try WaymarkProcess.run(["--home", home.path, "export", folder.path])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("Withheld the address"))
        let again = try WaymarkProcess.run(["--home", WaymarkProcess.newHome().path, "import", folder.path])
        #expect(again.status == 0, "\(again.stdout)")
        let refused = try WaymarkProcess.run(["--home", home.path, "export", folder.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not empty"))
    }

    @Test("A process killed in the middle of an import leaves the directory as it was (or wholly replaced)")
    func killedMidImport() throws {
        let big = TemporaryHome.url("waymark-kill")
        try SyntheticDirectory(services: 6_000, seed: 11).write(to: big)
        var landedMidway = 0
        for delay in [0.3, 0.8, 1.5] {
            let home = WaymarkProcess.newHome()
            try WaymarkProcess.run(["--home", home.path, "import", try PackageFixture.small().write().path])
            let process = Process()
            process.executableURL = WaymarkProcess.executable
            process.arguments = ["--home", home.path, "import", big.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            let stillRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if stillRunning { landedMidway += 1 }
            let store = try DirectoryStore.open(at: home.appendingPathComponent("directory.sqlite").path)
            let services = try store.counts()["service"]
            #expect(services == 5 || services == 6_000, "partial import: \(services ?? -1) services")
            if services == 5 {
                #expect(try store.search(SearchQuery(text: "girls")).total == 1)
                #expect(try store.importLog().count == 1)
            }
        }
        #expect(landedMidway > 0, "no kill landed while the import was running")
    }

    @Test("validate and import --dry-run print at most 100 problems of a kind per file, then a line counting the rest")
    func problemsCapped() throws {
        var f = PackageFixture.small()
        let header = HSDSSchema.resource(named: "organization")!.fields.map(\.name).joined(separator: ",")
        f.rawFiles["organizations.csv"] = Data((header + "\n" + String(repeating: "x\n", count: 300)).utf8)
        let folder = try f.write().path
        for arguments in [["validate", folder], ["--home", WaymarkProcess.newHome().path, "import", "--dry-run", folder]] {
            let outcome = try WaymarkProcess.run(arguments)
            #expect(outcome.status == 1)
            let lines = outcome.stdout.split(separator: "\n")
            #expect(lines.filter { $0.contains("organizations.csv:") && $0.contains(": malformed row") }.count == 100)
            #expect(lines.contains { $0.contains("organizations.csv: 200 more like \"malformed row") }, "\(outcome.stdout)")
            #expect(lines.count < 200, "\(lines.count) lines")
        }
    }

    @Test("--max-file-size refuses a larger file by name and size; a symbolic link is refused by name")
    func fileLimits() throws {
        let folder = try PackageFixture.small().write()
        let validated = try WaymarkProcess.run(["validate", "--max-file-size", "1KiB", folder.path])
        #expect(validated.status == 1)
        #expect(validated.stdout.contains("services.csv is ") && validated.stdout.contains("more than the limit of 1 KiB"), "\(validated.stdout)")
        let home = WaymarkProcess.newHome()
        let imported = try WaymarkProcess.run(["--home", home.path, "import", "--max-file-size", "1KiB", folder.path])
        #expect(imported.status == 1)
        #expect(imported.stdout.contains("more than the limit of 1 KiB"))
        let usage = try WaymarkProcess.run(["validate", "--max-file-size", "lots", folder.path])
        #expect(usage.status == 64)

        try FileManager.default.removeItem(at: folder.appendingPathComponent("services.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("services.csv").path, withDestinationPath: "/etc/passwd")
        let linked = try WaymarkProcess.run(["validate", folder.path])
        #expect(linked.status == 1)
        #expect(linked.stdout.contains("services.csv is a symbolic link; copy the file into the package"))
        #expect(!linked.stdout.contains("root:"))
    }
}
