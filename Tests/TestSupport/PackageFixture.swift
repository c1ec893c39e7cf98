import Directory
import Foundation

/// Builds small HSDS profile packages on disk for tests: the tests' own directory.
///
/// Rows are given as dictionaries; every file gets the official header, so a test states
/// only the values it is about. `write(to:)` produces a folder `waymark import` reads.
public struct PackageFixture {
    /// Rows per resource name.
    public var rows: [String: [[String: String]]] = [:]
    /// Files to write verbatim instead of from rows (for malformed input).
    public var rawFiles: [String: Data] = [:]
    /// Headers to use instead of the official ones, per resource.
    public var headers: [String: [String]] = [:]
    /// The datapackage.json title.
    public var title = "Test directory"

    /// An empty fixture.
    public init() {}

    /// Adds a row.
    public mutating func add(_ resource: String, _ values: [String: String]) {
        rows[resource, default: []].append(values)
    }

    /// Deterministic UUIDs for readable names ("org-a" → the same UUID every time).
    public static func id(_ name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var second: UInt64 = hash ^ 0x5555_5555_5555_5555
        for byte in name.utf8.reversed() { second = (second ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(format: "%016llx%016llx", hash, second)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-8\(String(c[17..<20]))-\(String(c[20..<32]))"
    }

    /// Writes the package into a new temporary folder and returns it.
    public func write() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-fixture-\(UUID().uuidString)")
        try write(to: folder)
        return folder
    }

    /// Writes the package into `folder`.
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor: [String: Any] = ["name": "test", "title": title, "version": "1",
                                         "waymark": ["reference_date": "2026-01-15"]]
        try JSONSerialization.data(withJSONObject: descriptor).write(to: folder.appendingPathComponent("datapackage.json"))
        for resource in HSDSSchema.all {
            let url = folder.appendingPathComponent(resource.path)
            if let raw = rawFiles[resource.path] {
                try raw.write(to: url)
                continue
            }
            let header = headers[resource.name] ?? resource.fields.map(\.name)
            var text = header.map(PackageFixture.quote).joined(separator: ",") + "\n"
            for row in rows[resource.name] ?? [] {
                text += header.map { PackageFixture.quote(row[$0] ?? "") }.joined(separator: ",") + "\n"
            }
            try Data(text.utf8).write(to: url)
        }
    }

    /// RFC 4180 quoting.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension PackageFixture {
    /// A small directory: two regions, four districts, a border, and services that exercise
    /// the search rules (types with children, sex, ages, conditions, hours, status, scripts).
    public static func small() -> PackageFixture {
        var f = PackageFixture()
        f.add("area", ["pcode": "XA", "name": "Testland", "country": "XA", "level": "0", "timezone": "Europe/Istanbul"])
        f.add("area", ["pcode": "XA01", "name": "North", "parent_pcode": "XA", "country": "XA", "level": "1"])
        f.add("area", ["pcode": "XA02", "name": "South", "parent_pcode": "XA", "country": "XA", "level": "1"])
        f.add("area", ["pcode": "XA0101", "name": "Capital", "parent_pcode": "XA01", "country": "XA", "level": "2",
                       "latitude": "45.1", "longitude": "25.1", "population": "900000"])
        f.add("area", ["pcode": "XA0102", "name": "Riverside", "parent_pcode": "XA01", "country": "XA", "level": "2"])
        f.add("area", ["pcode": "XA0201", "name": "Port", "parent_pcode": "XA02", "country": "XA", "level": "2"])
        f.add("area", ["pcode": "XB", "name": "Originland", "country": "XB", "level": "0", "timezone": "Asia/Tbilisi"])
        f.add("area", ["pcode": "XB0101", "name": "Border town", "parent_pcode": "XB", "country": "XB", "level": "2"])
        f.add("travel_link", ["from_pcode": "XA0101", "to_pcode": "XA0102", "minutes": "40", "border_crossing": "false"])
        f.add("travel_link", ["from_pcode": "XA0102", "to_pcode": "XA0201", "minutes": "120", "border_crossing": "false"])
        f.add("travel_link", ["from_pcode": "XA0201", "to_pcode": "XB0101", "minutes": "90", "border_crossing": "true"])

        let taxonomies = ["waymark-service-type": Vocabulary.serviceTypes, "waymark-sex": Vocabulary.sexes,
                          "waymark-exploitation": Vocabulary.exploitationTypes, "waymark-condition": Vocabulary.conditions]
        for (name, codes) in taxonomies.sorted(by: { $0.key < $1.key }) {
            f.add("taxonomy", ["id": id("tx-\(name)"), "name": name, "description": "Waymark \(name)"])
            for code in codes {
                f.add("taxonomy_term", ["id": id("term-\(code)"), "code": code, "name": code, "description": "The \(code) term",
                                        "parent_id": Vocabulary.parent(of: code).map { id("term-\($0)") } ?? "",
                                        "taxonomy": name, "taxonomy_id": id("tx-\(name)")])
            }
        }
        f.add("unit", ["id": id("unit-bed"), "name": "bed"])

        f.organization("org-hope", name: "Fundația Speranța")
        f.organization("org-police", name: "State Victim Unit")
        f.organization("org-thai", name: "มูลนิธิเพื่อนหญิง")
        f.location("loc-hope", org: "org-hope", pcode: "XA0101")
        f.location("loc-secret", org: "org-hope", pcode: "XA0102", confidential: true)
        f.location("loc-port", org: "org-police", pcode: "XA0201")
        f.location("loc-line", org: "org-thai", pcode: "XA0101", virtual: true)

        f.service("svc-girls", org: "org-hope", name: "Girls' Shelter", at: "loc-secret", types: ["shelter.children"],
                  sex: ["female"], ages: ("", "17"), conditions: ["open-24-7", "accepts-unaccompanied-children"])
        f.service("svc-men", org: "org-police", name: "Men's Shelter", at: "loc-port", types: ["shelter.emergency"],
                  sex: ["male"], ages: ("18", ""), conditions: ["requires-police-cooperation"])
        f.service("svc-legal", org: "org-hope", name: "Legal aid clinic", at: "loc-hope", types: ["legal.aid"],
                  hours: ("MO,TU,WE,TH,FR", "09:00", "17:00"), languages: ["ro", "en"])
        f.service("svc-line", org: "org-thai", name: "สายด่วน hotline", at: "loc-line", types: ["hotline"],
                  conditions: ["open-24-7"], languages: ["th"])
        f.service("svc-closed", org: "org-hope", name: "Youth drop-in", at: "loc-hope", types: ["psychosocial"],
                  ages: ("15", "20"), status: "temporarily closed")
        f.add("service_area", ["id": id("sa-line"), "service_id": id("svc-line"), "extent_type": "pcode", "extent": "XA"])
        f.add("service_capacity", ["id": id("cap-girls"), "service_id": id("svc-girls"), "unit_id": id("unit-bed"),
                                   "available": "0", "maximum": "8", "updated": "2026-01-10T09:00:00Z"])
        return f
    }

    /// Adds an organization.
    public mutating func organization(_ key: String, name: String) {
        add("organization", ["id": Self.id(key), "name": name, "description": "\(name) helps people."])
        add("phone", ["id": Self.id("phone-\(key)"), "organization_id": Self.id(key), "number": "+999 21 555 0100"])
    }

    /// The street of every confidential location: it must never be exported unless asked for.
    public static let confidentialStreet = "7 Quiet Courtyard"

    /// Adds a location in a district.
    public mutating func location(_ key: String, org: String, pcode: String, confidential: Bool = false, virtual: Bool = false) {
        add("location", ["id": Self.id(key), "location_type": virtual ? "virtual" : "physical", "organization_id": Self.id(org),
                         "name": "Site \(key)", "latitude": virtual ? "" : "45.2", "longitude": virtual ? "" : "25.2",
                         "transportation": virtual ? "" : "Bus 4 to the end of the line",
                         "external_identifier": pcode, "external_identifier_type": "pcode"])
        if !virtual {
            // A confidential location's street is its own, so a test can look for it in any output.
            add("address", ["id": Self.id("addr-\(key)"), "location_id": Self.id(key), "address_1": confidential ? Self.confidentialStreet : "1 Hidden Lane",
                            "city": "Town", "state_province": "North", "postal_code": "1000", "country": "XA", "address_type": "physical"])
        }
        if confidential {
            add("attribute", ["id": Self.id("flag-\(key)"), "link_id": Self.id(key), "taxonomy_term_id": Self.id("term-confidential-address"),
                              "link_type": "condition", "link_entity": "location"])
        }
    }

    /// Adds a service at one location with its facets.
    public mutating func service(_ key: String, org: String, name: String, at location: String, types: [String],
                                 sex: [String] = [], ages: (String, String) = ("", ""), conditions: [String] = [],
                                 hours: (String, String, String)? = nil, languages: [String] = [],
                                 status: String = "active", assured: String = "2026-01-01") {
        add("service", ["id": Self.id(key), "organization_id": Self.id(org), "name": name, "description": "\(name) description.",
                        "status": status, "minimum_age": ages.0, "maximum_age": ages.1, "assured_date": assured,
                        "assurer_email": "checker@example.org"])
        add("service_at_location", ["id": Self.id("sal-\(key)"), "service_id": Self.id(key), "location_id": Self.id(location)])
        for (linkType, codes) in [("service_type", types), ("eligibility", sex), ("condition", conditions)] {
            for code in codes {
                add("attribute", ["id": Self.id("attr-\(key)-\(code)"), "link_id": Self.id(key), "taxonomy_term_id": Self.id("term-\(code)"),
                                  "link_type": linkType, "link_entity": "service"])
            }
        }
        if let hours {
            add("schedule", ["id": Self.id("sched-\(key)"), "service_id": Self.id(key), "freq": "WEEKLY", "byday": hours.0,
                             "opens_at": hours.1, "closes_at": hours.2])
        }
        for code in languages {
            add("language", ["id": Self.id("lang-\(key)-\(code)"), "service_id": Self.id(key), "code": code, "name": code])
        }
    }
}
