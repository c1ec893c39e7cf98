import Directory
import Foundation
import GRDB
import Testing

@Suite("Vocabulary codes as types: only a code the vocabulary has can be made, decoded or read from a row")
struct VocabularyCodeTests {
    @Test("Known codes are made; unknown ones are not, and the error names the code and the vocabulary")
    func making() throws {
        #expect(ServiceType(rawValue: "shelter.emergency")?.rawValue == "shelter.emergency")
        #expect(ServiceType(rawValue: "shelter.emergncy") == nil)
        #expect(Sex(rawValue: "female") != nil && Sex(rawValue: "f") == nil)
        #expect(ExploitationType(rawValue: "labour") != nil && ServiceCondition(rawValue: "open-24-7") != nil)
        #expect(throws: VocabularyError(code: "retrun", noun: "a service type")) { try ServiceType(validating: "retrun") }
    }

    @Test("JSON and SQLite keep the code as text; a misspelt one is an error where it is read")
    func reading() throws {
        let json = try JSONEncoder().encode([ServiceType(validating: "legal.aid")])
        #expect(String(decoding: json, as: UTF8.self) == #"["legal.aid"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ServiceType].self, from: Data(#"["legal.aide"]"#.utf8)) }
        let queue = try DatabaseQueue()
        let stored = try queue.read { db in try ServiceType.fetchOne(db, sql: "SELECT 'health.mental'") }
        #expect(stored?.rawValue == "health.mental")
        let damaged = try queue.read { db in try String.fetchOne(db, sql: "SELECT 'health.mentl'").flatMap(ServiceType.init(rawValue:)) }
        #expect(damaged == nil)
    }
}
