import Foundation

/// Runs the `waymark` binary as a whole process, as a shell would, for the benchmarks that time one.
enum BenchProcess {
    /// Runs `executable` with `arguments`, its output discarded; returns its exit status.
    static func run(_ executable: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
