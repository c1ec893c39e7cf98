import Directory

/// A group of people the report counts apart: one sex and one age band, written `female / 25-39`.
///
/// A person whose sex was not said is `not said`; an age band not known is `unknown`
/// (`AgeBand.all`). Cells sort by sex, then by age band from the youngest.
public struct ReportCell: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The sex code (`female`, `male`, `other`) or `not said`.
    public var sex: String
    /// The age band (`AgeBand.all`).
    public var ageBand: String

    public init(sex: String, ageBand: String) {
        self.sex = sex
        self.ageBand = ageBand
    }

    /// The cell of a person recorded with a sex (or none) and an age band.
    public init(sex: Sex?, ageBand: String) {
        self.init(sex: sex?.rawValue ?? "not said", ageBand: ageBand.isEmpty ? "unknown" : ageBand)
    }

    /// The key the report writes: `sex / age band`.
    public var description: String { "\(sex) / \(ageBand)" }

    public static func < (a: ReportCell, b: ReportCell) -> Bool {
        func band(_ cell: ReportCell) -> Int { AgeBand.all.firstIndex(of: cell.ageBand) ?? AgeBand.all.count }
        return (a.sex, band(a), a.ageBand) < (b.sex, band(b), b.ageBand)
    }
}
