import ArgumentParser

/// How `waymark report` prints: text to read, one JSON document, CSV for a spreadsheet, or a one-page summary.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, csv, summary
}
