import Foundation
import GRDB

/// The indicators a coordinator reports (ICAT, IOM): counts disaggregated by sex and age
/// band, medians of the times that matter, and the needs nobody could meet.
///
/// Counts under 5 are suppressed (`<5`) so that no person can be picked out of a small cell.
public struct CaseReport: Sendable, Equatable {
    /// A count as reported: the number, or `<5`.
    public struct Count: Sendable, Equatable, CustomStringConvertible {
        public let value: Int
        /// Hidden although not small, so that a small count cannot be worked out from the total.
        public var secondary = false
        public static let threshold = 5

        public init(value: Int, secondary: Bool = false) {
            self.value = value
            self.secondary = secondary
        }

        /// Whether the count itself is small (1–4).
        public var isSmall: Bool { value > 0 && value < Self.threshold }
        public var description: String { isSmall ? "<\(Self.threshold)" : secondary ? "suppressed" : String(value) }
        /// JSON: the number, the string `<5`, or `suppressed`.
        public var json: Any { isSmall || secondary ? description : value }
    }

    public var from: Date?
    public var to: Date?
    public var cases: Count
    public var referrals: Count
    public var byStatus: [(String, Count)]
    /// People referred, by their referrals' status, sex and age band: `status / sex / age band`.
    public var byStatusSexAge: [(String, Count)]
    public var bySex: [(String, Count)]
    public var byAgeBand: [(String, Count)]
    public var byChannel: [(String, Count)]
    public var byReferringOrganization: [(String, Count)]
    public var byReceivingOrganization: [(String, Count)]
    /// Median hours from first contact to hand-off; nil when no hand-off.
    public var medianHoursContactToHandoff: Double?
    public var medianHoursHandoffToAcknowledgement: Double?
    public var medianHoursHandoffToServiceStart: Double?
    public var unmetNeeds: [(String, Count)]
    public var conditionalNeeds: [(String, Count)]
    /// Hand-offs made under an override.
    public var overrides: Count
    public var anonymousNotifications: Count
    /// The NRM and referral-outcome figures, each disaggregated by sex and age band.
    public var nrm: NRMFigures
    /// The moment the NRM figures are as of: `to`, or the time the report was made.
    public var asOf: Date

    public static func == (a: CaseReport, b: CaseReport) -> Bool {
        func same(_ x: [(String, Count)], _ y: [(String, Count)]) -> Bool { x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1) }
        return a.cases == b.cases && a.referrals == b.referrals && same(a.byStatus, b.byStatus) && same(a.bySex, b.bySex)
            && same(a.byAgeBand, b.byAgeBand) && same(a.byChannel, b.byChannel) && same(a.unmetNeeds, b.unmetNeeds)
            && a.medianHoursContactToHandoff == b.medianHoursContactToHandoff
    }

    /// The median, or nil when fewer than 5 values (a median of one is that person's figure).
    static func median(_ values: [Double]) -> Double? {
        guard values.count >= Count.threshold else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Counts by value, sorted by value; when exactly one count is small, the next smallest is
    /// also hidden (secondary suppression), so the small one cannot be had from the total.
    static func tally(_ values: [String]) -> [(String, Count)] {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var rows = counts.sorted { $0.key < $1.key }.map { ($0.key, Count(value: $0.value)) }
        if rows.filter({ $0.1.isSmall }).count == 1,
           let next = rows.indices.filter({ !rows[$0].1.isSmall }).min(by: { rows[$0].1.value < rows[$1].1.value }) {
            rows[next].1.secondary = true
        }
        return rows
    }

    /// Counts each key once per case: tables about people count people, not their referrals.
    static func tallyPeople(_ pairs: [(caseCode: String, key: String)]) -> [(String, Count)] {
        var seen: Set<String> = []
        return tally(pairs.compactMap { seen.insert($0.caseCode + "\u{1F}" + $0.key).inserted ? $0.key : nil })
    }
}


extension CaseStore {
    /// The report over referrals created (and cases opened) between `from` and `to`, inclusive.
    ///
    /// The NRM figures (`NRMFigures`) are as of `to`, or now when `to` is later or not given.
    public func report(from: Date? = nil, to: Date? = nil) throws -> CaseReport {
        let logged = try logEntries()
        return try writer.read { db in
            try vault.checkAllRows(db: db)
            func within(_ date: Date) -> Bool { (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true) }
            let allFiles = try CaseFile.fetchAll(db)
            let files = allFiles.filter { within($0.openedAt) }
            let byCode = Dictionary(allFiles.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            let allReferrals = try Referral.fetchAll(db)
            let referrals = allReferrals.filter { within($0.createdAt) }
            let people = referrals.compactMap { byCode[$0.caseCode] }
            let needs = try RecordedNeed.fetchAll(db).filter { within($0.recordedAt) }
            var contactToHandoff: [Double] = []
            var handoffToAck: [Double] = []
            var handoffToStart: [Double] = []
            for referral in referrals {
                guard let sent = referral.sentAt else { continue }
                if let file = byCode[referral.caseCode] { contactToHandoff.append(sent.timeIntervalSince(file.firstContactAt) / 3600) }
                if let ack = referral.acknowledgedAt { handoffToAck.append(ack.timeIntervalSince(sent) / 3600) }
                if let start = referral.serviceStartedAt { handoffToStart.append(start.timeIntervalSince(sent) / 3600) }
            }
            let overrides = logged.filter { $0.kind == "handoff" && $0.wasOverridden && within($0.at) }.count
            let notifications = logged.filter { $0.kind == "notification" && within($0.at) }.count
            let asOf = to.map { min($0, now) } ?? now
            let nrm = NRMFigures(cases: files, allCases: allFiles, referrals: referrals, allReferrals: allReferrals,
                                 decisions: try NRMDecision.fetchAll(db), needs: needs, procedure: procedure, until: asOf)
            return CaseReport(
                from: from, to: to, cases: .init(value: files.count), referrals: .init(value: referrals.count),
                byStatus: CaseReport.tally(referrals.map(\.status.rawValue)),
                byStatusSexAge: CaseReport.tallyPeople(referrals.map { referral in
                    let person = byCode[referral.caseCode]
                    return (referral.caseCode, "\(referral.status) / \(person?.sex?.rawValue ?? "not said") / \(person?.ageBand ?? "unknown")")
                }),
                bySex: CaseReport.tallyPeople(people.map { ($0.code, $0.sex?.rawValue ?? "not said") }),
                byAgeBand: CaseReport.tallyPeople(people.map { ($0.code, $0.ageBand) }),
                byChannel: CaseReport.tallyPeople(people.map { ($0.code, $0.channel ?? "not said") }),
                byReferringOrganization: CaseReport.tally(referrals.map(\.createdByOrganization)),
                byReceivingOrganization: CaseReport.tally(referrals.map(\.organizationName)),
                medianHoursContactToHandoff: CaseReport.median(contactToHandoff),
                medianHoursHandoffToAcknowledgement: CaseReport.median(handoffToAck),
                medianHoursHandoffToServiceStart: CaseReport.median(handoffToStart),
                unmetNeeds: CaseReport.tallyPeople(needs.filter { $0.kind == "unmet" }.map { ($0.caseCode, $0.need.rawValue) }),
                conditionalNeeds: CaseReport.tallyPeople(needs.filter { $0.kind == "conditional" }.map { ($0.caseCode, $0.need.rawValue) }),
                overrides: .init(value: overrides), anonymousNotifications: .init(value: notifications), nrm: nrm, asOf: asOf)
        }
    }
}
