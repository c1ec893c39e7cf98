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
    /// Counts each item's code over everyone and within each item's cell; every table is suppressed on its own.
    static func table(_ items: [(cell: ReportCell, code: String)]) -> Self {
        let cells = Dictionary(grouping: items, by: \.cell)
        return ReportFigure(total: CaseReport.tally(items.map(\.code)),
                            bySexAndAgeBand: cells.keys.sorted().map { cell in (cell, CaseReport.tally(cells[cell, default: []].map(\.code))) })
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
