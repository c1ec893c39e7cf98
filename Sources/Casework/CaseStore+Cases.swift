import Crypto
import Directory
import Foundation
import GRDB
import Routing
import SOP

/// Cases: opening one, its profile and identity, its SOP steps, needs, notification and erasure.
extension CaseStore {
    /// Opens a case for a person described by a routing profile; returns its code.
    ///
    /// Formal identification is not the responder's to tick: whatever the profile says of it is
    /// set aside (unknown) until `recordDecision` records a conclusive decision.
    public func openCase(profile given: ClientProfile, channel: String? = nil, firstContact: Date? = nil, region: String? = nil) throws -> CaseCode {
        let who = try requireOperator()
        if let channel, !CaseVocabulary.channels.contains(channel) {
            throw CaseworkError.invalidInput("'\(channel)' is not an identification channel; use one of: \(CaseVocabulary.channels.joined(separator: ", ")).")
        }
        let now = self.now
        var profile = given
        profile.formallyIdentified = .unknown
        if let firstContact, firstContact > now.addingTimeInterval(300) {
            throw CaseworkError.invalidInput("The first contact is in the future; give the date and time the person first got in touch.")
        }
        return try writer.write { db in
            var code = options.random.caseCode()
            while try CaseFile.exists(db, key: code.rawValue) { code = options.random.caseCode() }
            let (key, wrapped) = try vault.newCaseKey(for: code.rawValue)
            var file = CaseFile(code: code.rawValue, openedAt: now, openedBy: who.name, openedByOrganization: who.organization,
                                firstContactAt: firstContact ?? now, channel: channel, profile: "", profileSealed: nil, region: region,
                                sex: profile.sex, ageBand: AgeBand.of(profile), isChild: profile.isPresumedChild, screeningResult: nil,
                                notifiedAt: nil, erasedAt: nil)
            file.profileSealed = try vault.seal(profile, key: key, context: "profile:\(code.rawValue)")
            try file.insert(db)
            try db.execute(sql: "INSERT INTO case_key (case_code, wrapped_key) VALUES (?, ?)", arguments: [code.rawValue, wrapped])
            return code
        }
    }

    /// A case row, once every row of the case verifies under the integrity key (`RowIntegrity`).
    func caseFile(_ code: String, db: Database) throws -> CaseFile {
        guard let normalized = CaseCode(code), let file = try CaseFile.fetchOne(db, key: normalized.rawValue) else {
            throw CaseworkError.unknownCase(code)
        }
        try vault.checkRows(case: file.code, db: db)
        return file
    }

    /// Refuses (exit 5) when a row of the case does not match what the hand-off log says of it
    /// (`LogConsistency`): an older copy put back, a withdrawal or a hand-off undone.
    func checkAgainstLog(case code: String, db: Database) throws {
        if let (problem, _) = try LogConsistency(db: db, case: code).firstProblem(db: db, case: code) {
            throw CaseworkError.rowDoesNotVerify(problem)
        }
    }

    func liveCase(_ code: String, db: Database) throws -> CaseFile {
        let file = try caseFile(code, db: db)
        if file.erasedAt != nil, let erased = CaseCode(file.code) { throw CaseworkError.caseErased(erased) }
        return file
    }

    /// Updates a case's profile (what eligibility depends on), sealed again under its key, and
    /// records it as a step of the case (`profile-update`, its summary saying only that it was
    /// updated). Formal identification is not changed here: only a decision sets it. The age goes through the age step's rule (`AgeRecord.apply`); a change between
    /// child and adult reads the screening again.
    public func updateProfile(_ code: String, region: String? = nil, _ change: (inout ClientProfile) throws -> Void) throws -> ClientProfile {
        let who = try requireOperator()
        let now = self.now
        return try writer.write { db in
            var file = try liveCase(code, db: db)
            let before = try vault.profile(of: file, db: db)
            var after = before
            try change(&after)
            // Identification follows the competent authority's decisions only (`recordDecision`).
            after.formallyIdentified = before.formallyIdentified
            let changed = after.changedFields(from: before)
            guard !changed.isEmpty else { throw CaseworkError.invalidInput("Nothing to change: give the facts that changed, e.g. --facing-charges yes.") }
            let wasChild = file.isChild
            try vault.setProfile(after, on: &file, db: db)
            if wasChild != file.isChild {
                file.screeningResult = screeningResult(of: try screeningRecords(file.code, db: db), child: file.isChild)?.rawValue ?? file.screeningResult
            }
            if let region { file.region = region }
            try file.update(db)
            // Not even which facts changed is kept in clear: a changed nationality says something.
            try insertStep("profile-update", case: file.code, referral: nil, summary: "profile updated",
                           details: StepDetails(), by: who, at: now, db: db)
            return after
        }
    }

    /// The routing profile of a case (for `route --case`).
    public func profile(of code: String) throws -> ClientProfile {
        try writer.read { db in
            let file = try caseFile(code, db: db)
            return try vault.profile(of: file, db: db)
        }
    }

    /// Records (or adds to) the identifying data of a case, sealed under its key.
    public func identify(_ code: String, identity update: Identity) throws {
        let who = try requireOperator()
        let now = self.now
        try writer.write { db in
            let file = try liveCase(code, db: db)
            guard let key = try vault.caseKey(file.code, db: db) else { throw CaseworkError.damaged("case \(file.code) has no key") }
            var identity = Identity()
            if let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM case_identity WHERE case_code = ?", arguments: [file.code]) {
                identity = try vault.unseal(Identity.self, sealed, key: key, context: "identity:\(file.code)")
            }
            identity = identity.merged(with: update)
            // A date of birth that makes the person a child makes them a child (one showing an
            // adult does not lift the presumption of minority: only an assessment does).
            if let born = update.dateOfBirth, let years = Identity.years(bornOn: born, at: now), years < 18 {
                var file = file
                var profile = try vault.profile(of: file, db: db)
                profile.childByDateOfBirth(years: years)
                try vault.setProfile(profile, on: &file, db: db)
                try file.update(db)
            }
            try storeIdentity(identity, case: file.code, key: key, by: "\(who.name) (\(who.organization))", at: now, db: db)
        }
    }

    /// Seals a case's whole identity under its key, replacing what was stored.
    func storeIdentity(_ identity: Identity, case code: String, key: SymmetricKey, by who: String, at now: Date, db: Database) throws {
        let sealed = try vault.seal(identity, key: key, context: "identity:\(code)")
        try db.execute(sql: """
            INSERT INTO case_identity (case_code, sealed, updated_at, updated_by) VALUES (?, ?, ?, ?)
            ON CONFLICT(case_code) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, arguments: [code, sealed, now, who])
    }

    /// The identifying data of a case; nil when none was recorded or the case was erased.
    ///
    /// Every opening that finds data is written to the access log first (nothing is shown unlogged).
    public func identity(_ code: String) throws -> Identity? {
        try permit(.readIdentifyingData)
        let found = try writer.read { db in try identity(of: try caseFile(code, db: db), db: db) }
        if found != nil { try recordAccess(.identity, case: code) }
        return found
    }

    func identity(of file: CaseFile, db: Database) throws -> Identity? {
        guard let key = try vault.caseKey(file.code, db: db),
              let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM case_identity WHERE case_code = ?", arguments: [file.code]) else {
            return nil
        }
        return try vault.unseal(Identity.self, sealed, key: key, context: "identity:\(file.code)")
    }

    /// The step ids of the procedure.
    var stepIds: [String] { procedure.steps.map(\.id.rawValue) }

    func procedureStep(_ id: String, scope: StepScope) throws -> ProcedureStep {
        guard let step = procedure.steps.first(where: { $0.id.rawValue == id }) else {
            throw CaseworkError.unknownStep(id, known: stepIds)
        }
        guard step.scope == scope else { throw CaseworkError.wrongStepScope(step: id, scope: step.scope) }
        if id == "consent" {
            throw CaseworkError.invalidInput("Consent is recorded with: waymark referral consent REF --given-by self|guardian --scope basic,...")
        }
        return step
    }

    /// Records a case step (safety, screening, age, guardian, child's views, ...).
    ///
    /// The age step updates the profile (a disputed age makes the person a child); the
    /// screening step records the result, which never blocks a referral for assistance.
    public func recordCaseStep(_ code: String, step stepId: String, details given: StepDetails) throws {
        let who = try requireOperator()
        // A legal representative is recorded when there is one; no procedure owes it.
        if stepId != "legal-representative" { _ = try procedureStep(stepId, scope: .perCase) }
        let structured = try given.structured(step: stepId, now: now)
        let now = self.now
        try writer.write { db in
            var details = structured
            var file = try liveCase(code, db: db)
            var summary = StepDetails.summary(stepId, details)
            switch stepId {
            case "screening":
                guard let screening = details.screening else {
                    throw CaseworkError.invalidInput("The screening step needs the questionnaire's answers: --answers FILE.")
                }
                var checked = screening
                if let questionnaire = options.questionnaire {
                    let answers: ScreeningAnswers
                    do {
                        answers = try ScreeningAnswers(sheet: ScreeningAnswerSheet(set: screening.set, answers: screening.answers),
                                                       questionnaire: questionnaire)
                    } catch {
                        throw CaseworkError.invalidInput(String(describing: error))
                    }
                    if file.isChild && answers.set.audience != .child {
                        throw CaseworkError.invalidInput("Case \(file.code) is a child (or of disputed age): use the child-labour or child-sexual set.")
                    }
                    checked.result = answers.result(child: file.isChild)
                    checked.questionnaireVersion = questionnaire.version
                    checked.strengthsUnconfirmed = answers.set.strengthsUnconfirmed ? true : nil
                } else if ScreeningRule.isDeclined(checked.answers) {
                    checked.result = .declined
                }
                summary = "\(checked.set): \(checked.result.rawValue)"
                // Each set adds to the case's screening (a set asked again replaces its own earlier
                // answers); the strongest result of the sets stands for the case.
                let others = try screeningRecords(file.code, db: db).filter { $0.set != checked.set }
                file.screeningResult = screeningResult(of: others + [checked], child: file.isChild)?.rawValue
                details.screening = checked
            case "age":
                guard let age = details.age else {
                    throw CaseworkError.invalidInput("The age step needs the age: {\"basis\": \"stated|estimated|disputed\", \"years\": 16} or \"from\"/\"to\".")
                }
                var profile = try vault.profile(of: file, db: db)
                age.apply(to: &profile)
                // A date of birth showing a child keeps the person a child, whatever is stated later.
                if let born = try identity(of: file, db: db)?.dateOfBirth, let years = Identity.years(bornOn: born, at: now), years < 18 {
                    profile.childByDateOfBirth(years: years)
                }
                let wasChild = file.isChild
                try vault.setProfile(profile, on: &file, db: db)
                // A code and a band, never the exact age.
                summary = "\(age.basis.rawValue), \(AgeBand.of(profile))"
                // The combination rule differs for a child (no "means" needed): a screening
                // already recorded is read again under the new age.
                let screenings = try screeningRecords(file.code, db: db)
                if wasChild != file.isChild, !screenings.isEmpty, let questionnaire = options.questionnaire {
                    let askAgain = screenings.compactMap { questionnaire.set(id: $0.set) }.filter { ($0.audience == .child) != file.isChild }.map(\.id)
                    file.screeningResult = screeningResult(of: screenings, child: file.isChild)?.rawValue
                    if !askAgain.isEmpty {
                        summary += "; the screening was asked with the \(askAgain.joined(separator: " and ")) set"
                            + "\(askAgain.count == 1 ? "" : "s"): ask the \(file.isChild ? "child" : "adult") set again"
                    }
                }
            case "safety" where details.answers["in_danger"] == "yes":
                // A person in danger now: every referral being prepared becomes an emergency (the
                // eligibility rules are applied again at the check and the hand-off, and an
                // override for a life at risk is possible); the summary says how many.
                let raised = try Referral.filter(Column("case_code") == file.code && Column("status") == ReferralStatus.draft
                                                 && Column("priority") != ReferralPriority.emergency).fetchAll(db)
                for var referral in raised {
                    referral.priority = .emergency
                    try referral.update(db)
                }
                if !raised.isEmpty {
                    summary += "; \(raised.count) referral\(raised.count == 1 ? "" : "s") in preparation raised to emergency"
                }
            default:
                break
            }
            try file.update(db)
            try insertStep(try StepID.given(stepId, known: stepIds), case: file.code, referral: nil, summary: summary, details: details,
                           by: who, at: now, db: db)
        }
    }

    /// The case's screening result: every set recorded, each read again under the rule for the
    /// person as they are now (child or adult), the strongest standing.
    func screeningResult(of records: [ScreeningRecord], child: Bool) -> ScreeningResult? {
        let results = records.map { record -> ScreeningResult in
            guard let set = options.questionnaire?.set(id: record.set) else { return record.result }
            return set.result(record.answers, child: child)
        }
        return ScreeningResult.strongest(results)
    }

    /// Inserts a step record, its details sealed under the case's key.
    func insertStep(_ stepId: StepID, case code: String, referral: String?, summary: String, details: StepDetails, by who: Operator,
                    at date: Date, db: Database) throws {
        guard let key = try vault.caseKey(code, db: db) else { throw CaseworkError.damaged("case \(code) has no key") }
        try StepRow(id: nil, caseCode: code, referralId: referral, stepId: stepId, summary: summary,
                    sealedDetails: try vault.seal(details, key: key, context: "step:\(code)"),
                    recordedBy: who.name, recordedByOrganization: who.organization, recordedAt: date).insert(db)
    }

    /// Records that routing found needs nobody could meet, or met only with a condition.
    public func recordNeeds(_ code: String, unmet: [String], conditional: [String]) throws {
        let now = self.now
        try writer.write { db in
            let file = try liveCase(code, db: db)
            for (kind, needs) in [("unmet", unmet), ("conditional", conditional)] {
                for need in Set(needs.compactMap(ServiceType.init(rawValue:))).sorted() {
                    let row = RecordedNeed(id: nil, caseCode: file.code, need: need, kind: kind, sex: file.sex, ageBand: file.ageBand, recordedAt: now)
                    try row.insert(db, onConflict: .ignore)
                }
            }
        }
    }

    /// Records an anonymous notification, for an adult who refuses consent to a referral: once per case.
    ///
    /// It carries no identifying field and not the case code: its own random id, nationality,
    /// where and when the exploitation took place (a region and a year), the exploitation types,
    /// sex and age band. The log records that the case was notified; the case stays as it is.
    public func notify(_ code: String, exploitedIn: String? = nil, exploitedYear: Int? = nil) throws -> AnonymousNotification {
        let who = try requireOperator()
        let now = self.now
        let place = exploitedIn?.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().nilIfEmpty
        // A code, never free text: an address or a name must not reach the notification.
        if let place, place.count > 12 || place.count < 2 || !place.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
            || !(place.first?.isLetter ?? false) {
            throw CaseworkError.invalidInput("Where the exploitation took place: a region's P-code or a country code (e.g. XA01 or XB), never an address.")
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        if let exploitedYear, !(1950...year).contains(exploitedYear) {
            throw CaseworkError.invalidInput("The year the exploitation took place must be between 1950 and \(year).")
        }
        return try logged { db -> (AnonymousNotification, LogHead?) in
            var file = try liveCase(code, db: db)
            if file.isChild {
                throw CaseworkError.invalidInput("A child is not notified anonymously: a child is referred to child protection, "
                    + "which needs no consent and never waits for a guardian.")
            }
            if let at = file.notifiedAt {
                throw CaseworkError.invalidInput("Case \(file.code) was already notified anonymously on \(ISO8601DateFormatter().string(from: at).prefix(10)); "
                    + "a case is notified once.")
            }
            let id = "N-" + options.random.letters(8)
            file.notifiedAt = now
            file.notificationId = id
            try file.update(db)
            let profile = try vault.profile(of: file, db: db)
            let notification = AnonymousNotification(notificationId: id, date: now, ageBand: file.ageBand, sex: file.sex?.rawValue,
                                                     nationality: profile.nationality, exploitedIn: place, exploitedYear: exploitedYear,
                                                     exploitation: profile.exploitation.map(\.rawValue), notifiedBy: who)
            var entry = LogEntry(kind: "notification", at: now, caseCode: file.code, operator: who)
            entry.formHash = try notification.hash()
            return (notification, try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// Erases a case by destroying its key (crypto-shredding): its name, date of birth, contact,
    /// narrative, step details and forms can no longer be read; the log still verifies and the
    /// report still counts it.
    public func erase(_ code: String) throws {
        let who = try authorize(.eraseCase)
        let now = self.now
        try logged { db -> ((), LogHead?) in
            ((), try shred(try liveCase(code, db: db), by: who, at: now, db: db))
        }
    }

    /// Crypto-shreds a case inside the caller's transaction and logs the erasure (`erase`); returns the log's head.
    func shred(_ given: CaseFile, by who: Operator, at now: Date, db: Database) throws -> LogHead {
        var file = given
        try db.execute(sql: "DELETE FROM case_key WHERE case_code = ?", arguments: [file.code])
        try db.execute(sql: "DELETE FROM case_identity WHERE case_code = ?", arguments: [file.code])
        try db.execute(sql: "UPDATE step_record SET sealed_details = NULL, summary = 'recorded' WHERE case_code = ?", arguments: [file.code])
        try db.execute(sql: "UPDATE consent SET interpreter_language = NULL, explained_in = NULL WHERE referral_id IN "
            + "(SELECT id FROM referral WHERE case_code = ?)", arguments: [file.code])
        try db.execute(sql: "UPDATE referral SET form_sealed = NULL, status_reason_sealed = NULL WHERE case_code = ?", arguments: [file.code])
        try db.execute(sql: "UPDATE nrm_decision SET reference_sealed = NULL WHERE case_code = ?", arguments: [file.code])
        // A received form and the receiver's own notes on it go with the key.
        try db.execute(sql: "UPDATE incoming_referral SET form_sealed = NULL, status_reason_sealed = NULL WHERE case_code = ?", arguments: [file.code])
        // Keep only what the report counts: sex, age band and region (already in their own columns).
        file.profile = ""
        file.profileSealed = nil
        file.erasedAt = now
        try file.update(db)
        return try HandoffLog.append(LogEntry(kind: "erasure", at: now, caseCode: file.code, operator: who), db: db, keys: keys)
    }
}
