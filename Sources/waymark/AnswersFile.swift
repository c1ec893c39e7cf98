import ArgumentParser
import Casework
import Directory
import Foundation
import SOP

/// The file `--answers` names (`-` reads standard input), decoded by Casework's `StepAnswersFile`.
enum AnswersFile {
    /// The step's details from the file; no file records the step with no details.
    static func details(step: String, path: String?, questionnaire: Questionnaire?) throws -> StepDetails {
        guard let path else { return StepDetails() }
        let (data, name) = try read(path)
        return try StepAnswersFile.details(step: step, data: data, file: name, questionnaire: questionnaire)
    }

    /// The file's bytes and the name errors use; at most 1 MiB.
    static func read(_ path: String) throws -> (Data, String) {
        let limit = 1 << 20
        let data: Data
        let name: String
        if path == "-" {
            data = FileHandle.standardInput.readData(ofLength: limit + 1)
            name = "standard input"
        } else {
            let url = URL(fileURLWithPath: path)
            guard let read = try? Data(contentsOf: url) else {
                Output.error("waymark: cannot read the answers file \(Sanitized.short(path))")
                throw ExitCode(1)
            }
            data = read
            name = url.lastPathComponent
        }
        guard data.count <= limit else {
            Output.error("waymark: \(Sanitized.short(name)) is larger than 1 MiB; an answers file is a few lines of JSON.")
            throw ExitCode(1)
        }
        return (data, name)
    }
}
