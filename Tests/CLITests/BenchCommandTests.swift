import Foundation
import Testing

@Suite("waymark-bench: the benchmarks and the synthetic directory generator, beside waymark")
struct BenchCommandTests {
    /// The built `waymark-bench`, beside `waymark`.
    var executable: URL { WaymarkProcess.executable.deletingLastPathComponent().appendingPathComponent("waymark-bench") }

    func generate(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["generate"] + arguments
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }

    @Test("generate writes the same bytes for the same seed, refuses a folder that is not empty, and waymark imports it")
    func generateIsByteIdentical() throws {
        let folder = WaymarkProcess.newHome()
        let first = folder.appendingPathComponent("first"), second = folder.appendingPathComponent("second")
        #expect(try generate(["--services", "40", "--seed", "3", first.path]).status == 0)
        #expect(try generate(["--services", "40", "--seed", "3", second.path]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names.contains("datapackage.json"))
        for name in names {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
        let again = try generate(["--services", "40", first.path])
        #expect(again.status == 1 && again.stderr.contains("not empty"), "\(again.stderr)")
        let imported = try WaymarkProcess.run(["--home", folder.appendingPathComponent("home").path, "import", first.path])
        #expect(imported.status == 0, "\(imported.stderr)")
    }
}
