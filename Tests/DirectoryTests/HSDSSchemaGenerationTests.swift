import Directory
import Foundation
import TestSupport
import Testing

@Suite("HSDSOfficialResources.swift is what Tools/generate-hsds-schema.py makes of the official datapackage")
struct HSDSSchemaGenerationTests {
    /// The project's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("The committed file equals the script's output over the reference copy",
          .enabled(if: HSDSReference.available, "the HSDS 3.0 reference copy is not beside the checkout (set WAYMARK_HSDS_REFERENCE)"))
    func generatedFileIsCurrent() throws {
        let reference = try #require(HSDSReference.folder, "the HSDS reference copy is required here")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("Tools/generate-hsds-schema.py").path,
                             reference.appendingPathComponent("datapackage.json").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let generated = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let committed = try Data(contentsOf: Self.root.appendingPathComponent("Sources/Directory/Package/HSDSOfficialResources.swift"))
        #expect(generated == committed, "run Tools/generate-hsds-schema.py again and commit its output")
    }

    @Test("The 21 official resources, then the profile's extras")
    func shape() {
        #expect(HSDSSchema.official.count == 21)
        let allOfficial = HSDSSchema.official.filter { !$0.official }.isEmpty
        #expect(allOfficial)
        #expect(HSDSSchema.resource(named: "organization")?.references.contains { $0.field == "parent_organization_id" } == true)
    }
}
