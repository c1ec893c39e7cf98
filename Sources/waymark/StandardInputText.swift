import ArgumentParser
import Foundation

/// Free text an option takes either after it or, with `-`, from standard input (so that it
/// stays out of shell history and process lists).
enum StandardInputText {
    /// The option's text: itself, or for `-` what standard input holds (at most 4 KiB, trimmed).
    static func resolve(_ value: String?, what: String) throws -> String? {
        guard value == "-" else { return value }
        let data = FileHandle.standardInput.readData(ofLength: 4097)
        guard data.count <= 4096, let text = String(data: data, encoding: .utf8) else {
            Output.error("waymark: \(what) on standard input must be UTF-8 text of at most 4 KiB; nothing was written.")
            throw ExitCode(1)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            Output.error("waymark: \(what) on standard input is empty; nothing was written.")
            throw ExitCode(1)
        }
        return trimmed
    }
}
