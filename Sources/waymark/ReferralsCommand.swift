import ArgumentParser
import Casework
import Directory
import Foundation
import Home

/// Lists referrals with their status, age and overdue marks, and why each overdue one is.
struct ReferralsCommand: HomeCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals",
        abstract: "List referrals: status, how long since sent, and which are overdue, with why.",
        discussion: """
            Overdue covers every waiting state: a draft not handed off within a day; a hand-off not \
            acknowledged within its priority's window (emergency 24 hours, urgent 72 hours, normal 14 days); \
            an accepted referral whose service has not started within the SOP's service_start_days (7 unless \
            the SOP file says otherwise). --json carries overdue_reason, the same sentence.

            Example: waymark referrals --overdue
            """)

    @OptionGroup var home: HomeOptions
    @ParentCommand var root: Waymark
    @Flag(help: "Only the overdue ones, each with why.") var overdue = false
    @Flag(help: "Print one JSON document.") var json = false

    func run() throws {
        let home = try openHome()
        let store = try home.openCases()
        let referrals = try store.referrals(overdueOnly: overdue)
        let now = store.options.clock.now()
        if json {
            try Output.json(["referrals": referrals.map { ReferralJSON($0, now: now, late: store.overdue($0), owed: nil) }])
            return
        }
        guard !referrals.isEmpty else {
            print(overdue ? "No referral is overdue." : "No referrals yet.")
            return
        }
        let rows = referrals.map { referral -> [String] in
            let since = referral.sentAt ?? referral.createdAt
            return [referral.id, referral.caseCode, referral.status.spoken + (store.overdue(referral) != nil ? " OVERDUE" : ""),
                    referral.priority.rawValue, Self.age(now.timeIntervalSince(since)), referral.need.rawValue, referral.serviceName]
        }
        print(Output.table(["REFERRAL", "CASE", "STATUS", "PRIORITY", "AGE", "NEED", "SERVICE"], rows, widths: [10, 12, 20, 9, 6, 16, 40]))
        let late = referrals.compactMap { referral in store.overdue(referral).map { (referral.id, $0.sentence(at: now)) } }
        if !late.isEmpty {
            print("")
            for (id, why) in late { print("\(id): \(why)") }
        }
    }

    /// "3 h", "2 d".
    static func age(_ seconds: TimeInterval) -> String {
        let hours = Int(max(0, seconds) / 3600)
        return hours < 48 ? "\(hours) h" : "\(hours / 24) d"
    }
}

/// Checks the hand-off log.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The tamper-evident hand-off log.",
        subcommands: [Verify.self, Head.self, Repair.self])

    /// Prints the log's head.
    struct Head: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "head",
            abstract: "Print the log's entry count and last MAC, to write down or pass on.",
            discussion: """
                A restore of the whole home from an older copy cannot be detected offline: compare these figures \
                with the ones written down (or carried in a bundle) to see it.

                Example: waymark log head
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark
        @Flag(help: "Print one JSON document.") var json = false

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            let head = try store.logHead()
            if json {
                try Output.json(["count": "\(head.count)", "last_mac": head.lastMac])
            } else {
                print("\(head.count) \(head.count == 1 ? "entry" : "entries"), last MAC \(head.lastMac.isEmpty ? "—" : head.lastMac)")
            }
        }
    }

    /// Repairs what verifies.
    struct Repair: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "repair",
            abstract: "Rewrite a head file left behind by a crash, when the entries after it chain and verify; repair nothing else.",
            discussion: """
                The hand-off log's head, then (a coordinator) the access log's: its head written again at its verified end, \
                with a `repair` entry saying what was found. Exit 0 with what was found and done; 5 when a chain itself does \
                not verify (nothing is changed).

                Example: waymark log repair
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            let home = try openHome()
            let store = try home.openCases()
            print(try store.repairLog())
            if store.role == .coordinator {
                print(try store.repairAccessLog())
            } else if store.unlockReport.accessLogProblem != nil {
                print("The access log does not verify: a coordinator repairs it with `waymark log repair`.")
            }
        }
    }

    /// Verifies the log.
    struct Verify: HomeCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Re-walk the hand-off log's chain and its head, and check every record against it; name the first that does not match.",
            discussion: """
                Exit 0 when it verifies (an empty log does), 5 when it does not, 4 for a wrong passphrase.

                Example: waymark log verify
                """)

        @OptionGroup var home: HomeOptions
        @ParentCommand var root: Waymark

        func run() throws {
            let home = try openHome()
            switch CaseStore.presence(in: home.url) {
            case .logRemoved:
                Output.error("waymark log verify: cases.sqlite is missing but the log's head file records entries: the log was removed.")
                throw ExitCode(5)
            case .absent:
                print("The hand-off log is empty: it verifies.")
                return
            case .present:
                break
            }
            let store = try home.openCases()
            let result = try store.verifyLog()
            if let problem = result.problem {
                Output.error("The hand-off log does NOT verify: \(problem). \(result.entries) entries before it match.")
                Output.error("Keep a copy of the home folder as it is, and tell your coordinator.")
                throw ExitCode(5)
            }
            print("The hand-off log verifies: \(result.entries) \(result.entries == 1 ? "entry" : "entries"), chain and head intact; "
                + "every case, consent, step and referral matches it.")
            let access = try store.verifyAccessLog()
            if let problem = access.problem {
                Output.error("The access log does NOT verify: \(problem). \(access.entries) entries before it match.")
                Output.error("Keep a copy of the home folder as it is, and tell your coordinator.")
                throw ExitCode(5)
            }
            print("The access log verifies: \(access.entries) \(access.entries == 1 ? "entry" : "entries"), chain and head intact.")
        }
    }
}
