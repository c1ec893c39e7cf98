import Foundation
import Logging

/// Sets up swift-log once: messages to standard error, level from `WAYMARK_LOG` (default warning).
enum WaymarkLogging {
    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["WAYMARK_LOG"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
