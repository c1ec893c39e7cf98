import Foundation
import Logging

/// Logs how long each phase of a long operation took, and the process's peak memory so far, at
/// debug level (`WAYMARK_LOG=debug`).
struct PhaseTimer {
    private static let logger = Logger(label: "waymark.directory")
    private let label: String
    private var last = DispatchTime.now().uptimeNanoseconds

    init(label: String) { self.label = label }

    /// Logs the time since the previous lap under `phase`.
    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(now - last) / 1e9
        PhaseTimer.logger.debug("\(label): \(phase) \(String(format: "%.2f", seconds)) s, peak memory \(PhaseTimer.peakMiB()) MiB")
        last = now
    }

    /// The process's peak resident memory so far, in MiB.
    static func peakMiB() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss / 1_048_576)  // bytes there
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss / 1024)  // KiB here
        #endif
    }
}
