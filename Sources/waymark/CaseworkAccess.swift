import App
import ArgumentParser
import Casework
import Directory
import Foundation
import SOP
import WaymarkData

/// Opens the home's case store for a command: the SOP definitions, the passphrase, the exit statuses.
///
/// The passphrase comes from `$WAYMARK_PASSPHRASE` (for scripts) or is asked at the terminal
/// without echo; on first use it is asked twice. Exit 4 for a wrong passphrase, 3 for a
/// hand-off the SOP gate refuses, 1 for other errors.
struct CaseworkAccess {
    let home: WaymarkHome

    init(home: HomeOptions) { self.home = home.resolved }

    /// The procedure and questionnaire in force for this home.
    func definitions() throws -> SOPDefinitions {
        do {
            return try SOPDefinitions.load(home: home.url, bundled: try WaymarkData.resourceDirectory().appendingPathComponent("sop"))
        } catch {
            Output.error("waymark: \(error)")
            throw ExitCode(1)
        }
    }

    /// Options for opening the store. Debug builds only (the tests') read two hooks:
    /// `WAYMARK_TEST_SCRYPT_LOG2N` (a cheap scrypt cost, kept by the stores it makes) and
    /// `WAYMARK_TEST_KILL_AT` (a hand-off checkpoint where the process kills itself). A release
    /// build has neither: its cost is always `ScryptParameters.minimum`, and a store below it is
    /// wrapped again at it when unlocked.
    func options(_ definitions: SOPDefinitions) -> CaseStore.Options {
        var options = CaseStore.Options(procedure: definitions.procedure, questionnaire: definitions.questionnaire)
        options.procedureSource = definitions.procedureSource
        options.newKeyParameters = .minimum
        #if DEBUG
        if let cost = ProcessInfo.processInfo.environment["WAYMARK_TEST_SCRYPT_LOG2N"].flatMap(Int.init), (4...20).contains(cost) {
            options.newKeyParameters = ScryptParameters(log2N: cost, blockSize: 8, parallelism: 1)
        }
        if let point = ProcessInfo.processInfo.environment["WAYMARK_TEST_KILL_AT"], !point.isEmpty {
            options.checkpoint = { name in if name == point { kill(getpid(), SIGKILL) } }
        }
        #endif
        return options
    }

    /// Opens the case store, asking for the passphrase when it is not in the environment.
    func open() throws -> CaseStore {
        let definitions = try definitions()
        let firstUse = !CaseStore.hasPassphrase(home: home.url)
        let passphrase = try Self.passphrase(confirm: firstUse)
        return try open(passphrase: passphrase, definitions: definitions)
    }

    /// Opens the case store with a passphrase; says what the unlock found (failed attempts, a key wrapped again).
    func open(passphrase: String, definitions: SOPDefinitions) throws -> CaseStore {
        let throttle = UnlockThrottle(home: home.url)
        let wait = CaseStore.hasPassphrase(home: home.url) ? throttle.delayBeforeNextAttempt() : 0
        if wait > 0 { Output.error("waymark: after \(throttle.state().failures) wrong passphrases in a row, waiting \(Int(wait)) s before trying.") }
        do {
            let (store, inForce) = try Self.run {
                try CaseStore.open(home: home.url, passphrase: passphrase, options: options(definitions), definitions: definitions)
            }
            if inForce.sources.contains(where: { $0.contains("not accepted yet") }) {
                for source in inForce.sources where source.contains("not accepted yet") { Output.error("waymark: in force: \(source)") }
            }
            for line in store.unlockReport.messages { Output.error("waymark: \(line)") }
            return store
        } catch let status as ExitCode where status.rawValue == 4 {
            let next = throttle.delayBeforeNextAttempt()
            if next > 0 { Output.error("waymark: the next try will wait \(Int(next)) s first.") }
            throw status
        }
    }

    /// The passphrase from the environment or the terminal; a new one (asked twice at the
    /// terminal) must meet `PassphraseRule`, whichever way it came.
    static func passphrase(confirm: Bool) throws -> String {
        if let given = ProcessInfo.processInfo.environment["WAYMARK_PASSPHRASE"], !given.isEmpty {
            if confirm, let problem = PassphraseRule.problem(given) {
                Output.error("waymark: WAYMARK_PASSPHRASE is too short for a new case store. \(problem)")
                throw ExitCode(1)
            }
            return given
        }
        guard let first = ControllingTerminal.readSecret(prompt: confirm ? "Choose a passphrase for this home's case store: " : "Passphrase: ") else {
            Output.error("waymark: the case store needs its passphrase: run this at a terminal, or set WAYMARK_PASSPHRASE for a script.")
            throw ExitCode(1)
        }
        if confirm { return try confirmed(first) }
        return first
    }

    /// A new passphrase typed at the terminal: it must meet the rule and be typed again alike.
    static func confirmed(_ first: String) throws -> String {
        if let problem = PassphraseRule.problem(first) {
            Output.error("waymark: \(problem)")
            throw ExitCode(1)
        }
        guard ControllingTerminal.readSecret(prompt: "Type it again: ") == first else {
            Output.error("waymark: the two passphrases differ; nothing was created or changed.")
            throw ExitCode(1)
        }
        return first
    }

    /// Runs casework, turning its errors into a message and the documented exit status.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CaseworkError {
            switch error {
            case .wrongPassphrase:
                Output.error("waymark: \(error)")
                throw ExitCode(4)
            case .logDoesNotVerify, .rowDoesNotVerify:
                Output.error("waymark: \(Sanitized.text(error.description))")
                throw ExitCode(5)
            case .refused(let missing):
                Output.error("Hand-off refused by the SOP: nothing was logged or shared. Still owed:")
                for step in missing { Output.error("  - \(step.stepId): \(Sanitized.text(step.instruction))") }
                throw ExitCode(3)
            case .ineligible(let refusal):
                let strings = try? StringTable.bundled()
                for line in strings?.refusalLines(refusal) ?? [error.description] { Output.error(Sanitized.text(line)) }
                throw ExitCode(3)
            default:
                Output.error("waymark: \(Sanitized.text(error.description))")
                throw ExitCode(1)
            }
        }
    }

    /// Reads a JSON or YAML file named by `--answers` (`-` reads standard input).
    static func readAnswers(_ path: String) throws -> (Data, String) {
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

/// The controlling terminal, for questions whose answers must not be echoed or come from arguments.
enum ControllingTerminal {
    /// Reads a line from /dev/tty with echo off; nil when there is no terminal.
    static func readSecret(prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        _ = write(fd, prompt, prompt.utf8.count)
        tcsetattr(fd, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            _ = write(fd, "\n", 1)
        }
        return readLine(fd: fd)
    }

    /// Reads a line from /dev/tty with echo on; nil when there is no terminal.
    static func ask(_ prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        _ = write(fd, prompt, prompt.utf8.count)
        return readLine(fd: fd)
    }

    private static func readLine(fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == 10 || byte == 13 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
            if bytes.count > 4096 { break }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
