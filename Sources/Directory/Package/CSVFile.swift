import Foundation

/// A strictly parsed CSV file: its header and records, each with the line it starts on.
///
/// The reader follows RFC 4180 and refuses what it cannot read unambiguously, naming the
/// line: invalid UTF-8, a quote that is never closed, text after a closing quote. A UTF-8
/// byte-order mark is skipped, and CRLF, LF and CR line ends are all accepted. Waymark
/// reads CSV itself rather than through CSV.swift because an import error must name the
/// line, and CSV.swift reports neither positions nor unterminated quotes.
public struct CSVFile: Sendable {
    /// One record: its fields and the (1-based) line of the file where it starts.
    public struct Record: Sendable {
        /// The line the record starts on; the header is line 1.
        public let line: Int
        /// The fields, unquoted.
        public let fields: [String]
    }

    /// The header row's column names.
    public let header: [String]
    /// The data records, header excluded. Completely blank lines are skipped.
    public let records: [Record]

    /// What made a file unreadable as CSV, with the line where it happened.
    public struct ParseError: Error, Sendable, Equatable {
        /// The line of the file.
        public let line: Int
        /// What is wrong, in words a coordinator can act on.
        public let problem: String
    }

    /// Parses CSV bytes.
    public init(data: Data) throws(ParseError) {
        let bytes = [UInt8](data)
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if let bad = CSVFile.firstInvalidUTF8(bytes, from: start) {
            let line = 1 + bytes[start..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw ParseError(line: line, problem: "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte \(bad + 1)); save the file as UTF-8")
        }
        var records = try CSVFile.parse(bytes, from: start)
        guard !records.isEmpty else {
            throw ParseError(line: 1, problem: "the file is empty; it needs at least a header row")
        }
        let headerRecord = records.removeFirst()
        header = headerRecord.fields
        self.records = records
    }

    /// Splits validated UTF-8 bytes into records.
    private static func parse(_ bytes: [UInt8], from start: Int) throws(ParseError) -> [Record] {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(256)
        var line = 1
        var recordLine = 1
        var index = start
        let end = bytes.count
        var atFieldStart = true
        var recordHasContent = false

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            if recordHasContent || fields.count > 1 || !(fields.first ?? "").isEmpty {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        while index < end {
            let byte = bytes[index]
            if atFieldStart && byte == quote {
                // A quoted field: runs to the matching quote, doubled quotes are one quote.
                let openedOn = line
                recordHasContent = true
                index += 1
                var closed = false
                while index < end {
                    let b = bytes[index]
                    if b == quote {
                        if index + 1 < end && bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if b == lf || (b == cr && !(index + 1 < end && bytes[index + 1] == lf)) { line += 1 }
                    field.append(b)
                    index += 1
                }
                guard closed else {
                    throw ParseError(line: openedOn, problem: "a quoted field opened on line \(openedOn) is never closed (missing \")")
                }
                if index < end {
                    let next = bytes[index]
                    if next != comma && next != lf && next != cr {
                        throw ParseError(line: line, problem: "unexpected text after a closing quote; a quote inside a field must be doubled (\"\")")
                    }
                }
                atFieldStart = false
                continue
            }
            switch byte {
            case comma:
                endField()
                recordHasContent = true
                atFieldStart = true
                index += 1
            case lf, cr:
                endRecord()
                index += (byte == cr && index + 1 < end && bytes[index + 1] == lf) ? 2 : 1
                line += 1
                recordLine = line
                atFieldStart = true
            default:
                field.append(byte)
                recordHasContent = true
                atFieldStart = false
                index += 1
            }
        }
        if recordHasContent || !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = (scalar << 6) | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}
