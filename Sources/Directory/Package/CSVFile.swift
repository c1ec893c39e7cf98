import Foundation

/// A strictly parsed CSV file: its header and records, each with the line it starts on.
///
/// The reader follows RFC 4180 and refuses what it cannot read unambiguously, naming the
/// line: invalid UTF-8, a quote that is never closed, text after a closing quote. A UTF-8
/// byte-order mark is skipped, and CRLF, LF and CR line ends are all accepted. Waymark
/// reads CSV itself rather than through CSV.swift because an import error must name the
/// line, and CSV.swift reports neither positions nor unterminated quotes.
///
/// `CSVFile` holds a whole (small) file in memory; packages are read through `CSVParser`,
/// which streams a file and keeps only the fields its caller wants.
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

    /// Parses CSV bytes, handing them to the streaming parser `chunkSize` bytes at a time
    /// (all at once by default; a small size cuts characters and line ends in two).
    public init(data: Data, chunkSize: Int? = nil) throws(ParseError) {
        var sink = CollectingSink()
        var parser = CSVParser(maxFieldBytes: Int.max)
        let bytes = [UInt8](data)
        let step = max(1, chunkSize ?? bytes.count)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + step)
            try parser.feed(Array(bytes[start..<end]), into: &sink)
            start = end
        }
        try parser.finish(into: &sink)
        guard !sink.records.isEmpty else {
            throw ParseError(line: 1, problem: "the file is empty; it needs at least a header row")
        }
        header = sink.records.removeFirst().fields
        records = sink.records
    }

    /// Keeps every field of every record.
    private struct CollectingSink: CSVSink {
        var records: [Record] = []
        var fields: [String] = []

        func wants(column: Int) -> Bool { true }
        mutating func field(column: Int, value: String?, tooLong: Bool) { fields.append(value ?? "") }
        mutating func endRecord(line: Int, fields count: Int, blank: Bool) -> Bool {
            if !blank { records.append(Record(line: line, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            return true
        }
    }
}

/// Receives what `CSVParser` finds, one field and one record end at a time.
protocol CSVSink {
    /// Whether the value in `column` (0-based) of the current record is wanted; the parser
    /// does not keep the bytes of a field nobody wants.
    func wants(column: Int) -> Bool
    /// A field of the current record; nil when it was not wanted or is longer than the limit.
    mutating func field(column: Int, value: String?, tooLong: Bool)
    /// The current record ended after `fields` fields. A blank line ends a record with
    /// `blank` set, whose one empty field is to be forgotten. Returns false to stop reading.
    mutating func endRecord(line: Int, fields: Int, blank: Bool) -> Bool
}

/// A streaming RFC 4180 parser: bytes go in chunk by chunk, fields and records come out.
///
/// It keeps only the field being read (and not even that when the sink does not want it,
/// or past `maxFieldBytes`), so a file of any size is read in bounded memory. UTF-8 is
/// checked as the bytes arrive, a character split between chunks included.
struct CSVParser {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The longest field kept, in bytes; a longer one is reported to the sink as nil.
    let maxFieldBytes: Int
    /// Whether reading stopped because the sink asked.
    private(set) var stopped = false
    /// The lines read so far (the line being read).
    var line: Int { currentLine }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fieldBytes = 0
    private var keep = true
    private var column = 0
    private var currentLine = 1
    private var recordLine = 1
    private var openedOn = 1
    private var recordHasContent = false
    private var skipLF = false
    private var quotedLastCR = false
    // UTF-8 checking across chunks.
    private var pending: [UInt8] = []
    private var offset = 0
    private var newlines = 0
    private var started = false

    init(maxFieldBytes: Int) {
        self.maxFieldBytes = maxFieldBytes
        field.reserveCapacity(256)
    }

    /// Reads the next bytes of the file.
    mutating func feed<Sink: CSVSink>(_ chunk: [UInt8], into sink: inout Sink) throws(CSVFile.ParseError) {
        guard !stopped else { return }
        var bytes = chunk
        if !pending.isEmpty {
            bytes = pending + chunk
            pending.removeAll()
        }
        try consume(bytes, final: false, into: &sink)
    }

    /// Ends the file: an open quote is an error; a last record without a line end is ended.
    mutating func finish<Sink: CSVSink>(into sink: inout Sink) throws(CSVFile.ParseError) {
        guard !stopped else { return }
        if !pending.isEmpty {
            let bytes = pending
            pending.removeAll()
            try consume(bytes, final: true, into: &sink)
            guard !stopped else { return }
        }
        if state == .quoted {
            throw CSVFile.ParseError(line: openedOn, problem: "a quoted field opened on line \(openedOn) is never closed (missing \")")
        }
        if recordHasContent {
            if state == .fieldStart { beginField(sink) }
            endRecord(into: &sink)
        }
    }

    private mutating func consume<Sink: CSVSink>(_ input: [UInt8], final: Bool, into sink: inout Sink) throws(CSVFile.ParseError) {
        var start = 0
        if !started {
            if input.count < 3 && !final {
                pending = input
                return
            }
            started = true
            if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
            offset = start
        }
        let check = CSVParser.checkUTF8(input, from: start, final: final)
        let end = check.bad ?? check.validEnd
        if check.validEnd < input.count && check.bad == nil { pending = Array(input[check.validEnd...]) }
        try input.withUnsafeBufferPointer { (buffer) throws(CSVFile.ParseError) in
            try parse(buffer, from: start, to: end, into: &sink)
        }
        if let bad = check.bad, !stopped {
            for i in start..<bad where input[i] == 0x0A { newlines += 1 }
            throw CSVFile.ParseError(line: 1 + newlines,
                                     problem: "invalid UTF-8 (byte 0x\(String(input[bad], radix: 16, uppercase: true)) at byte \(offset + bad - start + 1)); save the file as UTF-8")
        }
        for i in start..<end where input[i] == 0x0A { newlines += 1 }
        offset += end - start
    }

    private mutating func parse<Sink: CSVSink>(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                               into sink: inout Sink) throws(CSVFile.ParseError) {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var index = start
        while index < end && !stopped {
            let byte = bytes[index]
            index += 1
            if skipLF {
                skipLF = false
                if byte == lf { continue }
            }
            switch state {
            case .quoted:
                if byte == quote {
                    state = .quoteInQuoted
                    continue
                }
                if byte == lf {
                    if !quotedLastCR { currentLine += 1 }
                } else if byte == cr {
                    currentLine += 1
                }
                quotedLastCR = byte == cr
                append(byte)
                continue
            case .quoteInQuoted:
                if byte == quote {
                    append(quote)
                    state = .quoted
                    quotedLastCR = false
                    continue
                }
                guard byte == comma || byte == lf || byte == cr else {
                    throw CSVFile.ParseError(line: currentLine,
                                             problem: "unexpected text after a closing quote; a quote inside a field must be doubled (\"\")")
                }
                state = .unquoted
            case .fieldStart:
                if byte == quote {
                    openedOn = currentLine
                    recordHasContent = true
                    quotedLastCR = false
                    beginField(sink)
                    state = .quoted
                    continue
                }
                if byte != comma && byte != lf && byte != cr { beginField(sink) }
            case .unquoted:
                break
            }
            switch byte {
            case comma:
                if state == .fieldStart { beginField(sink) }
                endField(into: &sink)
                recordHasContent = true
                state = .fieldStart
            case lf, cr:
                if state == .fieldStart { beginField(sink) }
                endRecord(into: &sink)
                skipLF = byte == cr
                currentLine += 1
                recordLine = currentLine
                state = .fieldStart
            default:
                append(byte)
                recordHasContent = true
                state = .unquoted
            }
        }
    }

    private mutating func beginField<Sink: CSVSink>(_ sink: Sink) {
        keep = sink.wants(column: column)
        fieldBytes = 0
        field.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        fieldBytes += 1
        if keep && fieldBytes <= maxFieldBytes { field.append(byte) }
    }

    private mutating func endField<Sink: CSVSink>(into sink: inout Sink) {
        let tooLong = fieldBytes > maxFieldBytes
        sink.field(column: column, value: keep && !tooLong ? String(decoding: field, as: UTF8.self) : nil, tooLong: tooLong)
        if field.capacity > 1 << 16 { field = [] } else { field.removeAll(keepingCapacity: true) }
        column += 1
    }

    private mutating func endRecord<Sink: CSVSink>(into sink: inout Sink) {
        endField(into: &sink)
        if !sink.endRecord(line: recordLine, fields: column, blank: !recordHasContent) { stopped = true }
        column = 0
        recordHasContent = false
    }

    /// Checks UTF-8 from `start`: the offset of the first bad byte, if any, and how far the
    /// bytes are whole characters (a character cut by the chunk's end waits for the next).
    static func checkUTF8(_ bytes: [UInt8], from start: Int, final: Bool) -> (bad: Int?, validEnd: Int) {
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
            default: return (i, i)
            }
            if i + length > n {
                for k in (i + 1)..<n where bytes[k] & 0xC0 != 0x80 { return (i, i) }
                return final ? (i, i) : (nil, i)
            }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return (i, i) }
                scalar = (scalar << 6) | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return (i, i) }
            i += length
        }
        return (nil, n)
    }
}
