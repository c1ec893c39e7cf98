import Routing
import Testing

@Suite("Needs on one line, as the command line writes them")
struct NeedListTests {
    @Test("Codes with optional priorities, in order; spaces and an ending comma are fine")
    func parses() throws {
        #expect(try NeedList.parse("shelter.emergency:emergency, health:urgent, legal.aid")
                == [Need("shelter.emergency", priority: .emergency), Need("health", priority: .urgent), Need("legal.aid")])
        #expect(try NeedList.parse(" Shelter : URGENT ,") == [Need("shelter", priority: .urgent)])
    }

    @Test("What is written reads back as the same needs")
    func roundTrip() throws {
        let needs = [Need("shelter.emergency", priority: .emergency), Need("legal.aid"), Need("health", priority: .urgent)]
        #expect(NeedList.format(needs) == "shelter.emergency:emergency, legal.aid, health:urgent")
        #expect(try NeedList.parse(NeedList.format(needs)) == needs)
    }

    @Test("Each mistake is refused with what to write instead", arguments: [
        ("", "type at least one need"),
        (" , ", "type at least one need"),
        ("castle", "'castle' is not a service type"),
        ("aid", "did you mean legal.aid"),
        ("shelter:soon", "'soon' after shelter is not a priority"),
        ("shelter, shelter:urgent", "shelter is listed twice"),
    ])
    func refuses(line: String, reason: String) {
        do {
            let needs = try NeedList.parse(line)
            Issue.record("'\(line)' was read as \(needs)")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }
}
