import Foundation
import TestSupport

/// Runs the built `waymark` binary, as a user would, and captures what it prints.
struct WaymarkProcess {
    /// What one run printed and how it ended.
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        let stdoutData: Data
    }

    /// The built executable, next to the test bundle.
    static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("waymark"),
            Bundle.main.bundleURL.appendingPathComponent("waymark"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("waymark"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/waymark"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[3]
    }

    /// A new, empty home folder.
    static func newHome() -> URL {
        TemporaryHome.url("waymark-cli")
    }

    /// The passphrase every run has in `$WAYMARK_PASSPHRASE` unless the test gives another or none.
    static let defaultPassphrase = "a long test passphrase"

    /// Runs `waymark` with arguments and waits for it; a nil environment value removes that variable.
    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String?] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["WAYMARK_HOME"] = nil
        // The home's first account (a coordinator) unlocks as scripts do, cheaply; a test that wants
        // no passphrase, or another, says so (nil removes it).
        env["WAYMARK_PASSPHRASE"] = defaultPassphrase
        env["WAYMARK_TEST_SCRYPT_LOG2N"] = "4"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                       stderr: String(decoding: stderrData, as: UTF8.self), stdoutData: stdoutData)
    }
}
