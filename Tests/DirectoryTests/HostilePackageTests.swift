import Directory
import Foundation
import Testing
import TestSupport

@Suite("Hostile packages stay bounded")
struct HostilePackageTests {
    /// A fixture whose organizations.csv ends with `count` short rows of the wrong width.
    func malformedRows(_ count: Int) -> PackageFixture {
        var f = PackageFixture.small()
        let header = HSDSSchema.resource(named: "organization")!.fields.map(\.name).joined(separator: ",")
        f.rawFiles["organizations.csv"] = Data((header + "\n" + String(repeating: "x\n", count: count)).utf8)
        return f
    }

    @Test("300 malformed rows: 100 listed, then one line counting the other 200; the count says 300")
    func problemsCapped() throws {
        let report = PackageValidator().validate(try malformedRows(300).write())
        let malformed = report.problems.filter { $0.file == "organizations.csv" && $0.message.hasPrefix("malformed row") }
        #expect(malformed.count == 100)
        let rest = report.problems.filter { $0.omitted != nil }
        #expect(rest.count == 1)
        #expect(rest.first?.omitted == 200)
        #expect(rest.first?.description == "organizations.csv: 200 more like \"malformed row: 1 fields where the header has 9\" not shown"
            || rest.first?.description.hasPrefix("organizations.csv: 200 more like \"malformed row:") == true,
            "\(rest)")
        #expect(report.errorCount >= 300)
        #expect(!report.valid)
    }

    @Test("A smaller cap passed in is kept, per file and kind")
    func smallerCap() throws {
        var f = malformedRows(30)
        for i in 0..<20 { f.service("svc-bad-\(i)", org: "org-hope", name: "Bad \(i)", at: "loc-hope", types: ["legal"]) }
        for i in f.rows["service"]!.indices { f.rows["service"]![i]["minimum_age"] = "twelve" }
        let report = PackageValidator(problemLimit: 5).validate(try f.write())
        let organizations = report.problems.filter { $0.file == "organizations.csv" }
        #expect(organizations.count == 6, "\(organizations)")
        let ages = report.problems.filter { $0.file == "services.csv" && $0.omitted == nil && $0.message.contains("is not a number") }
        #expect(ages.count == 5)
        #expect(report.problems.contains { $0.file == "services.csv" && $0.omitted == 20 }, "\(report.problems)")
    }

    @Test("Thousands of unknown columns are one warning, not one per column")
    func unknownColumnsOneLine() throws {
        var f = PackageFixture.small()
        f.headers["phone"] = HSDSSchema.resource(named: "phone")!.fields.map(\.name) + (0..<5_000).map { "extra\($0)" }
        let report = PackageValidator().validate(try f.write())
        let unknown = report.problems.filter { $0.file == "phones.csv" && $0.message.contains("unknown column") }
        #expect(unknown.count == 1, "\(unknown.count) lines")
        #expect(unknown.first?.description.hasPrefix("phones.csv:1: 5000 unknown columns (extra0, extra1") == true, "\(unknown)")
    }

    @Test("A file over the size limit is refused by name and size, without being read")
    func sizeLimit() throws {
        let folder = try PackageFixture.small().write()
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("services.csv").path)[.size] as! Int
        #expect(size > 1024)
        let report = PackageValidator(maxFileSize: 1024).validate(folder)
        let refused = report.problems.filter { $0.file == "services.csv" && $0.severity == .error }
        #expect(refused.count == 1)
        #expect(refused.first?.description.hasPrefix("services.csv is ") == true, "\(refused)")
        #expect(refused.first?.message.contains("more than the limit of 1 KiB") == true, "\(refused)")
        #expect(refused.first?.message.contains("--max-file-size") == true)
        let store = try DirectoryStore.inMemory()
        let imported = try store.importPackage(at: folder, options: ImportOptions(maxFileSize: 1024), clock: Fixed.clock)
        #expect(!imported.imported)
        #expect(try store.counts()["service"] ?? 0 == 0)
    }

    @Test("A value longer than the field limit makes its row an error and is not kept")
    func fieldLimit() throws {
        var f = PackageFixture.small()
        f.rows["service"]![0]["description"] = String(repeating: "x", count: 5_000)
        var problems = ProblemList()
        let contents = PackageReader(maxFieldBytes: 1_000).read(try f.write(), problems: &problems)
        #expect(problems.errors.map(\.description).contains("services.csv:2: description: a value longer than 1000 bytes; the row is not read"),
                "\(problems.errors)")
        #expect(contents.table("service").rows.count == 4)
    }

    @Test("The streaming parser reads the same records whatever the chunk size",
          arguments: [1, 2, 3, 7, 64])
    func chunked(size: Int) throws {
        let text = "\u{FEFF}id,name,note\r\n1,Ana,\"two\r\nlines\"\r\n2,\"Zoë \"\"Ž\"\"\",日本語\r3,😀,\n\n4,x,\"a,b\""
        let whole = try CSVFile(data: Data(text.utf8))
        let pieces = try CSVFile(data: Data(text.utf8), chunkSize: size)
        #expect(pieces.header == ["id", "name", "note"])
        #expect(pieces.header == whole.header)
        #expect(pieces.records.map(\.fields) == whole.records.map(\.fields))
        #expect(pieces.records.map(\.line) == [2, 4, 5, 7])
        #expect(pieces.records[1].fields == ["2", "Zoë \"Ž\"", "日本語"])
        var bad = Data("id,name\n1,ok\n2,".utf8)
        bad.append(contentsOf: [0xC3, 0x28])
        #expect(throws: CSVFile.ParseError.self) { try CSVFile(data: bad, chunkSize: size) }
        #expect(throws: CSVFile.ParseError.self) { try CSVFile(data: Data([0x61, 0x0A, 0xE6, 0x97]), chunkSize: size) }
    }

    @Test("A services.csv that is a symbolic link is refused and the file it points at is not read")
    func symlinkRefused() throws {
        let f = PackageFixture.small()
        let folder = try f.write()
        let outside = TemporaryHome.url("waymark-outside", suffix: ".csv")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("services.csv"), to: outside)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("services.csv"), withDestinationURL: outside)
        let report = PackageValidator().validate(folder)
        #expect(report.problems.map(\.description).contains("services.csv is a symbolic link; copy the file into the package"),
                "\(report.problems)")
        #expect(!report.valid)
        let store = try DirectoryStore.inMemory()
        let imported = try store.importPackage(at: folder, clock: Fixed.clock)
        #expect(!imported.imported)
        #expect(try store.counts()["service"] ?? 0 == 0)
        // A link to a file that is not CSV at all is not echoed either.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("services.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("services.csv").path, withDestinationPath: "/etc/passwd")
        let again = PackageValidator().validate(folder)
        #expect(!again.problems.contains { $0.description.contains("root") }, "\(again.problems)")
    }

    @Test("A FIFO inside a package gets its own message, and does not hang")
    func fifoRefused() throws {
        let folder = try PackageFixture.small().write()
        let fifo = folder.appendingPathComponent("phones.csv")
        try FileManager.default.removeItem(at: fifo)
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let report = PackageValidator().validate(folder)
        let problem = report.problems.first { $0.file == "phones.csv" }
        #expect(problem?.message.contains("phones.csv is not a regular file") == true, "\(report.problems)")
        #expect(problem?.message.contains("permission") == false)
    }

    @Test("Descriptor paths that are not plain file names are reported, not silently ignored")
    func descriptorPaths() throws {
        let folder = try PackageFixture.small().write()
        let descriptor: [String: Any] = ["name": "test", "resources": [
            ["name": "service", "path": "../x.csv"],
            ["name": "organization", "path": "/etc/passwd"],
            ["name": "location", "path": "a/b.csv"],
            ["name": "phone", "path": "phones.csv"],
        ]]
        try JSONSerialization.data(withJSONObject: descriptor).write(to: folder.appendingPathComponent("datapackage.json"))
        let report = PackageValidator().validate(folder)
        let text = report.problems.filter { $0.file == "datapackage.json" && $0.severity == .error }.map(\.description)
        #expect(text.count == 3, "\(text)")
        #expect(text.contains { $0.contains("'../x.csv' is not a plain file name") })
        #expect(text.contains { $0.contains("'/etc/passwd' is not a plain file name") })
        #expect(text.contains { $0.contains("'a/b.csv' is not a plain file name") })
        #expect(!report.valid)
    }
}
