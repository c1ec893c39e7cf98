import ArgumentParser
import Foundation

/// Runs the `waymark` binary as a whole process, as a shell would, for the benchmarks that time one.
enum BenchProcess {
    /// The `waymark` built beside this benchmark, which the whole-process runs time.
    static func waymark() throws -> URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("waymark")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ValidationError("no waymark beside waymark-bench (\(executable.path)): build both with `swift build -c release`")
        }
        return executable
    }

    /// Runs `executable` with `arguments`, its output discarded; returns its exit status.
    ///
    /// Spawned and waited for directly (`posix_spawn`, `waitpid`): Foundation's
    /// `Process.waitUntilExit` polls its run loop every 50 ms here, which would put a
    /// floor of about 50 ms under every time measured.
    static func run(_ executable: URL, _ arguments: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        // Exited: the exit code; killed: 128 plus the signal, as a shell says.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + status & 0x7F
    }

    /// Runs `executable` with `arguments`; returns its exit status and what it wrote to standard output.
    static func output(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read before waiting, so that a large output cannot fill the pipe and stall the process.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
