import GRDB
import Routing

/// The case store's schema, changed only by adding migrations (never by editing one that shipped).
enum CaseStoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE keyring (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    kdf TEXT NOT NULL,
                    salt BLOB NOT NULL,
                    log2_n INTEGER NOT NULL,
                    block_size INTEGER NOT NULL,
                    parallelism INTEGER NOT NULL,
                    wrapped_data_key BLOB NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE case_file (
                    code TEXT PRIMARY KEY,
                    opened_at DATETIME NOT NULL,
                    opened_by TEXT NOT NULL,
                    opened_by_organization TEXT NOT NULL,
                    first_contact_at DATETIME NOT NULL,
                    channel TEXT,
                    profile TEXT NOT NULL,
                    sex TEXT,
                    age_band TEXT NOT NULL,
                    is_child BOOLEAN NOT NULL,
                    screening_result TEXT,
                    notified_at DATETIME,
                    erased_at DATETIME
                );
                CREATE TABLE case_key (
                    case_code TEXT PRIMARY KEY REFERENCES case_file(code),
                    wrapped_key BLOB NOT NULL
                );
                CREATE TABLE case_identity (
                    case_code TEXT PRIMARY KEY REFERENCES case_file(code),
                    sealed BLOB NOT NULL,
                    updated_at DATETIME NOT NULL,
                    updated_by TEXT NOT NULL
                );
                CREATE TABLE referral (
                    id TEXT PRIMARY KEY,
                    case_code TEXT NOT NULL REFERENCES case_file(code),
                    service_id TEXT NOT NULL,
                    service_name TEXT NOT NULL,
                    organization_id TEXT NOT NULL,
                    organization_name TEXT NOT NULL,
                    location_id TEXT,
                    service_types TEXT NOT NULL,
                    need TEXT NOT NULL,
                    priority TEXT NOT NULL,
                    status TEXT NOT NULL,
                    status_reason_sealed BLOB,
                    created_at DATETIME NOT NULL,
                    created_by TEXT NOT NULL,
                    created_by_organization TEXT NOT NULL,
                    sent_at DATETIME,
                    acknowledged_at DATETIME,
                    accepted_at DATETIME,
                    declined_at DATETIME,
                    service_started_at DATETIME,
                    closed_at DATETIME,
                    withdrawn_at DATETIME,
                    service_snapshot TEXT,
                    form_sealed BLOB,
                    form_hash TEXT,
                    form_version TEXT
                );
                CREATE INDEX referral_case ON referral(case_code);
                CREATE TABLE step_record (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_code TEXT NOT NULL REFERENCES case_file(code),
                    referral_id TEXT REFERENCES referral(id),
                    step_id TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    sealed_details BLOB,
                    recorded_by TEXT NOT NULL,
                    recorded_by_organization TEXT NOT NULL,
                    recorded_at DATETIME NOT NULL
                );
                CREATE INDEX step_record_case ON step_record(case_code);
                CREATE TABLE consent (
                    id TEXT PRIMARY KEY,
                    referral_id TEXT NOT NULL REFERENCES referral(id),
                    given_by TEXT NOT NULL,
                    organization_id TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    interpreter_language TEXT,
                    obtained_by TEXT NOT NULL,
                    obtained_by_organization TEXT NOT NULL,
                    obtained_at DATETIME NOT NULL,
                    withdrawn_at DATETIME
                );
                CREATE INDEX consent_referral ON consent(referral_id);
                CREATE TABLE recorded_need (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_code TEXT NOT NULL REFERENCES case_file(code),
                    need TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    sex TEXT,
                    age_band TEXT NOT NULL,
                    recorded_at DATETIME NOT NULL,
                    UNIQUE (case_code, need, kind)
                );
                CREATE TABLE handoff_log (
                    seq INTEGER PRIMARY KEY,
                    version INTEGER NOT NULL,
                    payload TEXT NOT NULL,
                    mac TEXT NOT NULL
                );
                """)
        }
        // The case profile (exact age, area, nationality, languages, exploitation, dependents,
        // police stance, ...) is sealed under the case key; only the region stays readable.
        // Rows written before are resealed on the first unlock (`CaseStore.resealProfiles`).
        migrator.registerMigration("v2-sealed-profile") { db in
            try db.execute(sql: """
                ALTER TABLE case_file ADD COLUMN profile_sealed BLOB;
                ALTER TABLE case_file ADD COLUMN region TEXT;
                """)
        }
        // Why a referral is made (HTCDS cas_ReasonForOutgoingReferral); earlier referrals were for additional services.
        migrator.registerMigration("v2-referral-purpose") { db in
            try db.execute(sql: "ALTER TABLE referral ADD COLUMN purpose TEXT NOT NULL DEFAULT 'additional-services'")
        }
        // Consent that can be shown to be informed: what was explained, and in which language.
        migrator.registerMigration("v3-consent-explained") { db in
            try db.execute(sql: """
                ALTER TABLE consent ADD COLUMN explained TEXT;
                ALTER TABLE consent ADD COLUMN explained_in TEXT;
                ALTER TABLE case_file ADD COLUMN notification_id TEXT;
                """)
        }
        // Whether the person needs an escort or safe transport to the receiving service.
        migrator.registerMigration("v4-referral-escort") { db in
            try db.execute(sql: "ALTER TABLE referral ADD COLUMN escort BOOLEAN")
        }
        // Step summaries in codes only: earlier versions kept answer keys (free text) and exact
        // ages there. Age summaries keep their basis and become a band; the others say "recorded".
        migrator.registerMigration("v5-code-summaries") { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, step_id, summary FROM step_record") {
                let id: Int64 = row["id"]
                let step: String = row["step_id"]
                let summary: String = row["summary"]
                guard let rewritten = codeSummary(step: step, summary: summary), rewritten != summary else { continue }
                try db.execute(sql: "UPDATE step_record SET summary = ? WHERE id = ?", arguments: [rewritten, id])
            }
        }
        // The languages of a consent (the interpreter's, the explanation's) stand in for the
        // person's own: sealed under the case key from now on.
        migrator.registerMigration("v6-consent-languages-sealed") { db in
            try db.execute(sql: "ALTER TABLE consent ADD COLUMN languages_sealed BLOB")
        }
        // Each sent referral points at its hand-off entry (a restored older log is caught), and the
        // last position the chain was verified to, tagged under the log key (appends start there).
        migrator.registerMigration("v7-log-positions") { db in
            try db.execute(sql: """
                ALTER TABLE referral ADD COLUMN handoff_seq INTEGER;
                ALTER TABLE referral ADD COLUMN handoff_mac TEXT;
                CREATE TABLE log_checkpoint (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    mac TEXT NOT NULL,
                    broken_at INTEGER,
                    tag TEXT NOT NULL
                );
                """)
        }
        // The integrity key (random, wrapped under the data key) and a MAC on every row the gate,
        // the form and the report rely on (`RowIntegrity`). Rows are MAC'd on the first unlock
        // after the upgrade (`CaseStore.adoptIntegrityKey`): a migration cannot hold the key.
        migrator.registerMigration("v8-integrity") { db in
            try db.execute(sql: "ALTER TABLE keyring ADD COLUMN wrapped_integrity_key BLOB")
            // The tables as they were at v8 (later tables are created with their row_mac column).
            for table in ["case_file", "step_record", "consent", "referral", "recorded_need"] {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN row_mac TEXT")
            }
        }
        // The competent authority's decisions (reasonable grounds, conclusive grounds), each MAC'd
        // like the other case rows; the authority's reference sealed under the case key.
        migrator.registerMigration("v9-nrm-decisions") { db in
            try db.execute(sql: """
                CREATE TABLE nrm_decision (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_code TEXT NOT NULL REFERENCES case_file(code),
                    stage TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    decided_by TEXT NOT NULL,
                    authority_type TEXT NOT NULL,
                    decided_on TEXT NOT NULL,
                    review_pending BOOLEAN NOT NULL,
                    reference_sealed BLOB,
                    recorded_by TEXT NOT NULL,
                    recorded_by_organization TEXT NOT NULL,
                    recorded_at DATETIME NOT NULL,
                    row_mac TEXT
                );
                CREATE INDEX nrm_decision_case ON nrm_decision(case_code);
                """)
        }
        // A referral's decline reason (a code), its closing outcome and the declined referral it
        // replaces; covered by row MAC version 2 (rows MAC'd under 1 verify while these are empty).
        migrator.registerMigration("v10-referral-outcomes") { db in
            try db.execute(sql: """
                ALTER TABLE referral ADD COLUMN decline_reason TEXT;
                ALTER TABLE referral ADD COLUMN outcome TEXT;
                ALTER TABLE referral ADD COLUMN replaces TEXT;
                """)
        }
        // Durable solutions (return, integration, resettlement), each MAC'd like the other case rows.
        migrator.registerMigration("v11-durable-solutions") { db in
            try db.execute(sql: """
                CREATE TABLE durable_solution (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    case_code TEXT NOT NULL REFERENCES case_file(code),
                    kind TEXT NOT NULL,
                    reached_on TEXT NOT NULL,
                    voluntary BOOLEAN,
                    best_interests TEXT,
                    recorded_by TEXT NOT NULL,
                    recorded_by_organization TEXT NOT NULL,
                    recorded_at DATETIME NOT NULL,
                    row_mac TEXT
                );
                CREATE INDEX durable_solution_case ON durable_solution(case_code);
                """)
        }
        // The publisher keys (private halves sealed under the data key) and the trust list, whose rows are MAC'd.
        migrator.registerMigration("v12-publisher-keys-and-trust") { db in
            try db.execute(sql: """
                CREATE TABLE publisher_key (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    public_key BLOB NOT NULL UNIQUE,
                    private_key_sealed BLOB NOT NULL,
                    created_at DATETIME NOT NULL,
                    retired_at DATETIME,
                    previous_public_key BLOB,
                    rotation_signature BLOB
                );
                CREATE TABLE trusted_key (
                    fingerprint TEXT PRIMARY KEY NOT NULL,
                    public_key BLOB NOT NULL,
                    name TEXT NOT NULL,
                    root TEXT NOT NULL,
                    added_at DATETIME NOT NULL,
                    added_by TEXT NOT NULL,
                    removed_at DATETIME,
                    row_mac TEXT
                );
                CREATE TABLE trust_setting (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    require BOOLEAN NOT NULL,
                    changed_at DATETIME NOT NULL,
                    changed_by TEXT NOT NULL,
                    row_mac TEXT
                );
                """)
        }
        // The referral key (X25519): envelopes are sealed to its public half; its private half is sealed under the data key.
        migrator.registerMigration("v13-referral-key") { db in
            try db.execute(sql: """
                CREATE TABLE referral_key (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    public_key BLOB NOT NULL UNIQUE,
                    private_key_sealed BLOB NOT NULL,
                    created_at DATETIME NOT NULL
                );
                """)
        }
        // The offline exchange. The receiving side: each incoming referral, its case opened here,
        // the received form sealed under the case key, the steps the sender recorded, the answers
        // given and the withdrawal applied. The sending side: each answer applied to an outgoing
        // referral, the receiver's time kept beside the import time. Both MAC'd like the case rows.
        // (Registered after the last migration; names need not be contiguous.)
        migrator.registerMigration("v14-incoming-referrals") { db in
            try db.execute(sql: """
                CREATE TABLE incoming_referral (
                    referral_id TEXT PRIMARY KEY NOT NULL,
                    envelope_id TEXT NOT NULL UNIQUE,
                    case_code TEXT NOT NULL REFERENCES case_file(code),
                    from_organization_id TEXT NOT NULL,
                    from_organization_name TEXT NOT NULL,
                    receiving_organization_id TEXT NOT NULL,
                    service_id TEXT NOT NULL,
                    location_id TEXT,
                    sent_at DATETIME NOT NULL,
                    received_at DATETIME NOT NULL,
                    received_by TEXT NOT NULL,
                    status TEXT NOT NULL,
                    status_reason_sealed BLOB,
                    decline_reason TEXT,
                    outcome TEXT,
                    acknowledged_at DATETIME,
                    accepted_at DATETIME,
                    declined_at DATETIME,
                    service_started_at DATETIME,
                    closed_at DATETIME,
                    withdrawn_at DATETIME,
                    steps_done TEXT NOT NULL,
                    legal_basis TEXT,
                    form_sealed BLOB,
                    withdrawal_envelope_id TEXT,
                    withdrawal_outcome TEXT,
                    row_mac TEXT
                );
                CREATE INDEX incoming_referral_case ON incoming_referral(case_code);
                CREATE TABLE referral_feedback (
                    envelope_id TEXT PRIMARY KEY NOT NULL,
                    referral_id TEXT NOT NULL REFERENCES referral(id),
                    from_organization_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    decline_reason TEXT,
                    outcome TEXT,
                    receiver_at DATETIME NOT NULL,
                    imported_at DATETIME NOT NULL,
                    status_at DATETIME NOT NULL,
                    note TEXT,
                    imported_by TEXT NOT NULL,
                    row_mac TEXT
                );
                CREATE INDEX referral_feedback_referral ON referral_feedback(referral_id);
                """)
        }
        // Accounts: one row per worker with their key slot and the keys granted to their role;
        // the integrity key's generation and retired generations; and each
        // case key's predecessors, kept for the log entries sealed under them.
        migrator.registerMigration("v15-accounts") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    role TEXT NOT NULL,
                    organization TEXT,
                    organization_id TEXT,
                    phone TEXT,
                    email TEXT,
                    public_key BLOB NOT NULL,
                    salt BLOB NOT NULL,
                    log2_n INTEGER NOT NULL,
                    block_size INTEGER NOT NULL,
                    parallelism INTEGER NOT NULL,
                    private_key_sealed BLOB NOT NULL,
                    grant_sealed BLOB NOT NULL,
                    created_at DATETIME NOT NULL,
                    created_by TEXT NOT NULL,
                    row_mac TEXT
                );
                CREATE TABLE key_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    integrity_generation INTEGER NOT NULL,
                    legacy_log_key_sealed BLOB
                );
                CREATE TABLE retired_integrity_key (
                    generation INTEGER PRIMARY KEY NOT NULL,
                    key_sealed BLOB NOT NULL
                );
                ALTER TABLE case_key ADD COLUMN retired_keys_sealed BLOB;
                """)
        }
        return migrator
    }

    /// An earlier step summary in codes only; nil when it already is.
    static func codeSummary(step: String, summary: String) -> String? {
        switch step {
        case "screening":
            return nil
        case "age":
            let parts = summary.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let basis = parts.first, AgeBasis(rawValue: basis) != nil else { return "recorded" }
            guard parts.count > 1 else { return basis }
            let digits = parts[1].prefix { $0.isNumber }
            if AgeBand.all.contains(parts[1]) { return nil }
            return Int(digits).map { "\(basis), \(AgeBand.band($0))" } ?? basis
        default:
            return summary.hasPrefix("recorded") || summary.hasPrefix("in danger now: ") || summary == "profile updated" ? nil : "recorded"
        }
    }
}
