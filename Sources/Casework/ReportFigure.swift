/// One figure of the coordinator's report: its value over everyone, and the same figure for
/// each sex and age band (`ReportCell`), each suppressed on its own.
///
/// The value is a table of counts (`ReportFigure<ReportTable>`: counts by code, each table
/// with the report's small-cell and secondary suppression), a single count
/// (`ReportFigure<CaseReport.Count>`: the cells together form one table, suppressed as one), or
/// a median (`ReportFigure<Double?>`: nil wherever it rests on fewer than 5 values, in the
/// total as in each cell). Only cells with somebody in them are listed, in `ReportCell` order.
public struct ReportFigure<Value: Sendable>: Sendable {
    /// The figure over everyone the report covers.
    public var total: Value
    /// The figure for each sex and age band with somebody in it.
    public var bySexAndAgeBand: [(cell: ReportCell, value: Value)]

    public init(total: Value, bySexAndAgeBand: [(cell: ReportCell, value: Value)]) {
        self.total = total
        self.bySexAndAgeBand = bySexAndAgeBand
    }

    /// The value of one cell, named as the report writes it (`female / 25-39`); nil when nobody is in it.
    public subscript(cell key: String) -> Value? {
        bySexAndAgeBand.first { $0.cell.description == key }?.value
    }
}

/// Counts by code, sorted by code, suppressed as the report suppresses (`CaseReport.tally`).
public typealias ReportTable = [(String, CaseReport.Count)]

extension ReportFigure where Value == ReportTable {
    /// Counts each item's code over everyone and within each item's cell, suppressed as one table with its margins.
    ///
    /// The total row is the sum of the cells, and a cell's total is published elsewhere (by sex, by age band),
    /// so no count may be worked out by subtraction: a count of 1–4 is hidden; where a row (a cell, or the
    /// total) or a code's column has exactly one hidden count, the next smallest is hidden too (in a column
    /// with no other cell, the total); and a code hidden in the total is hidden in every cell. Repeated until
    /// nothing changes.
    static func table(_ items: [(cell: ReportCell, code: String)]) -> Self {
        var counts: [ReportCell: [String: Int]] = [:]
        var totals: [String: Int] = [:]
        for item in items {
            counts[item.cell, default: [:]][item.code, default: 0] += 1
            totals[item.code, default: 0] += 1
        }
        let cells = counts.keys.sorted()
        var hidden: Set<String> = []                      // "cell\u{1F}code"; the total's cell is ""
        func key(_ cell: String, _ code: String) -> String { cell + "\u{1F}" + code }
        let rows: [(name: String, values: [String: Int])] = [("", totals)] + cells.map { ($0.description, counts[$0] ?? [:]) }
        for row in rows { for (code, value) in row.values where value < CaseReport.Count.threshold { hidden.insert(key(row.name, code)) } }
        /// Hides the smallest shown value among `candidates` (cell, code); false when none is left to hide.
        func hideNextSmallest(_ candidates: [(cell: String, code: String, value: Int)]) -> Bool {
            guard let next = candidates.filter({ !hidden.contains(key($0.cell, $0.code)) })
                .min(by: { ($0.value, $0.cell, $0.code) < ($1.value, $1.cell, $1.code) }) else { return false }
            hidden.insert(key(next.cell, next.code))
            return true
        }
        var changed = true
        while changed {
            changed = false
            for row in rows where row.values.keys.filter({ hidden.contains(key(row.name, $0)) }).count == 1 {
                changed = hideNextSmallest(row.values.map { (row.name, $0.key, $0.value) }) || changed
            }
            for code in totals.keys {
                let column = rows.dropFirst().compactMap { row in row.values[code].map { (cell: row.name, code: code, value: $0) } }
                if hidden.contains(key("", code)) {
                    for entry in column where !hidden.contains(key(entry.cell, code)) {
                        hidden.insert(key(entry.cell, code))
                        changed = true
                    }
                } else if column.filter({ hidden.contains(key($0.cell, code)) }).count == 1 {
                    // The next smallest cell, or the total itself when no other cell has the code.
                    changed = hideNextSmallest(column + [(cell: "", code: code, value: totals[code] ?? 0)]) || changed
                }
            }
        }
        func table(_ name: String, _ values: [String: Int]) -> ReportTable {
            values.sorted { $0.key < $1.key }.map { code, value in
                let count = CaseReport.Count(value: value)
                return (code, CaseReport.Count(value: value, secondary: hidden.contains(key(name, code)) && !count.isSmall))
            }
        }
        return ReportFigure(total: table("", totals), bySexAndAgeBand: cells.map { ($0, table($0.description, counts[$0] ?? [:])) })
    }

    /// The count of one code; nil when the table has no row for it.
    public func count(_ code: String, in cell: String? = nil) -> CaseReport.Count? {
        let table = cell.map { self[cell: $0] ?? [] } ?? total
        return table.first { $0.0 == code }?.1
    }
}

extension ReportFigure where Value == CaseReport.Count {
    /// Counts people, one cell each: the cells form one table, suppressed as one.
    static func count(_ cells: [ReportCell]) -> Self {
        let rows = CaseReport.tally(cells.map(\.description))
        let byKey = Dictionary(cells.map { ($0.description, $0) }, uniquingKeysWith: { a, _ in a })
        return ReportFigure(total: CaseReport.Count(value: cells.count),
                            bySexAndAgeBand: rows.compactMap { row in byKey[row.0].map { ($0, row.1) } }.sorted { $0.0 < $1.0 })
    }
}

extension ReportFigure where Value == Double? {
    /// The median over everyone and within each cell; nil wherever there are fewer than 5 values.
    static func median(_ values: [(cell: ReportCell, value: Double)]) -> Self {
        let cells = Dictionary(grouping: values, by: \.cell)
        return ReportFigure(total: CaseReport.median(values.map(\.value)),
                            bySexAndAgeBand: cells.keys.sorted().map { cell in (cell, CaseReport.median(cells[cell, default: []].map(\.value))) })
    }
}
