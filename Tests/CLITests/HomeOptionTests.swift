import Foundation
import Testing

@Suite("--home before or after the subcommand names one home; two different ones are a usage error")
struct HomeOptionTests {
    /// A folder that holds one new home per test, and the process environment that keeps case data cheap to open.
    let folder = WaymarkProcess.newHome()
    let environment: [String: String?] = ["WAYMARK_PASSPHRASE": "a long test passphrase", "WAYMARK_TEST_SCRYPT_LOG2N": "4"]

    func exists(_ name: String, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).appendingPathComponent(file).path)
    }

    @Test("waymark --home A search and waymark search --home B each open the home named, and nothing else")
    func beforeAndAfter() throws {
        let before = try WaymarkProcess.run(["--home", folder.appendingPathComponent("A").path, "search", "shelter"], environment: environment)
        #expect(before.status == 0, "\(before.stderr)")
        let after = try WaymarkProcess.run(["search", "shelter", "--home", folder.appendingPathComponent("B").path], environment: environment)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(exists("A", "directory.sqlite") && exists("B", "directory.sqlite"))
        let made = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(made == ["A", "B"])
    }

    @Test("waymark case open --home A … opens A's case store")
    func nestedSubcommand() throws {
        let home = folder.appendingPathComponent("A").path
        let named = try WaymarkProcess.run(["operator", "set", "--name", "A", "--organization", "B", "--home", home], environment: environment)
        #expect(named.status == 0, "\(named.stderr)")
        let opened = try WaymarkProcess.run(["case", "open", "--home", home, "--area", "XA0101", "--sex", "female", "--age", "30"],
                                            environment: environment)
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(exists("A", "cases.sqlite"))
        let again = try WaymarkProcess.run(["--home", home, "case", "open", "--area", "XA0101", "--home", home], environment: environment)
        #expect(again.status == 0, "the same folder twice is one home: \(again.stderr)")
    }

    @Test("Two different --home values exit 64 and touch neither folder",
          arguments: [["--home", "A", "search", "--home", "B"], ["search", "--home", "A", "--home", "B"],
                      ["--home", "A", "case", "open", "--area", "XA0101", "--home", "B"]])
    func twoHomes(_ arguments: [String]) throws {
        let named = arguments.map { $0 == "A" || $0 == "B" ? folder.appendingPathComponent($0).path : $0 }
        let outcome = try WaymarkProcess.run(named, environment: environment)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("--home"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("waymark --help lists what a user runs: no benchmarks, no sample generator")
    func helpListsUserCommands() throws {
        let help = try WaymarkProcess.run(["--help"])
        #expect(help.status == 0)
        let listed = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let commands = Set(listed.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(commands.isSuperset(of: ["search", "route", "case", "referral", "log"]), "\(commands)")
        #expect(commands.isDisjoint(with: ["bench", "sample"]), "\(commands)")
    }
}
