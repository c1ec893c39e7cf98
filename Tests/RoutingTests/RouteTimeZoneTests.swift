import Directory
import Foundation
import Routing
import Testing

@Suite("Routing judges opening hours in the local time of the person's area")
struct RouteTimeZoneTests {
    /// A shelter open 09:00–17:00 local time on Thursdays, in a district of `zone`.
    func snapshot(zone: String?) -> DirectorySnapshot {
        let areas = ["XA": DirectorySnapshot.Area(pcode: "XA", name: "Xa", parent: nil, country: "XA", level: 0, latitude: nil, longitude: nil,
                                                  population: nil, timezone: zone),
                     "XA0101": DirectorySnapshot.Area(pcode: "XA0101", name: "District", parent: "XA", country: "XA", level: 1, latitude: nil,
                                                      longitude: nil, population: nil, timezone: zone)]
        let shelter = DirectorySnapshot.Entry(
            serviceId: "day-shelter", serviceName: "Day shelter", organizationId: "o", organizationName: "Org", locationId: "l", area: "XA0101",
            isVirtual: true, status: "active", serviceTypes: ["shelter"], sex: [], exploitation: [], conditions: [], minimumAge: nil,
            maximumAge: nil, hours: WeeklyHours(code: "4:540-1020"), timezone: zone ?? "UTC", available: nil, assuredDate: "2026-01-01",
            coverage: [], languages: [], offersInterpretation: false)
        return DirectorySnapshot(entries: [shelter], areas: areas, links: [])
    }

    /// Thursday 15 January 2026, 06:00 UTC: 13:00 in Bangkok, still night in the UTC area.
    let instant = Date(timeIntervalSince1970: 1_768_456_800)
    let person = ClientProfile(area: "XA0101", sex: "female", age: .exact(30))

    func openAtTime(zone: String?) -> Bool? {
        let route = Router(snapshot(zone: zone), staleBefore: "2025-01-01").route(person, needs: [Need("shelter", priority: .normal)], at: instant)
        return route.needs.first?.candidates.first?.openAtTime
    }

    @Test("One instant: open in an area at UTC+7, closed in an area with no stated zone (UTC)")
    func sameInstantTwoZones() {
        #expect(openAtTime(zone: "Asia/Bangkok") == true)
        #expect(openAtTime(zone: nil) == false)
    }

    @Test("The router names the zone an area has (the directory resolves inheritance), UTC when none is stated")
    func timeZoneOfArea() {
        #expect(Router(snapshot(zone: "Asia/Bangkok"), staleBefore: "2025-01-01").timeZone(of: "XA0101").identifier == "Asia/Bangkok")
        #expect(Router(snapshot(zone: nil), staleBefore: "2025-01-01").timeZone(of: "XA0101").secondsFromGMT(for: instant) == 0)
    }
}
