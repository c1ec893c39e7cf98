import Foundation

/// Writes a synthetic directory package of realistic shape, for benchmarks and scale tests.
///
/// The same service count, district count and seed always give byte-identical files: areas
/// in regions and districts with a connected travel network and a border crossing,
/// organizations with locations, services with a mix of types, eligibility, conditions,
/// languages, weekly hours, service areas and capacities.
public struct SyntheticDirectory: Sendable {
    /// How many services to write.
    public let services: Int
    /// How many districts the destination country has.
    public let districts: Int
    /// The seed.
    public let seed: UInt64

    /// A generator; `districts` defaults to one per 50 services, between 14 and 2,000.
    public init(services: Int, districts: Int? = nil, seed: UInt64) {
        self.services = max(1, services)
        self.districts = districts ?? min(2000, max(14, services / 50))
        self.seed = seed
    }

    /// Writes the package into `folder` (created if needed), row by row, so that memory stays small at any size.
    ///
    /// - Parameter phase: told each phase's name and how long it took, in seconds, as it ends.
    public func write(to folder: URL, phase: (String, Double) -> Void = { _, _ in }) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var random = SeededRandom(seed: seed)
        var files: [String: (fields: [String], file: CSVOutput)] = [:]
        for resource in HSDSSchema.all {
            let fields = resource.fields.map(\.name)
            files[resource.name] = (fields, try CSVOutput(url: folder.appendingPathComponent(resource.path), header: fields))
        }
        func row(_ resource: String, _ values: [String: String]) throws {
            guard let file = files[resource] else { return }
            try file.file.write(file.fields.map { values[$0] ?? "" })
        }
        var started = DispatchTime.now().uptimeNanoseconds
        func lap(_ name: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            phase(name, Double(now - started) / 1e9)
            started = now
        }

        // Taxonomies and their terms.
        var termID: [String: String] = [:]
        let taxonomies = [Vocabulary.serviceTypeTaxonomy: Vocabulary.serviceTypes, Vocabulary.sexTaxonomy: Vocabulary.sexes,
                          Vocabulary.exploitationTaxonomy: Vocabulary.exploitationTypes, Vocabulary.conditionTaxonomy: Vocabulary.conditions]
        for name in taxonomies.keys.sorted() {
            let id = random.uuid()
            try row("taxonomy", ["id": id, "name": name, "description": "Waymark profile vocabulary \(name)"])
            for code in taxonomies[name] ?? [] {
                let term = random.uuid()
                termID[code] = term
                try row("taxonomy_term", ["id": term, "code": code, "name": code, "description": "\(code) (\(name))",
                                          "parent_id": Vocabulary.parent(of: code).flatMap { termID[$0] } ?? "",
                                          "taxonomy": name, "taxonomy_id": id])
            }
        }

        // Areas: two countries, regions of about ten districts, a road network.
        let regionCount = max(3, districts / 10)
        try row("area", ["pcode": "XA", "name": "Synthetica (fictional)", "country": "XA", "level": "0", "timezone": "Europe/Istanbul"])
        try row("area", ["pcode": "XB", "name": "Originia (fictional)", "country": "XB", "level": "0", "timezone": "Asia/Tbilisi"])
        var districtCodes: [String] = []
        var districtCentre: [String: (Double, Double)] = [:]
        for r in 1...regionCount {
            let region = String(format: "XA%02d", r)
            try row("area", ["pcode": region, "name": "Region \(r)", "parent_pcode": "XA", "country": "XA", "level": "1"])
        }
        // Places come from their own stream, so that moving them leaves every other value as it was.
        let country = CountryBox(regions: regionCount)
        var places = SeededRandom(seed: seed ^ 0x5EED_0F_91ACE5)
        for d in 0..<districts {
            let region = d % regionCount + 1
            let code = String(format: "XA%02d%03d", region, d / regionCount + 1)
            let (lat, lon) = country.place(inRegion: region - 1, using: &places)
            districtCodes.append(code)
            districtCentre[code] = (lat, lon)
            try row("area", ["pcode": code, "name": "District \(code.suffix(5))", "parent_pcode": String(format: "XA%02d", region),
                             "country": "XA", "level": "2", "latitude": CountryBox.decimal(lat, places: 4),
                             "longitude": CountryBox.decimal(lon, places: 4),
                             "population": String(10_000 + Int(random.next() % 400_000))])
        }
        try row("area", ["pcode": "XB01", "name": "Origin region", "parent_pcode": "XB", "country": "XB", "level": "1"])
        try row("area", ["pcode": "XB01001", "name": "Origin district", "parent_pcode": "XB01", "country": "XB", "level": "2",
                         "latitude": "41.0", "longitude": "45.0", "population": "120000"])
        var regionsOfDistricts: [Int: [String]] = [:]
        for (i, code) in districtCodes.enumerated() { regionsOfDistricts[i % regionCount + 1, default: []].append(code) }
        for r in 1...regionCount {
            let members = regionsOfDistricts[r] ?? []
            for i in members.indices.dropFirst() {
                try row("travel_link", ["from_pcode": members[i - 1], "to_pcode": members[i],
                                        "minutes": String(15 + Int(random.next() % 60)), "border_crossing": "false"])
                if i >= 3 && random.chance(0.3) {
                    try row("travel_link", ["from_pcode": members[i - 3], "to_pcode": members[i],
                                            "minutes": String(40 + Int(random.next() % 80)), "border_crossing": "false"])
                }
            }
            if r > 1, let a = regionsOfDistricts[r - 1]?.first, let b = members.first {
                try row("travel_link", ["from_pcode": a, "to_pcode": b, "minutes": String(60 + Int(random.next() % 120)),
                                        "border_crossing": "false"])
            }
        }
        try row("travel_link", ["from_pcode": districtCodes[0], "to_pcode": "XB01001", "minutes": "150", "border_crossing": "true"])
        let units = (bed: random.uuid(), place: random.uuid())
        try row("unit", ["id": units.bed, "name": "bed"])
        try row("unit", ["id": units.place, "name": "place"])

        lap("taxonomies and areas")

        // Organizations, each with a main location.
        let orgCount = max(1, services / 4)
        var orgs: [(id: String, name: String, firstWord: String, location: String, district: String)] = []
        let words = ["Speranța", "Nadezhda", "Harbour", "Lumina", "Safe Steps", "Bridge", "Ștefan", "Amal", "Open Door", "Riverside",
                     "Zora", "Compass", "Dawn", "Haven", "Kindred", "Meridian", "Solace", "Beacon", "Lighthouse", "Crossroads"]
        let kinds = ["Foundation", "Centre", "Association", "Network", "Service", "Alliance", "Clinic", "Society"]
        for o in 0..<orgCount {
            let id = random.uuid()
            let name = "\(words[Int(random.next() % UInt64(words.count))]) \(kinds[Int(random.next() % UInt64(kinds.count))]) \(o + 1)"
            let district = districtCodes[Int(random.next() % UInt64(districtCodes.count))]
            let location = random.uuid()
            orgs.append((id, name, String(name.split(separator: " ").first ?? "Service"), location, district))
            try row("organization", ["id": id, "name": name, "description": "A fictional provider generated for testing.",
                                     "email": "contact\(o + 1)@example.org", "website": "https://org\(o + 1).example.org"])
            let (lat, lon) = districtCentre[district] ?? (40, 20)
            try row("location", ["id": location, "location_type": "physical", "organization_id": id, "name": "\(name) office",
                                 "latitude": CountryBox.decimal(lat + Double(random.next() % 100) / 10_000, places: 5),
                                 "longitude": CountryBox.decimal(lon + Double(random.next() % 100) / 10_000, places: 5),
                                 "external_identifier": district, "external_identifier_type": "pcode"])
            try row("address", ["id": random.uuid(), "location_id": location, "address_1": "\(o + 1) Main Street",
                                "city": "Town \(district)", "state_province": "Region", "postal_code": "0000", "country": "XA",
                                "address_type": "physical"])
            let line = String(o % 10_000)
            try row("phone", ["id": random.uuid(), "organization_id": id,
                              "number": "+999 21 555 " + String(repeating: "0", count: 4 - line.count) + line])
        }
        lap("organizations")

        // Services.
        let nouns = ["support", "shelter", "counselling", "legal advice", "health care", "outreach", "drop-in", "helpline",
                     "case management", "escort", "training", "assistance"]
        let ageBands: [(String, String)] = [("", ""), ("", ""), ("", "17"), ("18", ""), ("12", "17"), ("15", "20"), ("18", "60"), ("", "18")]
        let languages = ["en", "ro", "ru", "uk", "ar", "th", "km", "vi", "tl", "fr"]
        // Verification days, each worked out once: a calendar per service is most of the time otherwise.
        let assuredDays = (0..<400).map { VerificationDates.dayText(Date(timeIntervalSince1970: 1_768_435_200 - Double($0) * 86_400)) }
        for s in 0..<services {
            let org = orgs[Int(random.next() % UInt64(orgs.count))]
            let id = random.uuid()
            let primary = Vocabulary.serviceTypes[Int(random.next() % UInt64(Vocabulary.serviceTypes.count))]
            let band = ageBands[Int(random.next() % UInt64(ageBands.count))]
            let statusRoll = random.next() % 100
            let status = statusRoll < 92 ? "active" : statusRoll < 95 ? "inactive" : statusRoll < 98 ? "temporarily closed" : "defunct"
            let daysAgo = Int(random.next() % 400)
            let assured = assuredDays[daysAgo]
            let name = "\(org.firstWord) \(nouns[Int(random.next() % UInt64(nouns.count))]) \(s + 1)"
            try row("service", ["id": id, "organization_id": org.id, "name": name, "status": status,
                                "description": "Generated \(primary) service number \(s + 1) of \(org.name).",
                                "minimum_age": band.0, "maximum_age": band.1, "assured_date": assured,
                                "assurer_email": "verifier@example.org"])
            let virtual = primary == "hotline"
            var location = org.location
            if virtual || random.chance(0.15) {
                location = random.uuid()
                try row("location", ["id": location, "location_type": virtual ? "virtual" : "physical", "organization_id": org.id,
                                     "name": virtual ? "\(name) line" : "\(name) site",
                                     "external_identifier": org.district, "external_identifier_type": "pcode"])
            }
            try row("service_at_location", ["id": random.uuid(), "service_id": id, "location_id": location])
            var codes = [primary]
            if random.chance(0.35) { codes.append(Vocabulary.serviceTypes[Int(random.next() % UInt64(Vocabulary.serviceTypes.count))]) }
            if random.chance(0.4) { codes.append(Vocabulary.sexes[Int(random.next() % 2)]) }
            if random.chance(0.25) { codes.append(Vocabulary.exploitationTypes[Int(random.next() % UInt64(Vocabulary.exploitationTypes.count))]) }
            let conditionCount = Int(random.next() % 3)
            for _ in 0..<conditionCount {
                codes.append(Vocabulary.conditions[Int(random.next() % UInt64(Vocabulary.conditions.count - 1))])
            }
            // Police cooperation as a condition only where the law allows it (residence permits,
            // compensation, law enforcement): elsewhere every import would warn of it.
            let stated = Set(codes.filter { Vocabulary.serviceTypes.contains($0) })
            if PoliceCondition.isUnlawful(serviceTypes: stated, conditions: Set(codes)) {
                codes.removeAll { $0 == PoliceCondition.code }
            }
            let allDay = primary == "hotline" || random.chance(0.1)
            if allDay { codes.append("open-24-7") }
            var seen: Set<String> = []
            for code in codes where seen.insert(code).inserted {
                guard let term = termID[code] else { continue }
                let linkType = Vocabulary.serviceTypes.contains(code) ? "service_type" : Vocabulary.conditions.contains(code) ? "condition" : "eligibility"
                try row("attribute", ["id": random.uuid(), "link_id": id, "taxonomy_term_id": term, "link_type": linkType,
                                      "link_entity": "service"])
            }
            if !allDay && random.chance(0.6) {
                try row("schedule", ["id": random.uuid(), "service_id": id, "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR",
                                     "opens_at": random.chance(0.5) ? "09:00:00" : "08:30:00", "closes_at": "17:00:00"])
                if random.chance(0.3) {
                    try row("schedule", ["id": random.uuid(), "service_id": id, "freq": "WEEKLY", "byday": "SA",
                                         "opens_at": "10:00:00", "closes_at": "14:00:00"])
                }
            }
            for _ in 0..<(1 + Int(random.next() % 2)) {
                let code = languages[Int(random.next() % UInt64(languages.count))]
                try row("language", ["id": random.uuid(), "service_id": id, "code": code, "name": code])
            }
            if random.chance(0.3) {
                try row("service_area", ["id": random.uuid(), "service_id": id, "extent_type": "pcode",
                                         "extent": String(org.district.prefix(4)), "name": "Region \(org.district.prefix(4))"])
            }
            if primary.hasPrefix("shelter") || random.chance(0.1) {
                let maximum = 4 + Int(random.next() % 40)
                try row("service_capacity", ["id": random.uuid(), "service_id": id,
                                             "unit_id": primary.hasPrefix("shelter") ? units.bed : units.place,
                                             "available": String(Int(random.next() % UInt64(maximum + 1))), "maximum": String(maximum),
                                             "updated": "\(assured)T09:00:00Z"])
            }
        }
        lap("services")
        for file in files.values { try file.file.close() }
        let descriptor = ExportDescriptor(title: "Synthetic directory (\(services) services, seed \(seed)) — fictional",
                                          version: "synthetic-1", fictional: true)
        try descriptor.json().write(to: folder.appendingPathComponent("datapackage.json"))
        lap("closing files")
    }
}
