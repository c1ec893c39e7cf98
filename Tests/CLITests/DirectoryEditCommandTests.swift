import Directory
import Foundation
import Testing
import TestSupport

/// `waymark service`, `organization`, `stale`, `changes` and `undo`, run as processes on the small fixture.
@Suite("Keeping the directory current, as processes")
struct DirectoryEditCommandTests {
    static let girls = PackageFixture.id("svc-girls")
    static let legal = PackageFixture.id("svc-legal")

    /// A home holding the small fixture, with an operator unless `withOperator` is false.
    func home(withOperator: Bool = true) throws -> URL {
        let home = WaymarkProcess.newHome()
        let imported = try WaymarkProcess.run(["--home", home.path, "import", try PackageFixture.small().write().path])
        #expect(imported.status == 0, "\(imported.stdout)")
        if withOperator {
            let set = try WaymarkProcess.run(["--home", home.path, "operator", "set", "--name", "Ana", "--organization", "Linia Verde",
                                              "--email", "ana@example.org"])
            #expect(set.status == 0, "\(set.stderr)")
        }
        return home
    }

    func run(_ home: URL, _ arguments: [String]) throws -> WaymarkProcess.Outcome {
        try WaymarkProcess.run(["--home", home.path] + arguments)
    }

    func json(_ outcome: WaymarkProcess.Outcome) throws -> Any {
        try JSONSerialization.jsonObject(with: outcome.stdoutData)
    }

    func directoryBytes(_ home: URL) throws -> Data {
        try Data(contentsOf: home.appendingPathComponent("directory.sqlite"))
    }

    @Test("service edit changes the facts, prints one JSON receipt, and service show lists the change")
    func editAndShow() throws {
        let home = try home()
        let edit = try run(home, ["service", "edit", Self.girls, "--capacity-available", "3", "--hours", "MO-FR 09:00-17:00",
                                  "--phone", "+999 1", "--phone", "+999 2", "--sex", "any", "--note", "called", "--json"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let receipt = try #require(try json(edit) as? [String: Any])
        #expect(receipt["sequence"] as? Int == 1)
        let show = try run(home, ["service", "show", Self.girls, "--json"])
        #expect(show.status == 0)
        let record = try #require(try json(show) as? [String: Any])
        #expect(record["name"] as? String == "Girls' Shelter")
        #expect(record["phones"] as? [String] == ["+999 1", "+999 2"])
        #expect(record["sex"] as? [String] == [])
        #expect(record["schedules"] as? [String] == ["MO,TU,WE,TH,FR 09:00-17:00"])
        #expect((record["service_capacities"] as? [[String: Any]])?.first?["available"] as? Double == 3)
        #expect(record["verification"] is [String: Any])
        #expect(record["minimum_age"] is NSNull && record["maximum_age"] as? Double == 17)  // every key, a missing value null
        let last = try #require(record["last_changes"] as? [[String: Any]])
        #expect(last.last?["field_name"] as? String == "note" && last.last?["replacement_value"] as? String == "called")
        let changes = try #require(try json(try run(home, ["changes", "--service", Self.girls, "--json"])) as? [[String: Any]])
        #expect(changes.contains { $0["field_name"] as? String == "available" && $0["replacement_value"] as? String == "3" })
        let text = try run(home, ["service", "show", Self.girls])
        #expect(text.stdout.contains("phones: +999 1, +999 2") && text.stdout.contains("last changes:"))
    }

    @Test("Bad input exits 1 naming the field and the rule, and leaves directory.sqlite byte for byte", arguments: [
        ["service", "edit", girls, "--min-age", "20", "--max-age", "10"],
        ["service", "edit", girls, "--capacity-available", "9"],
        ["service", "edit", girls, "--capacity-available", "lots"],
        ["service", "edit", girls, "--hours", "MO-FR 9am-5pm"],
        ["service", "edit", girls, "--add-type", "shelter.boats"],
        ["service", "edit", girls, "--add-condition", "no-cats"],
        ["service", "edit", girls, "--status", "closed"],
        ["service", "edit", girls],
        ["service", "edit", "no-such-service", "--name", "X"],
        ["service", "add", "--organization", PackageFixture.id("org-hope"), "--name", "N", "--type", "shelter", "--area", "XZ99"],
        ["service", "add", "--organization", PackageFixture.id("org-hope"), "--name", "N", "--type", "boats", "--area", "XA01"],
        ["service", "verify", girls, "--method", "fax"],
        ["organization", "add", "--name", " "],
        ["organization", "edit", PackageFixture.id("org-hope")],
        ["stale", "--older-than", "soon"],
        ["stale", "--area", "XZ99"],
        ["changes", "--since", "last week"],
        ["undo"],
    ])
    func badInput(arguments: [String]) throws {
        let home = try home()
        let before = try directoryBytes(home)
        let outcome = try run(home, arguments)
        #expect(outcome.status == 1, "\(outcome.stdout)")
        #expect(outcome.stderr.hasPrefix("waymark: "), "\(outcome.stderr)")
        #expect(try directoryBytes(home) == before)
    }

    @Test("service edit's organization, exploitation, areas, unit and location options refuse bad input naming the field, writing nothing",
          arguments: [
        (["--organization", "no-such-organization"], "organization_id"),
        (["--add-exploitation", "piracy"], "exploitation"),
        (["--remove-exploitation", "labour"], "exploitation"),
        (["--covers", "XA01", "--covers", "XZ99"], "service_area"),
        (["--covers", "XA01", "--no-covers"], "service_area"),
        (["--capacity-unit", " "], "capacity_unit"),
        (["--location-name", " "], "location_name"),
        (["--location", "no-such-location", "--address", "1 Main Street"], "location"),
        (["--confidential", "maybe"], "confidential"),
    ])
    func badLocationInput(options: [String], field: String) throws {
        let home = try home()
        let before = try directoryBytes(home)
        let outcome = try run(home, ["service", "edit", Self.girls] + options)
        #expect(outcome.status == 1, "\(outcome.stdout)")
        #expect(outcome.stderr.hasPrefix("waymark: \(field): ") && outcome.stderr.contains("nothing was changed"), "\(outcome.stderr)")
        #expect(try directoryBytes(home) == before)
    }

    @Test("service edit moves a service, sets exploitation types, areas covered, the unit and the location; show prints them, the address withheld")
    func editLocation() throws {
        let home = try home()
        let edit = try run(home, ["service", "edit", Self.girls, "--organization", PackageFixture.id("org-police"),
                                  "--add-exploitation", "sexual", "--covers", "XA01", "--covers", "XA02", "--capacity-unit", "Place",
                                  "--location-name", "Harbour house", "--address", "9 New Street", "--confidential", "yes"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let record = try #require(try json(try run(home, ["service", "show", Self.girls, "--json"])) as? [String: Any])
        #expect(record["organization_name"] as? String == "State Victim Unit")
        #expect(record["exploitation"] as? [String] == ["sexual"])
        #expect(record["service_areas"] as? [String] == ["XA01", "XA02"])
        #expect((record["service_capacities"] as? [[String: Any]])?.first?["unit"] as? String == "Place")
        let place = try #require((record["locations"] as? [[String: Any]])?.first)
        #expect(place["name"] as? String == "Harbour house" && place["confidential"] as? Bool == true && place["address"] is NSNull)
        let open = try run(home, ["service", "edit", Self.legal, "--address", "3 Open Road", "--confidential", "no"])
        #expect(open.status == 0, "\(open.stderr)")
        let legal = try #require(try json(try run(home, ["service", "show", Self.legal, "--json"])) as? [String: Any])
        #expect((legal["locations"] as? [[String: Any]])?.first?["address"] as? String == "3 Open Road")
    }

    @Test("A process killed inside an edit's transaction leaves the old values, the history and the journal as they were")
    func killedMidEdit() throws {
        let home = try home()
        let before = try directoryBytes(home)
        for arguments in [["service", "edit", Self.girls, "--name", "Killed", "--capacity-available", "1"],
                          ["service", "verify", Self.girls, "--method", "phone"]] {
            let killed = try WaymarkProcess.run(["--home", home.path] + arguments, environment: ["WAYMARK_TEST_KILL_AT": "directory-edit"])
            #expect(killed.status != 0)
            let show = try #require(try json(try run(home, ["service", "show", Self.girls, "--json"])) as? [String: Any])
            #expect(show["name"] as? String == "Girls' Shelter")
            #expect((show["last_changes"] as? [Any])?.isEmpty == true)
        }
        #expect(try directoryBytes(home) == before)
        // The next edit works as usual.
        #expect(try run(home, ["service", "edit", Self.girls, "--name", "Girls' Shelter North"]).status == 0)
    }

    @Test("The field and the rule are named: min-age above max-age, free places above the maximum, a time that is not a time")
    func refusalsNameTheRule() throws {
        let home = try home()
        let ages = try run(home, ["service", "edit", Self.girls, "--min-age", "20", "--max-age", "10"])
        #expect(ages.stderr.contains("minimum_age: minimum_age 20 is above maximum_age 10"))
        let places = try run(home, ["service", "edit", Self.girls, "--capacity-available", "9"])
        #expect(places.stderr.contains("capacity_available: available 9 is above maximum 8"))
        let time = try run(home, ["service", "edit", Self.girls, "--hours", "MO 09:00-24:30"])
        #expect(time.stderr.contains("hours: '24:30' is not a time"))
    }

    @Test("Without an operator, every change is refused with how to set one, and nothing is written")
    func needsOperator() throws {
        let home = try home(withOperator: false)
        let before = try directoryBytes(home)
        for arguments in [["service", "edit", Self.girls, "--name", "X"], ["service", "verify", Self.girls, "--method", "phone"],
                          ["organization", "add", "--name", "X"], ["undo"]] {
            let outcome = try run(home, arguments)
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("waymark account edit --name NAME --organization ORG"))
        }
        #expect(try directoryBytes(home) == before)
    }

    @Test("organization add and service add print their new ids; search finds the new service")
    func add() throws {
        let home = try home()
        let org = try run(home, ["organization", "add", "--name", "Casa Nouă", "--description", "A new shelter", "--json"])
        #expect(org.status == 0, "\(org.stderr)")
        let orgID = try #require((try json(org) as? [String: String])?["organization_id"])
        #expect(UUID(uuidString: orgID) != nil)
        let service = try run(home, ["service", "add", "--organization", orgID, "--name", "Casa Nouă night shelter",
                                     "--type", "shelter.emergency", "--area", "XA0102", "--covers", "XA01", "--sex", "male", "--json"])
        #expect(service.status == 0, "\(service.stderr)")
        let serviceID = try #require((try json(service) as? [String: String])?["service_id"])
        let search = try run(home, ["search", "Nouă", "--json"])
        #expect(search.stdout.contains(serviceID))
        let edit = try run(home, ["organization", "edit", orgID, "--name", "Casa Speranței"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(try run(home, ["search", "Speranței", "--json"]).stdout.contains(serviceID))
    }

    @Test("service verify sets the date and the operator's e-mail; stale lists the others oldest first; changes lists it all")
    func verifyStaleChanges() throws {
        let home = try home()
        let verify = try run(home, ["service", "verify", Self.girls, "--method", "phone", "--note", "spoke to the manager"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let show = try #require(try json(try run(home, ["service", "show", Self.girls, "--json"])) as? [String: Any])
        #expect(show["assurer_email"] as? String == "ana@example.org")
        let verification = try #require(show["verification"] as? [String: Any])
        #expect(verification["method"] as? String == "phone" && verification["note"] as? String == "spoke to the manager")
        let stale = try run(home, ["stale", "--older-than", "0", "--json"])
        #expect(stale.status == 0)
        let queue = try #require(try json(stale) as? [[String: Any]])
        #expect(!queue.isEmpty && !queue.contains { $0["service_id"] as? String == Self.girls })
        let first = try #require(queue.first)
        #expect(Set(first.keys) == ["service_id", "name", "assured_date", "days_since", "phones", "changes_since"])
        let days = queue.compactMap { $0["days_since"] as? Int }
        #expect(days == days.sorted(by: >))
        let changes = try #require(try json(try run(home, ["changes", "--service", Self.girls, "--json"])) as? [[String: Any]])
        #expect(changes.count == 4)
        for key in ["id", "resource_id", "resource_type", "last_action_date", "last_action_type", "field_name", "previous_value",
                    "replacement_value", "updated_by", "changed_at"] {
            #expect(changes.allSatisfy { $0[key] != nil }, "\(key)")
        }
        #expect(try run(home, ["changes", "--since", "2099-01-01", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
    }

    @Test("undo reverts the last change and refuses when nothing is left; a replacing import refuses local changes")
    func undoAndImport() throws {
        let home = try home()
        #expect(try run(home, ["service", "edit", Self.legal, "--name", "Legal counsel"]).status == 0)
        #expect(try run(home, ["service", "edit", Self.legal, "--status", "temporarily-closed"]).status == 0)
        #expect(try run(home, ["undo"]).status == 0)
        let show = try #require(try json(try run(home, ["service", "show", Self.legal, "--json"])) as? [String: Any])
        #expect(show["status"] as? String == "active" && show["name"] as? String == "Legal counsel")
        let package = try PackageFixture.small().write()
        let before = try directoryBytes(home)
        let refused = try run(home, ["import", package.path])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("--merge") && refused.stdout.contains("--discard-local-changes"))
        #expect(refused.stdout.contains("service.name"))
        #expect(try directoryBytes(home) == before)
        let discarded = try run(home, ["import", package.path, "--discard-local-changes"])
        #expect(discarded.status == 0, "\(discarded.stdout)")
        let after = try #require(try json(try run(home, ["service", "show", Self.legal, "--json"])) as? [String: Any])
        #expect(after["name"] as? String == "Legal aid clinic")
    }

    @Test("An export with --include-confidential after edits, imported into a new home: the same directory and history")
    func roundTrip() throws {
        let home = try home()
        #expect(try run(home, ["service", "edit", Self.girls, "--capacity-available", "2", "--language", "ro"]).status == 0)
        #expect(try run(home, ["service", "verify", Self.legal, "--method", "visit"]).status == 0)
        let folder = TemporaryHome.url("waymark-export")
        #expect(try run(home, ["export", folder.path, "--include-confidential"]).status == 0)
        let csv = try String(contentsOf: folder.appendingPathComponent("waymark_changes.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("metadata_id,changed_at,sequence,bundle_id\n"))
        let copy = WaymarkProcess.newHome()
        #expect(try WaymarkProcess.run(["--home", copy.path, "import", folder.path]).status == 0)
        #expect(try run(copy, ["changes", "--json"]).stdout == run(home, ["changes", "--json"]).stdout)
        for id in [Self.girls, Self.legal] {
            #expect(try run(copy, ["service", "show", id, "--json"]).stdout == run(home, ["service", "show", id, "--json"]).stdout)
        }
    }
}

/// The SOP file's `stale_after_days` is the one limit: `waymark stale`, search's stale flag and routing's.
@Suite("The stale limit comes from the SOP file")
struct StaleLimitCommandTests {
    @Test("A home's sop/default.yaml with stale_after_days sets the queue's limit and search's stale flag; a malformed one is reported and the default kept")
    func staleAfterDaysFromSOP() throws {
        // The girls' shelter verified 100 days ago (counted from today): fresh under the default 180 days, stale under 60.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: -100, to: Date()) ?? Date())
        let verified = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        var fixture = PackageFixture.small()
        let index = try #require(fixture.rows["service"]?.firstIndex { $0["id"] == DirectoryEditCommandTests.girls })
        fixture.rows["service"]?[index]["assured_date"] = verified
        let home = WaymarkProcess.newHome()
        let edits = DirectoryEditCommandTests()
        #expect(try edits.run(home, ["import", try fixture.write().path]).status == 0)
        func queued() throws -> Bool {
            let queue = try #require(try edits.json(try edits.run(home, ["stale", "--json"])) as? [[String: Any]])
            return queue.contains { $0["service_id"] as? String == DirectoryEditCommandTests.girls }
        }
        func flagged() throws -> Bool? {
            let found = try #require(try edits.json(try edits.run(home, ["search", "Girls", "--json"])) as? [String: Any])
            return (found["results"] as? [[String: Any]])?.first?["stale"] as? Bool
        }
        #expect(try !queued() && flagged() == false, "100 days is within the default 180")

        let folder = home.appendingPathComponent("sop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bundled = try String(contentsOf: HomeProcedureTests.bundledSOP.appendingPathComponent("default.yaml"), encoding: .utf8)
        #expect(bundled.contains("stale_after_days: 180"))
        func write(_ line: String) throws {
            try bundled.replacingOccurrences(of: "stale_after_days: 180", with: line)
                .write(to: folder.appendingPathComponent("default.yaml"), atomically: true, encoding: .utf8)
        }
        try write("stale_after_days: 60")
        #expect(try queued() && flagged() == true, "stale after the home's 60 days")
        #expect(try edits.run(home, ["stale"]).stdout.contains("older than 60 days"))

        try write("stale_after_days: soon")
        let malformed = try edits.run(home, ["stale", "--json"])
        #expect(malformed.status == 0 && malformed.stderr.contains("stale_after_days") && malformed.stderr.contains("default 180 days"),
                "\(malformed.stderr)")
        #expect(try !queued(), "the default again")
        try write("stale_after_days: 99999")
        #expect(try edits.run(home, ["stale"]).stderr.contains("at most 730"), "a limit that would never flag anything is refused")
    }
}
