import Foundation
import Testing
import TestSupport

/// `waymark report` in its four formats, as a process: the NRM figures by sex and age band.
@Suite("The coordinator's report, as a process")
struct ReportCommandTests {
    static let figures = ["cases_by_stage", "median_days_to_reasonable_grounds", "median_days_to_conclusive_grounds",
                          "recovery_periods_ended_without_decision", "referrals_by_outcome", "declines_by_reason",
                          "median_hours_decline_to_replacement", "unmet_needs", "conditional_needs"]

    /// A home with one woman of 27 whose referral was declined for no capacity and replaced, and a
    /// man of 35 first contacted 40 days ago, with reasonable grounds 35 days ago (his 30-day
    /// recovery period has ended, with no conclusive decision) and a need nobody could meet.
    func home() throws -> (CaseworkCLI, woman: String, man: String) {
        let cli = CaseworkCLI()
        let (woman, referral) = try cli.readyReferral()
        try cli.ok(["referral", "handoff", referral])
        try cli.ok(["referral", "update", referral, "declined", "--reason", "no-capacity"])
        try cli.ok(["referral", "create", woman, "--service", SampleService.legalAdvice, "--need", "legal", "--replaces", referral])
        let man = try cli.json(["case", "open", "--area", "XA0401", "--sex", "male", "--age", "35",
                                "--first-contact", CaseworkDecisionCommandTests.day(40) + "T09:00"])["case_code"] as? String ?? ""
        try cli.ok(["case", "decision", man, "reasonable-grounds", "positive", "--by", "Insp. Radu Ionescu",
                    "--authority-type", "police", "--on", CaseworkDecisionCommandTests.day(35)])
        try cli.ok(["route", "--case", man, "--need", "shelter"])
        return (cli, woman, man)
    }

    @Test("--json (and --format json): every NRM figure with its cells by sex and age band, small counts as <5, medians of fewer than 5 null")
    func json() throws {
        let (cli, _, _) = try home()
        let report = try cli.json(["report"])
        for key in Self.figures {
            let figure = report[key] as? [String: Any]
            #expect(figure?["by_sex_and_age_band"] is [String: Any], "\(key): \(String(describing: figure))")
        }
        let stages = try #require(report["cases_by_stage"] as? [String: Any])
        #expect(stages["first-contact"] as? String == "<5" && stages["reasonable-grounds"] as? String == "<5")
        let stageCells = try #require(stages["by_sex_and_age_band"] as? [String: Any])
        #expect((stageCells["male / 25-39"] as? [String: Any])?["reasonable-grounds"] as? String == "<5", "\(stageCells)")
        #expect((stageCells["female / 25-39"] as? [String: Any])?["first-contact"] as? String == "<5", "\(stageCells)")
        let ended = try #require(report["recovery_periods_ended_without_decision"] as? [String: Any])
        #expect(ended["total"] as? String == "<5")
        #expect((ended["by_sex_and_age_band"] as? [String: Any])?["male / 25-39"] as? String == "<5")
        let declines = try #require(report["declines_by_reason"] as? [String: Any])
        #expect(declines["no-capacity"] as? String == "<5")
        let toReasonable = try #require(report["median_days_to_reasonable_grounds"] as? [String: Any])
        #expect(toReasonable["total"] is NSNull)
        #expect((toReasonable["by_sex_and_age_band"] as? [String: Any])?["male / 25-39"] is NSNull)
        let replaced = try #require(report["median_hours_decline_to_replacement"] as? [String: Any])
        #expect(replaced["total"] is NSNull)
        // The needs keep their counts by code, as before, beside the cells.
        let unmet = try #require(report["unmet_needs"] as? [String: Any])
        #expect(unmet["shelter"] as? String == "<5")
        #expect(((unmet["by_sex_and_age_band"] as? [String: Any])?["male / 25-39"] as? [String: Any])?["shelter"] as? String == "<5")
        // The same document (but for as_of, the moment each run was made).
        let same = try cli.ok(["report", "--format", "json"])
        var again = try #require(try JSONSerialization.jsonObject(with: Data(same.utf8)) as? [String: Any])
        var first = report
        again["as_of"] = nil
        first["as_of"] = nil
        #expect(again as NSDictionary == first as NSDictionary)
    }

    @Test("--format csv: one row per figure and cell under the header figure,category,sex,age_band,value")
    func csv() throws {
        let (cli, _, _) = try home()
        let out = try cli.ok(["report", "--format", "csv"])
        let rows = out.split(separator: "\n").map(String.init)
        #expect(rows.first == "figure,category,sex,age_band,value")
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 5 }, "\(out)")
        for row in ["cases_opened,,all,all,<5", "cases_by_stage,reasonable-grounds,all,all,<5", "cases_by_stage,reasonable-grounds,male,25-39,<5",
                    "cases_by_stage,first-contact,female,25-39,<5", "recovery_periods_ended_without_decision,,all,all,<5",
                    "recovery_periods_ended_without_decision,,male,25-39,<5", "declines_by_reason,no-capacity,female,25-39,<5",
                    "median_days_to_reasonable_grounds,,all,all,", "median_days_to_reasonable_grounds,,male,25-39,",
                    "median_hours_decline_to_replacement,,female,25-39,", "unmet_needs,shelter,male,25-39,<5"] {
            #expect(rows.contains(row), "no row \(row) in:\n\(out)")
        }
        for figure in Self.figures where figure != "referrals_by_outcome" && figure != "conditional_needs" {
            #expect(rows.contains { $0.hasPrefix(figure + ",") }, "no row for \(figure)")
        }
    }

    @Test("--format summary: one page of at most 80 columns, in words")
    func summary() throws {
        let (cli, _, _) = try home()
        let out = try cli.ok(["report", "--format", "summary"])
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 60 && lines.allSatisfy { $0.count <= 80 }, "\(out)")
        for text in ["Referrals and the NRM — all records", "Where the cases opened stand in the NRM", "Reasonable-grounds decision made",
                     "Recovery periods that ended with no conclusive decision", "Why referrals were declined", "No place or capacity",
                     "Needs no service could meet (people)", "  Shelter ", "male / 25-39", "female / 25-39"] {
            #expect(out.contains(text), "no \(text) in:\n\(out)")
        }
        #expect(!out.contains("no-capacity"), "a label, not the code")
    }

    @Test("A format it does not know, or two formats, is a usage error (exit 64) naming the formats")
    func badFormat() throws {
        let cli = CaseworkCLI()
        try cli.ok(["operator", "set", "--name", "A", "--organization", "B"])
        let unknown = try cli.run(["report", "--format", "pdf"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("'pdf'") && unknown.stderr.contains("'summary'"), "\(unknown.stderr)")
        let both = try cli.run(["report", "--json", "--format", "csv"])
        #expect(both.status == 64 && both.stderr.contains("give one"), "\(both.stderr)")
        #expect(unknown.stdout.isEmpty && both.stdout.isEmpty)
    }

    @Test("Text, the default, keeps its sections and adds the NRM figures")
    func text() throws {
        let (cli, _, _) = try home()
        let out = try cli.ok(["report"])
        for text in ["By status", "Needs nobody could meet", "Cases opened, by NRM stage", "male / 25-39 / reasonable-grounds",
                     "Recovery periods that ended with no conclusive decision", "Declined referrals, by reason",
                     "Median time, first contact → reasonable grounds: fewer than 5, not shown"] {
            #expect(out.contains(text), "no \(text) in:\n\(out)")
        }
    }
}
