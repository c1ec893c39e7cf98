import Foundation
import Testing
import TestSupport

/// Keys, bundles, trust and merging, run as processes between two homes: a coordinator and a site.
@Suite("Passing the directory on, as processes")
struct BundleCommandTests {
    static let girls = PackageFixture.id("svc-girls")
    static let legal = PackageFixture.id("svc-legal")
    static let environment: [String: String?] = ["WAYMARK_PASSPHRASE": "correct horse battery staple", "WAYMARK_TEST_SCRYPT_LOG2N": "4"]

    @discardableResult
    func run(_ home: URL, _ arguments: [String], extra: [String: String?] = [:], expect status: Int32? = 0) throws -> WaymarkProcess.Outcome {
        let outcome = try WaymarkProcess.run(["--home", home.path] + arguments, environment: Self.environment.merging(extra) { $1 })
        if let status { #expect(outcome.status == status, "\(arguments): \(outcome.stdout) \(outcome.stderr)") }
        return outcome
    }

    func json(_ outcome: WaymarkProcess.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any], "\(outcome.stdout)")
    }

    /// One value from a SQLite file, read with the sqlite3 tool.
    static func sqlite(_ file: URL, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", file.path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A coordinator's home: the small fixture, an operator, a publisher key.
    func coordinator() throws -> URL {
        let home = WaymarkProcess.newHome()
        try run(home, ["import", try PackageFixture.small().write().path])
        try run(home, ["operator", "set", "--name", "Ion", "--organization", "National coordinator"])
        try run(home, ["key", "generate"])
        return home
    }

    /// A site's home with an operator and nothing else.
    func site() throws -> URL {
        let home = WaymarkProcess.newHome()
        try run(home, ["operator", "set", "--name", "Ana", "--organization", "North shelter"])
        return home
    }

    func publicKey(_ home: URL) throws -> String {
        let shown = try json(try run(home, ["key", "show", "--json"]))
        return try #require((shown["publisher"] as? [String: Any])?["public_key"] as? String)
    }

    func bundle(_ home: URL, since: String? = nil) throws -> (folder: URL, id: String) {
        let folder = TemporaryHome.url("waymark-bundle")
        let created = try json(try run(home, ["bundle", "create", folder.path, "--json"] + (since.map { ["--since", $0] } ?? [])))
        return (folder, try #require(created["bundle_id"] as? String))
    }

    func name(_ home: URL, _ service: String) throws -> String? {
        let shown = try json(try run(home, ["service", "show", service, "--json"]))
        return shown["name"] as? String
    }

    @Test("The walk: trusted, imported; both sides edit; the next bundle applies one change and lists one conflict, resolved; corrections flow up; the export validates")
    func coordinatorAndSite() throws {
        let coordinator = try coordinator()
        let site = try site()
        let first = try bundle(coordinator)
        // An unknown key is refused and its fingerprint printed; trusted, the bundle imports.
        let refused = try run(site, ["import", first.folder.path], expect: 1)
        #expect(refused.stderr.contains("does not trust") && refused.stderr.contains("fingerprint"))
        try run(site, ["trust", "add", try publicKey(coordinator), "--name", "National coordinator"])
        try run(site, ["bundle", "verify", first.folder.path])
        try run(site, ["import", first.folder.path])
        #expect(try name(site, Self.girls) == (try name(coordinator, Self.girls)))
        // The import log names the folder the bundle came from, not the copy it was checked into.
        #expect(try Self.sqlite(site.appendingPathComponent("directory.sqlite"), "SELECT source FROM import_log ORDER BY id DESC LIMIT 1")
                == first.folder.standardizedFileURL.path)
        // The site edits two services; the coordinator the same field of one, and another field.
        try run(site, ["service", "edit", Self.girls, "--name", "Girls' shelter (site)"])
        try run(site, ["service", "edit", Self.legal, "--capacity-available", "7"])
        try run(coordinator, ["service", "edit", Self.girls, "--name", "Girls' shelter (national)", "--description", "Checked nationally"])
        let second = try bundle(coordinator)
        let imported = try json(try run(site, ["import", second.folder.path, "--json"]))
        let merge = try #require(imported["merge"] as? [String: Any])
        let conflicts = try #require(merge["conflicts"] as? [[String: Any]])
        #expect(conflicts.count == 1)
        #expect(conflicts.first?["field"] as? String == "name")
        #expect(merge["fields_applied"] as? Int == 1)
        #expect(try name(site, Self.girls) == "Girls' shelter (site)")
        let shown = try json(try run(site, ["service", "show", Self.girls, "--json"]))
        #expect(shown["description"] as? String == "Checked nationally")
        // Replaying an older bundle is refused, naming both numbers.
        let replay = try run(site, ["import", first.folder.path], expect: 1)
        #expect(replay.stderr.contains("1") && replay.stderr.contains("2"))
        // The conflict is listed, resolved, and gone.
        let listed = try #require(try JSONSerialization.jsonObject(with: try run(site, ["conflicts", "--json"]).stdoutData) as? [[String: Any]])
        let id = try #require(listed.first?["id"] as? Int)
        try run(site, ["conflicts", "resolve", String(id), "--keep", "incoming"])
        #expect(try name(site, Self.girls) == "Girls' shelter (national)")
        let open = try JSONSerialization.jsonObject(with: try run(site, ["conflicts", "--json"]).stdoutData) as? [[String: Any]]
        #expect(open?.isEmpty == true)
        // Corrections flow up: the site's delta since the coordinator's bundle, its key trusted by the coordinator.
        try run(site, ["key", "generate"])
        let correction = try bundle(site, since: second.id)
        try run(coordinator, ["trust", "add", try publicKey(site), "--name", "North shelter"])
        try run(coordinator, ["import", correction.folder.path])
        #expect(try available(coordinator, Self.legal) == 7)
        // The site's export validates (the HSDS conformance suite runs frictionless over exports like it).
        let export = TemporaryHome.url("waymark-export")
        try run(site, ["export", export.path])
        // Validated where frictionless and the HSDS reference copy are at hand (CI requires both); a fresh clone has neither.
        if HSDSConformanceTests.required || (HSDSConformanceTests.frictionless != nil && HSDSReference.available) {
            let tool = try #require(HSDSConformanceTests.frictionless, "frictionless is required in CI")
            let official = try #require(HSDSConformanceTests.official, "the HSDS reference copy is required here")
            try HSDSConformanceTests.validate(export, official: official, tool: tool)
            try HSDSConformanceTests.validate(correction.folder, official: official, tool: tool)
        }
    }

    /// The free places of a service's first capacity row.
    func available(_ home: URL, _ service: String) throws -> Double? {
        let shown = try json(try run(home, ["service", "show", service, "--json"]))
        return ((shown["service_capacities"] as? [[String: Any]])?.first?["available"] as? NSNumber)?.doubleValue
    }

    @Test("A correction made before the site's latest import, or kept through a conflict, still goes up in its delta")
    func earlierCorrectionsFlowUp() throws {
        let coordinator = try coordinator()
        let site = try site()
        try run(site, ["trust", "add", try publicKey(coordinator), "--name", "National coordinator"])
        try run(site, ["import", try bundle(coordinator).folder.path])
        try run(site, ["service", "edit", Self.legal, "--capacity-available", "7"])
        try run(coordinator, ["service", "edit", Self.girls, "--description", "Checked nationally"])
        let second = try bundle(coordinator)
        try run(site, ["import", second.folder.path])
        try run(site, ["key", "generate"])
        let correction = try bundle(site, since: second.id)
        try run(coordinator, ["import", correction.folder.path, "--trust-new"])
        #expect(try available(coordinator, Self.legal) == 7)
    }

    @Test("An open conflict closes when both sides come to hold the same value; resolving it then is refused")
    func conflictClosesWhenBothAgree() throws {
        let coordinator = try coordinator()
        let site = try site()
        try run(site, ["trust", "add", try publicKey(coordinator), "--name", "National coordinator"])
        try run(site, ["import", try bundle(coordinator).folder.path])
        try run(site, ["service", "edit", Self.girls, "--name", "A (site)"])
        try run(coordinator, ["service", "edit", Self.girls, "--name", "A (national)"])
        try run(site, ["import", try bundle(coordinator).folder.path])
        let open = try #require(try JSONSerialization.jsonObject(with: try run(site, ["conflicts", "--json"]).stdoutData) as? [[String: Any]])
        let id = try #require(open.first?["id"] as? Int)
        try run(coordinator, ["service", "edit", Self.girls, "--name", "A (site)"])
        try run(site, ["import", try bundle(coordinator).folder.path])
        let after = try JSONSerialization.jsonObject(with: try run(site, ["conflicts", "--json"]).stdoutData) as? [[String: Any]]
        #expect(after?.isEmpty == true)
        try run(site, ["conflicts", "resolve", String(id), "--keep", "incoming"], expect: 1)
        #expect(try name(site, Self.girls) == "A (site)")
    }

    @Test("bundle create refuses a path that is a file or a folder with something in it, and overwrites nothing")
    func createOverwritesNothing() throws {
        let coordinator = try coordinator()
        let file = TemporaryHome.url("waymark-notes")
        try Data("precious".utf8).write(to: file)
        try run(coordinator, ["bundle", "create", file.path], expect: 1)
        #expect(try String(contentsOf: file, encoding: .utf8) == "precious")
        let empty = TemporaryHome.url("waymark-empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try run(coordinator, ["bundle", "create", empty.path])
        try run(coordinator, ["bundle", "verify", empty.path])
    }

    @Test("Changing the first, middle or last byte of any file of a bundle is refused by bundle verify and import, naming the file")
    func changedBytesAreRefused() throws {
        let coordinator = try coordinator()
        let (folder, _) = try bundle(coordinator)
        let site = try site()
        try run(site, ["trust", "add", try publicKey(coordinator), "--name", "National coordinator"])
        try run(site, ["search", "shelter"])
        let before = try Data(contentsOf: site.appendingPathComponent("directory.sqlite"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.contains("waymark-bundle.json") && files.contains("waymark-bundle.sig") && files.contains("services.csv"))
        for file in files {
            let url = folder.appendingPathComponent(file)
            let original = try Data(contentsOf: url)
            guard !original.isEmpty else { continue }
            for index in Set([0, original.count / 2, original.count - 1]) {
                var changed = original
                changed[index] ^= 0x20
                try changed.write(to: url)
                let verify = try run(site, ["bundle", "verify", folder.path], expect: 1)
                #expect(verify.stderr.contains(file), "byte \(index) of \(file): \(verify.stderr)")
                if index == 0 {
                    let imported = try run(site, ["import", folder.path], expect: 1)
                    #expect(imported.stderr.contains(file))
                }
            }
            try original.write(to: url)
        }
        try Data("extra".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let unlisted = try run(site, ["bundle", "verify", folder.path], expect: 1)
        #expect(unlisted.stderr.contains("notes.txt") && unlisted.stderr.contains("not listed"))
        #expect(try Data(contentsOf: site.appendingPathComponent("directory.sqlite")) == before)
    }

    @Test("A merge killed inside its transaction leaves the old directory; the same bundle then imports")
    func killedMerge() throws {
        let coordinator = try coordinator()
        let site = try site()
        try run(site, ["trust", "add", try publicKey(coordinator), "--name", "National coordinator"])
        try run(site, ["import", try bundle(coordinator).folder.path])
        try run(coordinator, ["service", "edit", Self.girls, "--name", "Renamed upstream"])
        let next = try bundle(coordinator)
        let before = try name(site, Self.girls)
        let killed = try run(site, ["import", next.folder.path], extra: ["WAYMARK_TEST_KILL_AT": "merge-written"], expect: nil)
        #expect(killed.status != 0)
        #expect(try name(site, Self.girls) == before)
        try run(site, ["import", next.folder.path])
        #expect(try name(site, Self.girls) == "Renamed upstream")
    }

    @Test("A plain package imports with the warning unsigned, and is refused once the home requires signed bundles")
    func unsignedPackages() throws {
        let site = try site()
        let package = try PackageFixture.small().write()
        let plain = try run(site, ["import", package.path])
        #expect(plain.stderr.contains("unsigned"))
        try run(site, ["trust", "require", "on"])
        let refused = try run(site, ["import", package.path], expect: 1)
        #expect(refused.stderr.contains("signed bundles only"))
        let untrusted = try run(site, ["import", try bundle(try coordinator()).folder.path, "--trust-new"])
        #expect(untrusted.stdout.contains("now trusted"))
    }

    @Test("A rotated key's bundle is accepted by a site that trusts the old key, and the new key is trusted for the same publisher")
    func rotation() throws {
        let coordinator = try coordinator()
        let site = try site()
        try run(site, ["trust", "add", try publicKey(coordinator), "--name", "National coordinator"])
        try run(site, ["import", try bundle(coordinator).folder.path])
        try run(coordinator, ["key", "rotate"])
        let rotated = try run(site, ["import", try bundle(coordinator).folder.path])
        #expect(rotated.stdout.contains("new key"))
        let listed = try json(try run(site, ["trust", "list", "--json"]))
        let keys = try #require(listed["keys"] as? [[String: Any]])
        #expect(keys.count == 2)
        #expect(Set(keys.compactMap { $0["publisher"] as? String }).count == 1)
        // Keys move to a replacement laptop under their own passphrase.
        let file = TemporaryHome.url("waymark-keys").appendingPathExtension("json")
        try run(coordinator, ["key", "export", "--out", file.path], extra: ["WAYMARK_KEY_FILE_PASSPHRASE": "a different long passphrase"])
        let replacement = try self.site()
        try run(replacement, ["key", "import", file.path], extra: ["WAYMARK_KEY_FILE_PASSPHRASE": "a different long passphrase"])
        #expect(try publicKey(replacement) == (try publicKey(coordinator)))
        try run(replacement, ["key", "generate"], expect: 1)
        // The replacement laptop's bundles go on from the last number: the site takes them, not as replays.
        try run(replacement, ["import", try PackageFixture.small().write().path])
        let next = try json(try run(replacement, ["bundle", "create", TemporaryHome.url("waymark-bundle").path, "--json"]))
        #expect(next["sequence"] as? Int == 3)
    }

    @Test("organization key add records the key as an organization_identifier row, in the history and the next bundle")
    func organizationKey() throws {
        let coordinator = try coordinator()
        let organization = PackageFixture.id("org-hope")
        let key = try publicKey(coordinator)
        let added = try json(try run(coordinator, ["organization", "key", "add", organization, "--publisher-key", key, "--json"]))
        #expect((added["publisher_fingerprint"] as? String)?.count == 39)
        try run(coordinator, ["organization", "key", "add", organization, "--publisher-key", "not-a-key"], expect: 1)
        let (folder, _) = try bundle(coordinator)
        let identifiers = try String(contentsOf: folder.appendingPathComponent("organization_identifiers.csv"), encoding: .utf8)
        #expect(identifiers.contains("waymark-publisher-key") && identifiers.contains(key))
    }
}
