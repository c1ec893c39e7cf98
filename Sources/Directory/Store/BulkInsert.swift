import GRDB
import GRDBSQLite

/// Runs one prepared statement many times, binding values straight through SQLite's C API.
///
/// Building GRDB `StatementArguments` for every row of a 100,000-service import cost a
/// tenth of the whole import; binding directly keeps GRDB's statement, transaction and
/// error handling while skipping that per-row conversion.
struct BulkInsert {
    private let statement: Statement
    private let db: Database
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement, db: Database) {
        self.statement = statement
        self.db = db
    }

    /// Binds a value to the parameter at a 0-based index.
    func bind(_ value: DatabaseValue, at index: Int) {
        let handle = statement.sqliteStatement
        let position = Int32(index + 1)
        switch value.storage {
        case .null: sqlite3_bind_null(handle, position)
        case .int64(let int): sqlite3_bind_int64(handle, position, int)
        case .double(let double): sqlite3_bind_double(handle, position, double)
        case .string(let string):
            var text = string
            text.withUTF8 { bytes in
                _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                    sqlite3_bind_text(handle, position, chars.baseAddress, Int32(chars.count), BulkInsert.transient)
                }
            }
        case .blob(let data):
            _ = data.withUnsafeBytes { bytes in
                sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), BulkInsert.transient)
            }
        }
    }

    /// Executes the statement with the bound values, then resets it for the next row.
    func step() throws {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: statement.sql)
        }
    }
}
