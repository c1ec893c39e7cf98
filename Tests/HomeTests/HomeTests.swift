import Casework
import Directory
import Foundation
@testable import Home
import Testing
import TestSupport

@Suite("A home opens its case store under one passphrase rule, whichever way the passphrase came")
struct HomeTests {
    let folder = TemporaryHome.url("waymark-home")

    /// A home whose new case store uses a cheap key (debug builds), with `passphrase` in `$WAYMARK_PASSPHRASE` when given.
    func home(passphrase: String? = nil) -> Home {
        var environment = ["WAYMARK_TEST_SCRYPT_LOG2N": "4"]
        environment["WAYMARK_PASSPHRASE"] = passphrase
        return Home(WaymarkHome(url: folder), environment: environment)
    }

    var casesFile: String { CaseStore.file(in: folder).path }

    /// A prompt that answers from a script and records what it was asked.
    struct Prompt: Sendable {
        private let state: LockBox<(answers: [String], asked: [String])>
        init(_ answers: [String]) { state = LockBox((answers, [])) }
        /// The questions asked so far, in order.
        var asked: [String] { state.value.asked }
        func ask(_ question: String) -> String? {
            state.withLock { state in
                state.asked.append(question)
                return state.answers.isEmpty ? nil : state.answers.removeFirst()
            }
        }
    }

    @Test("A new store's passphrase needs 8 characters, given directly (the UI's way): nothing is created")
    func shortDirect() throws {
        #expect(throws: CaseworkError.passphraseTooShort(minimum: PassphraseRule.minimumLength)) {
            try home().openCases(passphrase: "short")
        }
        #expect(!FileManager.default.fileExists(atPath: casesFile))
    }

    @Test("A short $WAYMARK_PASSPHRASE creates nothing and asks nothing; a long one is used without asking")
    func environment() throws {
        let prompt = Prompt(["a long typed passphrase", "a long typed passphrase"])
        #expect(throws: HomeError.environmentPassphraseTooShort(PassphraseRule.problem("short") ?? "")) {
            try home(passphrase: "short").openCases(asking: prompt.ask)
        }
        #expect(!FileManager.default.fileExists(atPath: casesFile))
        _ = try home(passphrase: "a long passphrase").openCases(asking: prompt.ask)
        #expect(prompt.asked.isEmpty)
        #expect(FileManager.default.fileExists(atPath: casesFile))
    }

    @Test("At the prompt a new passphrase is asked twice and must match; an existing store asks once")
    func prompt() throws {
        let differ = Prompt(["a long typed passphrase", "another one entirely"])
        #expect(throws: HomeError.passphrasesDiffer) { try home().openCases(asking: differ.ask) }
        #expect(differ.asked.count == 2)
        let short = Prompt(["short", "short"])
        #expect(throws: CaseworkError.passphraseTooShort(minimum: PassphraseRule.minimumLength)) { try home().openCases(asking: short.ask) }
        #expect(short.asked.count == 1, "refused before it is asked again")
        #expect(!FileManager.default.fileExists(atPath: casesFile))

        let twice = Prompt(["a long typed passphrase", "a long typed passphrase"])
        _ = try home().openCases(asking: twice.ask)
        #expect(twice.asked.count == 2)
        let once = Prompt(["a long typed passphrase"])
        _ = try home().openCases(asking: once.ask)
        #expect(once.asked == ["Passphrase: "])
    }

    @Test("No passphrase in the environment and no terminal: an error that says how to give one")
    func nobodyToAsk() {
        #expect(throws: HomeError.noPassphrase) { try home().openCases(asking: { _ in nil }) }
    }

    @Test("Changing the passphrase at the prompt: the current one, then the new one twice; the same one again is refused")
    func change() throws {
        _ = try home(passphrase: "the first passphrase").openCases(asking: { _ in nil })
        let same = Prompt(["the first passphrase", "the first passphrase", "the first passphrase"])
        #expect(throws: HomeError.samePassphrase) { try home().changePassphrase(asking: same.ask) }
        let short = Prompt(["the first passphrase", "short"])
        #expect(throws: CaseworkError.passphraseTooShort(minimum: PassphraseRule.minimumLength)) { try home().changePassphrase(asking: short.ask) }
        let changed = Prompt(["the first passphrase", "the second passphrase", "the second passphrase"])
        try home().changePassphrase(asking: changed.ask)
        #expect(changed.asked == ["Current passphrase: ", "New passphrase: ", "Type it again: "])
        #expect(throws: CaseworkError.wrongPassphrase) { try home().openCases(passphrase: "the first passphrase") }
        _ = try home().openCases(passphrase: "the second passphrase")
    }
}

@Suite("The stale limit read at the directory's opening")
struct StaleLimitReadTests {
    @Test("A plain stale_after_days line is read as it is; any other form is left to the procedure loader",
          arguments: [("stale_after_days: 90\n", 90), ("name: x\nstale_after_days: 45   # a comment\n", 45), ("stale_after_days: '90'\n", nil),
                      ("stale_after_days: 0\n", nil), ("stale_after_days: 731\n", nil), ("# stale_after_days: 5\n", nil), ("name: x\n", nil)]
                     as [(String, Int?)])
    func plainLine(text: String, days: Int?) {
        #expect(Home.plainStaleAfterDays(text) == days)
    }
}
