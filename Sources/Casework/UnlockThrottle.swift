import Directory
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for a number of seconds; tests inject one that only records.
public protocol Sleeper: Sendable {
    func sleep(seconds: Double)
}

/// The real wait.
public struct SystemSleeper: Sleeper {
    public init() {}
    public func sleep(seconds: Double) { Thread.sleep(forTimeInterval: seconds) }
}

/// Failed unlocks counted in a side file of the home (`unlock-failures`, 0600), so the delay
/// after wrong guesses survives the process: from the 4th failure in a row each try waits
/// 2^(n−3) seconds first (at most `maximumDelay`), and the next success reports the failures
/// and starts again from none.
///
/// This slows a person guessing at the keyboard. It does not slow anyone holding a copy of
/// `cases.sqlite`: their cost is scrypt's, and they can delete this file.
public struct UnlockThrottle: Sendable {
    /// What the side file holds.
    public struct State: Sendable, Equatable, Codable {
        /// Failed unlocks since the last success.
        public var failures: Int = 0
        public var firstFailure: Date?
        public var lastFailure: Date?
        /// The last successful unlock (nil before this file was kept).
        public var lastSuccess: Date?
        /// The account each failed attempt named (the home's only account when none was named), oldest first.
        public var accounts: [String]?

        public init(failures: Int = 0, firstFailure: Date? = nil, lastFailure: Date? = nil, lastSuccess: Date? = nil) {
            self.failures = failures
            self.firstFailure = firstFailure
            self.lastFailure = lastFailure
            self.lastSuccess = lastSuccess
        }

        enum CodingKeys: String, CodingKey {
            case failures
            case firstFailure = "first_failure"
            case lastFailure = "last_failure"
            case lastSuccess = "last_success"
            case accounts
        }
    }

    /// Failures that pass without a wait.
    public static let freeFailures = 3
    /// The longest wait, in seconds (about 17 minutes).
    public static let maximumDelay: Double = 1024

    public let home: URL

    public init(home: URL) { self.home = home }

    public static func file(in home: URL) -> URL { home.appendingPathComponent("unlock-failures") }

    /// The wait before the next try after `failures` failures in a row: none for the first three,
    /// then 2^(n−3) seconds (2, 4, 8, …), at most `maximumDelay`.
    public static func delay(afterFailures failures: Int) -> Double {
        guard failures > freeFailures else { return 0 }
        return min(maximumDelay, Double(1 << min(failures - freeFailures, 20)))
    }

    /// What the file says; an absent or unreadable file counts no failures.
    public func state() -> State {
        guard let data = try? Data(contentsOf: Self.file(in: home)) else { return State() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard var state = try? decoder.decode(State.self, from: data) else { return State() }
        state.failures = max(0, state.failures)
        return state
    }

    /// The wait before the next try, from the file.
    public func delayBeforeNextAttempt() -> Double { Self.delay(afterFailures: state().failures) }

    /// Counts a failed unlock, remembering which account it tried (the last 20 are kept).
    @discardableResult
    public func recordFailure(at date: Date, account: String? = nil) -> State {
        update { state in
            state.failures += 1
            if let account { state.accounts = Array(((state.accounts ?? []) + [account]).suffix(20)) }
            if state.firstFailure == nil { state.firstFailure = date }
            state.lastFailure = date
        }
    }

    /// Records a successful unlock: returns the failures since the previous success, then counts none.
    @discardableResult
    public func recordSuccess(at date: Date) -> State {
        var before = State()
        _ = update { state in
            before = state
            state = State(lastSuccess: date)
        }
        return before
    }

    /// Reads, changes and writes the file under the home's lock; a file that cannot be written
    /// does not keep anyone from their cases.
    private func update(_ change: (inout State) -> Void) -> State {
        let result = try? HomeLock.exclusive(in: home) { () -> State in
            var current = self.state()
            change(&current)
            write(current)
            return current
        }
        return result ?? State()
    }

    private func write(_ state: State) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(state) else { return }
        let url = Self.file(in: home)
        let temporary = home.appendingPathComponent(".unlock-failures.\(getpid()).tmp")
        _ = FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        // 0600, or 0660 in a group-shared home: the other workers' unlocks read and write it too.
        WaymarkHome.protect(temporary)
        if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }
}

/// What a successful unlock has to tell the person: failed attempts since the last success,
/// and a key wrapped below the minimum cost that was wrapped again.
public struct UnlockReport: Sendable, Equatable {
    /// Failed attempts since the last successful unlock.
    public var failedAttempts = 0
    /// The last successful unlock before this one, else the first of the failures.
    public var failuresSince: Date?
    /// The accounts those attempts named, oldest first.
    public var failedAccounts: [String] = []
    /// The cost the key was wrapped with when it was below the minimum (it is now wrapped at `rewrappedAt`).
    public var rewrappedFrom: ScryptParameters?
    public var rewrappedAt: ScryptParameters?
    /// Why this unlock could not be written to the access log (it does not verify), if it could not.
    public var accessLogProblem: String?

    public init() {}

    /// The report as sentences, for the terminal and the UI.
    public var messages: [String] {
        var lines: [String] = []
        if failedAttempts > 0 {
            var line = "\(failedAttempts) failed attempt\(failedAttempts == 1 ? "" : "s") to unlock the case store"
            if let since = failuresSince {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
                line += " since \(formatter.string(from: since))"
            }
            if !failedAccounts.isEmpty { line += " (accounts tried: \(Array(Set(failedAccounts)).sorted().joined(separator: ", ")))" }
            lines.append(line + ". If that was not you or a colleague, tell your coordinator.")
        }
        if let from = rewrappedFrom, let to = rewrappedAt {
            lines.append("The case store's key was protected by a passphrase derivation below the minimum (\(from.summary)); "
                + "it is now protected at \(to.summary).")
        }
        if let accessLogProblem {
            lines.append("The access log does not verify (\(accessLogProblem)): this unlock was not recorded, and identifying data "
                + "stays closed until a coordinator runs `waymark log repair` (`waymark log verify` says what happened).")
        }
        return lines
    }
}
