import Directory
import Foundation
import Testing
import TestSupport

/// Exports the bundled sample and validates it with `frictionless` against the official
/// HSDS 3.0 datapackage and against the export's own descriptor.
///
/// CI installs frictionless and sets `WAYMARK_REQUIRE_FRICTIONLESS=1`, so there a missing
/// validator fails the test instead of skipping it.
@Suite("HSDS conformance of exports")
struct HSDSConformanceTests {
    static var frictionless: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("frictionless")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static var official: URL? { HSDSReference.folder?.appendingPathComponent("datapackage.json") }

    static var required: Bool { ProcessInfo.processInfo.environment["WAYMARK_REQUIRE_FRICTIONLESS"] == "1" }

    @Test("The exported sample validates with zero errors against the official HSDS 3.0 datapackage",
          .enabled(if: frictionless != nil || required, "frictionless is not installed (pip install frictionless)"),
          .enabled(if: HSDSReference.available, "the HSDS 3.0 reference copy is not beside the checkout (set WAYMARK_HSDS_REFERENCE)"))
    func exportValidates() throws {
        let tool = try #require(Self.frictionless, "frictionless is required in CI")
        let official = try #require(Self.official, "the HSDS reference copy is required here")
        for confidential in [false, true] {
            let folder = TemporaryHome.url("waymark-hsds")
            let export = try WaymarkProcess.run(["--home", WaymarkProcess.newHome().path, "export", folder.path]
                                                + (confidential ? ["--include-confidential"] : []))
            #expect(export.status == 0, "\(export.stderr)")
            try Self.validate(folder, official: official, tool: tool)
        }
    }

    @Test("An export after edits, additions, a verification and an undo (metadata.csv and waymark_changes.csv) validates too",
          .enabled(if: frictionless != nil || required, "frictionless is not installed (pip install frictionless)"),
          .enabled(if: HSDSReference.available, "the HSDS 3.0 reference copy is not beside the checkout (set WAYMARK_HSDS_REFERENCE)"))
    func exportAfterEditsValidates() throws {
        let tool = try #require(Self.frictionless, "frictionless is required in CI")
        let official = try #require(Self.official, "the HSDS reference copy is required here")
        let home = WaymarkProcess.newHome().path
        let chat = "726cda93-bbf3-5c15-93c4-0162359256d6"
        for arguments in [["operator", "set", "--name", "Ana", "--organization", "Linia Verde"],
                          ["service", "edit", chat, "--capacity-available", "0", "--capacity-maximum", "4", "--no-phone",
                           "--hours", "MO-FR 09:00-17:00", "--add-condition", "referral-required", "--note", "full"],
                          ["service", "verify", chat, "--method", "phone"],
                          ["organization", "add", "--name", "Casa Nouă"],
                          ["undo"]] {
            let outcome = try WaymarkProcess.run(["--home", home] + arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
        }
        let folder = TemporaryHome.url("waymark-hsds")
        #expect(try WaymarkProcess.run(["--home", home, "export", folder.path]).status == 0)
        let metadata = try String(contentsOf: folder.appendingPathComponent("metadata.csv"), encoding: .utf8)
        #expect(metadata.contains(",create,available,(none),0,"))
        try Self.validate(folder, official: official, tool: tool)
    }

    /// Validates an exported folder with frictionless against the official datapackage and its own descriptor.
    @Test("A delta bundle (changed rows, what they reference, tombstones.csv) validates against both descriptors too",
          .enabled(if: frictionless != nil || required, "frictionless is not installed (pip install frictionless)"),
          .enabled(if: HSDSReference.available, "the HSDS 3.0 reference copy is not beside the checkout (set WAYMARK_HSDS_REFERENCE)"))
    func deltaValidates() throws {
        let tool = try #require(Self.frictionless, "frictionless is required in CI")
        let official = try #require(Self.official, "the HSDS reference copy is required here")
        let store = try DirectoryStore.inMemory()
        _ = try store.importPackage(at: try PackageFixture.small().write())
        let full = try store.exportBundle(to: TemporaryHome.url("waymark-hsds"), since: nil, includeConfidential: false)
        try store.recordCreatedBundle(BundleOrigin(bundleID: "full-1", publisher: "SHA256:test", publisherName: "Test", sequence: 1,
                                                   createdAt: "2026-01-15T10:00:00Z"), changeSequence: full.changeSequence)
        let editor = DirectoryEditor(store: store, author: ChangeAuthor(name: "Ana (Linia Verde)"))
        var edit = ServiceEdit()
        edit.name = "Legal aid clinic (Mondays)"
        edit.phones = []
        edit.hours = ["MO 09:00-12:00"]
        try editor.edit(service: PackageFixture.id("svc-legal"), edit)
        for confidential in [false, true] {
            let folder = TemporaryHome.url("waymark-hsds")
            let delta = try store.exportBundle(to: folder, since: "full-1", includeConfidential: confidential)
            #expect(!delta.unchanged.isEmpty)
            try Self.validate(folder, official: official, tool: tool)
        }
    }

    static func validate(_ folder: URL, official: URL, tool: URL) throws {
        do {
            try FileManager.default.copyItem(at: official, to: folder.appendingPathComponent("hsds-official.json"))
            for descriptor in ["hsds-official.json", "datapackage.json"] {
                let process = Process()
                process.executableURL = tool
                process.arguments = ["validate", "--json", folder.appendingPathComponent(descriptor).path]
                let out = Pipe()
                process.standardOutput = out
                process.standardError = FileHandle.nullDevice
                try process.run()
                let data = out.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                let report = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                let valid = report?["valid"] as? Bool
                let errors = (report?["tasks"] as? [[String: Any]])?.flatMap { ($0["errors"] as? [[String: Any]]) ?? [] }
                    .compactMap { $0["message"] as? String } ?? []
                #expect(valid == true, "\(descriptor): \(errors.prefix(5))")
                #expect(process.terminationStatus == 0)
            }
        }
    }
}
