import Foundation
import GRDB
import SOP

extension CaseStore {
    /// Records informed consent for a referral: to its receiving organization, for a data scope.
    ///
    /// Consent that can be shown to be informed: refused unless the organization and service,
    /// the data shared, the right to refuse and withdraw, and retention were each explained, and
    /// the language of the explanation is given.
    public func giveConsent(_ id: String, givenBy: ConsentGiver, scopes: Set<DataScope>, explained: Set<ConsentExplanation>,
                            explainedIn: String, interpreterLanguage: String? = nil) throws -> String {
        let who = try requireOperator()
        if let problem = DataScope.validate(scopes) { throw CaseworkError.invalidInput("Consent scope: \(problem).") }
        func isLanguage(_ code: String) -> Bool { (2...3).contains(code.count) && code.allSatisfy { $0.isLetter && $0.isASCII } }
        if let language = interpreterLanguage, !isLanguage(language) {
            throw CaseworkError.invalidInput("Interpreter language '\(language.prefix(20))' is not a language code such as ro, th or tha.")
        }
        let missing = ConsentExplanation.allCases.filter { !explained.contains($0) }
        if !missing.isEmpty {
            throw CaseworkError.invalidInput("Consent is informed only when each of these was explained: "
                + missing.map(\.rawValue).joined(separator: ", ") + ". Explain them, then record the consent with every item.")
        }
        guard isLanguage(explainedIn) else {
            throw CaseworkError.invalidInput("Say which language the consent was explained in, as a code such as ro, th or tha.")
        }
        let now = self.now
        return try writer.write { db in
            let referral = try referral(id, db: db)
            _ = try liveCase(referral.caseCode, db: db)
            guard referral.status == .draft else {
                throw CaseworkError.invalidInput("Referral \(referral.id) is already \(referral.status); consent is recorded before the hand-off.")
            }
            // Who may consent is the law's: an adult personally (or through a recorded legal
            // representative); a child through a guardian not suspected of involvement.
            try checkAgainstLog(case: referral.caseCode, db: db)
            let (person, facts) = try self.facts(referral, db: db)
            let candidate = ConsentRecord(id: "", givenBy: givenBy, organizationId: referral.organizationId, scopes: scopes,
                                          obtainedBy: who.name, obtainedAt: now)
            if let problem = ChildLaw.consentProblem(candidate, person: person, referral: facts), givenBy != .person || !person.isChild {
                throw CaseworkError.invalidInput(problem)
            }
            let consentId = "C-" + options.random.letters(8)
            guard let key = try vault.caseKey(referral.caseCode, db: db) else { throw CaseworkError.damaged("case \(referral.caseCode) has no key") }
            let languages = ConsentLanguages(interpreter: interpreterLanguage?.lowercased(), explainedIn: explainedIn.lowercased())
            try ConsentRow(id: consentId, referralId: referral.id, givenBy: givenBy, organizationId: referral.organizationId,
                           scopes: scopes.sorted().map(\.rawValue).joined(separator: ","), interpreterLanguage: nil,
                           explained: explained.sorted().map(\.rawValue).joined(separator: ","), explainedIn: nil,
                           languagesSealed: try vault.seal(languages, key: key, context: "consent:\(consentId)"),
                           obtainedBy: who.name, obtainedByOrganization: who.organization, obtainedAt: now, withdrawnAt: nil).insert(db)
            return consentId
        }
    }

    /// Withdraws the consent of a referral: nothing more may be shared. A referral already sent becomes withdrawn.
    public func withdrawConsent(_ id: String) throws {
        let who = try requireOperator()
        let now = self.now
        try logged { db -> ((), LogHead?) in
            let referral = try referral(id, db: db)
            guard let consent = try currentConsent(referral.id, db: db) else {
                throw CaseworkError.invalidInput("Referral \(referral.id) has no consent to withdraw.")
            }
            return ((), try withdraw([consent], of: referral, by: who, at: now, db: db))
        }
    }

    /// Withdraws every consent of a case at once ("stop sharing with everyone"): every consent
    /// not yet withdrawn (not only each referral's latest) is marked withdrawn, every referral
    /// sent and not closed becomes withdrawn (those sent without consent, under an override,
    /// too), and each is logged, in one transaction. Returns how many referrals it concerned.
    @discardableResult
    public func withdrawAllConsents(case code: String) throws -> Int {
        let who = try requireOperator()
        let now = self.now
        return try logged { db -> (Int, LogHead?) in
            let file = try liveCase(code, db: db)
            var head: LogHead?
            var count = 0
            for row in try Referral.filter(Column("case_code") == file.code).order(Column("created_at"), Column("id")).fetchAll(db) {
                let referral = try revealed(row, db: db)
                let live = try ConsentRow.filter(Column("referral_id") == referral.id && Column("withdrawn_at") == nil).fetchAll(db)
                let sent = !referral.status.isFinal && referral.status != .draft
                guard !live.isEmpty || sent else { continue }
                head = try withdraw(live, of: referral, by: who, at: now, db: db)
                count += 1
            }
            if count == 0 { throw CaseworkError.invalidInput("Case \(file.code) shares nothing: no consent in force and no referral under way.") }
            return (count, head)
        }
    }

    /// Marks consents withdrawn and logs it; a sent referral becomes withdrawn. Only the
    /// withdrawal date is written: the consent's sealed columns stay as they are.
    func withdraw(_ consents: [ConsentRow], of referral: Referral, by who: Operator, at now: Date, db: Database) throws -> LogHead {
        var referral = referral
        for consent in consents {
            try db.execute(sql: "UPDATE consent SET withdrawn_at = ? WHERE id = ?", arguments: [now, consent.id])
        }
        var entry = LogEntry(kind: "consent-withdrawn", at: now, caseCode: referral.caseCode, operator: who, referralId: referral.id)
        entry.consentId = consents.last?.id
        if !referral.status.isFinal && referral.status != .draft {
            referral.status = .withdrawn
            try seal(reason: "consent withdrawn", on: &referral, db: db)
            referral.withdrawnAt = now
            try referral.update(db)
            entry.status = ReferralStatus.withdrawn.rawValue
        }
        return try HandoffLog.append(entry, db: db, keys: keys)
    }

    /// The referral's latest consent (withdrawn or not); nil when none was recorded.
    func currentConsent(_ referralId: String, db: Database) throws -> ConsentRow? {
        guard var row = try ConsentRow.filter(Column("referral_id") == referralId)
            .order(Column("obtained_at").desc, Column("rowid").desc).fetchOne(db) else { return nil }
        // Open the sealed languages (consents recorded before they were sealed keep them in clear).
        if let sealed = row.languagesSealed, let referral = try Referral.fetchOne(db, key: referralId),
           let key = try vault.caseKey(referral.caseCode, db: db) {
            let languages = try vault.unseal(ConsentLanguages.self, sealed, key: key, context: "consent:\(row.id)")
            row.interpreterLanguage = languages.interpreter
            row.explainedIn = languages.explainedIn
        }
        return row
    }
}

/// The languages of a consent, sealed together.
struct ConsentLanguages: Codable {
    var interpreter: String?
    var explainedIn: String?
}
