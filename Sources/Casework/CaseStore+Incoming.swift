import Crypto
import Foundation
import GRDB
import SOP

/// The receiving side of the offline exchange: referrals imported from other organizations, the
/// answers given to them, and the senders' withdrawal notices.
extension CaseStore {
    /// The statuses a receiving organization answers with.
    static let answers: [ReferralStatus] = [.acknowledged, .accepted, .declined, .serviceStarted, .closed]

    /// Creates the incoming referral: a case in this home with exactly the shared data (sealed as
    /// every case is), its area `area` (the receiving location's P-code, from the directory),
    /// `received_at` recorded; the sender's steps kept as done by the sender; logged (`incoming`).
    ///
    /// The case's profile is what the form's person fields say (unknown otherwise); its identity
    /// only the identifying fields the form carries; the form itself is kept sealed under the case's
    /// key (`incomingForm`). Screening answers on the form become this case's screening, recorded
    /// by the sender's organization, so the person is not screened again and an onward referral
    /// counts it; no other step, and no consent, carries over. The same envelope again returns
    /// `.alreadyImported` and writes nothing; the same referral in another envelope is refused.
    public func receiveReferral(_ received: ReceivedReferral, area: String, region: String? = nil) throws -> IncomingReceipt {
        let who = try requireOperator()
        let now = self.now
        let envelope = received.envelopeID.trimmingCharacters(in: .whitespacesAndNewlines)
        let place = area.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard !envelope.isEmpty else { throw CaseworkError.invalidInput("The envelope has no id: nothing was imported. Ask the sender to write it again.") }
        guard !place.isEmpty else {
            throw CaseworkError.invalidInput("Give the area of the receiving location (its P-code, e.g. XA0101): the case is opened there. Nothing was imported.")
        }
        let form = try ReceivedForm(json: received.formJSON)
        guard form.referralId == received.referralID else {
            throw CaseworkError.invalidInput("The envelope names referral \(received.referralID) but carries the form of \(form.referralId): "
                + "nothing was imported. Ask \(received.senderOrganizationName) to send the referral again.")
        }
        if let service = form.receivingServiceId, service != received.serviceID {
            throw CaseworkError.invalidInput("The envelope is for service \(received.serviceID) but its form refers to \(service): "
                + "nothing was imported. Ask \(received.senderOrganizationName) to send the referral again.")
        }
        guard let receiver = (received.receivingOrganizationID ?? who.organizationId)?.nilIfEmpty else {
            throw CaseworkError.invalidInput("This home's organization id is not set, so answers could not name it: "
                + "waymark operator set --organization-id ID (as the shared directory has it). Nothing was imported.")
        }
        return try logged { db -> (IncomingReceipt, LogHead?) in
            if let existing = try IncomingReferralRow.filter(Column("envelope_id") == envelope).fetchOne(db) {
                try vault.checkRows(case: existing.caseCode, db: db)
                return (.alreadyImported(try existing.incoming()), nil)
            }
            if let existing = try IncomingReferralRow.fetchOne(db, key: received.referralID) {
                throw CaseworkError.invalidInput("Referral \(existing.referralId) was already received, in envelope \(existing.envelopeId) "
                    + "(case \(existing.caseCode)); envelope \(envelope) carries it again. Nothing was imported: follow it as case \(existing.caseCode).")
            }
            var profile = form.profile(area: place, at: now)
            profile.formallyIdentified = .unknown
            var code = options.random.caseCode()
            while try CaseFile.exists(db, key: code.rawValue) { code = options.random.caseCode() }
            let (key, wrapped) = try vault.newCaseKey(for: code.rawValue)
            var file = CaseFile(code: code.rawValue, openedAt: now, openedBy: who.name, openedByOrganization: who.organization,
                                firstContactAt: now, channel: CaseVocabulary.incomingReferral, profile: "", profileSealed: nil, region: region,
                                sex: profile.sex, ageBand: AgeBand.of(profile), isChild: profile.isPresumedChild, screeningResult: nil,
                                notifiedAt: nil, erasedAt: nil)
            file.profileSealed = try vault.seal(profile, key: key, context: "profile:\(file.code)")
            let screenings = form.screeningRecords(questionnaire: options.questionnaire, child: file.isChild)
            file.screeningResult = screeningResult(of: screenings, child: file.isChild)?.rawValue
            try file.insert(db)
            try db.execute(sql: "INSERT INTO case_key (case_code, wrapped_key) VALUES (?, ?)", arguments: [file.code, wrapped])
            if let identity = form.identity {
                try storeIdentity(identity, case: file.code, key: key, by: "\(who.name) (\(who.organization))", at: now, db: db)
            }
            // The screening as the sender recorded it: done by the sender's organization, reusable here.
            // Consent never carries over: the sender's consent step is not kept as a step done here.
            let screenedAt = received.stepsDone.last { $0.step == "screening" }?.recordedAt ?? received.sentAt
            for record in screenings {
                try StepRow(id: nil, caseCode: file.code, referralId: nil, stepId: "screening", summary: "\(record.set): \(record.result.rawValue)",
                            sealedDetails: try vault.seal(StepDetails(screening: record), key: key, context: "step:\(file.code)"),
                            recordedBy: form.referringWorker ?? received.senderOrganizationName,
                            recordedByOrganization: received.senderOrganizationName, recordedAt: screenedAt).insert(db)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let row = IncomingReferralRow(
                referralId: received.referralID, envelopeId: envelope, caseCode: file.code, fromOrganizationId: received.senderOrganizationID,
                fromOrganizationName: received.senderOrganizationName, receivingOrganizationId: receiver, serviceId: received.serviceID,
                locationId: received.locationID, sentAt: received.sentAt, receivedAt: now, receivedBy: "\(who.name) (\(who.organization))",
                status: .sent, stepsDone: String(decoding: try encoder.encode(received.stepsDone.filter { $0.step != "consent" }), as: UTF8.self), legalBasis: form.legalBasis,
                formSealed: try vault.seal(received.formJSON, key: key, context: "incoming-form:\(received.referralID)"))
            try row.insert(db)
            var entry = LogEntry(kind: "incoming", at: now, caseCode: file.code, operator: who, referralId: row.referralId)
            entry.serviceId = row.serviceId
            entry.organizationId = row.fromOrganizationId
            entry.status = ReferralStatus.sent.rawValue
            entry.envelopeId = envelope
            entry.steps = screenings.isEmpty ? nil : ["screening"]
            entry.basis = form.sharedByLegalDuty ? "legal-duty" : form.legalBasis
            entry.formHash = HandoffLog.hex(Data(HMAC<SHA256>.authenticationCode(for: received.formJSON, using: key)))
            return (.created(try row.incoming()), try HandoffLog.append(entry, db: db, keys: keys))
        }
    }

    /// The incoming referrals, newest first.
    public func incomingReferrals() throws -> [IncomingReferral] {
        try writer.read { db in
            guard let rowKey = vault.keys.rowKey else { throw CaseworkError.damaged("the integrity key is missing") }
            if let problem = try RowIntegrity.firstProblem(in: RowIntegrity.incomingReferral, db: db, key: rowKey) {
                throw CaseworkError.rowDoesNotVerify(problem)
            }
            return try IncomingReferralRow.order(Column("received_at").desc, Column("referral_id")).fetchAll(db).map { try $0.incoming() }
        }
    }

    /// An incoming referral by the sender's referral id.
    public func incomingReferral(_ referralID: String) throws -> IncomingReferral {
        try writer.read { db in try incomingRow(referralID, db: db).incoming() }
    }

    /// The form of an incoming referral, as the sender handed it off (HTCDS JSON); refused once its case is erased.
    public func incomingForm(_ referralID: String) throws -> Data {
        try writer.read { db in
            let row = try incomingRow(referralID, db: db)
            guard let sealed = row.formSealed, let key = try vault.caseKey(row.caseCode, db: db) else {
                throw CaseworkError.caseErased(CaseCode(row.caseCode) ?? .fallback)
            }
            return try vault.unseal(Data.self, sealed, key: key, context: "incoming-form:\(row.referralId)")
        }
    }

    /// An incoming referral's row, once every row of its case verifies.
    func incomingRow(_ referralID: String, db: Database) throws -> IncomingReferralRow {
        let trimmed = referralID.trimmingCharacters(in: .whitespaces).uppercased()
        guard let code = try String.fetchOne(db, sql: "SELECT case_code FROM incoming_referral WHERE referral_id = ?", arguments: [trimmed]) else {
            throw CaseworkError.invalidInput("No referral \(trimmed) was received here: check the id (R- and eight letters) against the envelope.")
        }
        try vault.checkRows(case: code, db: db)
        guard let row = try IncomingReferralRow.fetchOne(db, key: trimmed) else { throw CaseworkError.unknownReferral(referralID) }
        return row
    }

    /// The receiver answers: moves the incoming referral through the same lifecycle as an outgoing
    /// one (from `sent`), logged (`response`); returns the notice to seal to the sender.
    ///
    /// Accepting sets `accepted_at` (HTCDS `cas_IncomingReferralDate`). A decline needs a reason
    /// code (`other` with a note, sealed with the case, which stays here); closing needs an
    /// outcome. A withdrawal is not an answer: it comes from the sender as a withdrawal notice.
    ///
    /// `deliver` runs inside the transaction with the notice (it seals and writes the answer's envelope): when it
    /// throws, nothing is recorded, so an answer never stands here without the file that tells the sender.
    public func respond(to referralID: String, status: ReferralStatus, declineReason: DeclineReason? = nil, outcome: ReferralOutcome? = nil,
                        note: String? = nil, deliver: (FeedbackNotice) throws -> Void = { _ in }) throws -> FeedbackNotice {
        let who = try requireOperator()
        let now = self.now
        guard Self.answers.contains(status) else {
            throw CaseworkError.invalidInput("A receiving organization answers acknowledged, accepted, declined, service-started or closed, "
                + "not \(status.rawValue)" + (status == .withdrawn ? ": a withdrawal comes from the sender, as a withdrawal notice." : "."))
        }
        try StatusChange.checkCodes(for: status, declineReason: declineReason, outcome: outcome)
        return try logged { db -> (FeedbackNotice, LogHead?) in
            var row = try incomingRow(referralID, db: db)
            try checkAgainstLog(case: row.caseCode, db: db)
            let change = try StatusChange(from: row.status, to: status, note: note, declineReason: declineReason, outcome: outcome)
            if let code = change.declineReason { row.declineReason = code }
            if let outcome = change.outcome { row.outcome = outcome }
            if let note = change.note {
                guard let key = try vault.caseKey(row.caseCode, db: db) else { throw CaseworkError.caseErased(CaseCode(row.caseCode) ?? .fallback) }
                row.statusReasonSealed = try vault.seal(note, key: key, context: "incoming-reason:\(row.referralId)")
            }
            row.status = status
            row.setDate(now, of: status)
            try row.update(db)
            var entry = LogEntry(kind: "response", at: now, caseCode: row.caseCode, operator: who, referralId: row.referralId)
            entry.status = status.rawValue
            entry.organizationId = row.fromOrganizationId
            let notice = FeedbackNotice(referralID: row.referralId, status: status, declineReason: change.declineReason, outcome: change.outcome,
                                        at: now, organizationID: row.receivingOrganizationId)
            let head = try HandoffLog.append(entry, db: db, keys: keys)
            try deliver(notice)
            return (notice, head)
        }
    }

    /// The latest answer given to an incoming referral, to send again (a lost or unwritten file); nil before any.
    public func latestAnswer(_ referralID: String) throws -> FeedbackNotice? {
        try writer.read { db in
            let row = try incomingRow(referralID, db: db)
            guard Self.answers.contains(row.status) else { return nil }
            let at: Date? = switch row.status {
            case .acknowledged: row.acknowledgedAt
            case .accepted: row.acceptedAt
            case .declined: row.declinedAt
            case .serviceStarted: row.serviceStartedAt
            case .closed: row.closedAt
            default: nil
            }
            return FeedbackNotice(referralID: row.referralId, status: row.status, declineReason: row.declineReason, outcome: row.outcome,
                                  at: at ?? row.receivedAt, organizationID: row.receivingOrganizationId)
        }
    }

    /// The receiver applies a sender's withdrawal notice: the incoming case is erased
    /// (crypto-shredded, as `erase`) unless the data was shared by legal duty (a child's referral
    /// to child protection) or the person is in this home's care and consents directly
    /// (`personInCareConsents`). Which of these is recorded and logged (`withdrawal`); the incoming
    /// referral becomes withdrawn (one already ended keeps its status). A notice not from the
    /// referral's sender is refused; the same notice again, or a second one, is `.alreadyHandled`.
    public func applyWithdrawal(_ notice: ReceivedWithdrawal, personInCareConsents: Bool) throws -> WithdrawalOutcome {
        let who = try requireOperator()
        let now = self.now
        return try logged { db -> (WithdrawalOutcome, LogHead?) in
            if try IncomingReferralRow.filter(Column("withdrawal_envelope_id") == notice.envelopeID).fetchCount(db) > 0 {
                return (.alreadyHandled, nil)
            }
            var row = try incomingRow(notice.referralID, db: db)
            guard row.fromOrganizationId == notice.fromOrganizationID else {
                throw CaseworkError.invalidInput("The withdrawal notice for \(row.referralId) comes from \(notice.fromOrganizationID), but the referral "
                    + "came from \(row.fromOrganizationName) (\(row.fromOrganizationId)): only its sender withdraws it. Nothing was changed.")
            }
            if row.withdrawalOutcome != nil { return (.alreadyHandled, nil) }
            try checkAgainstLog(case: row.caseCode, db: db)
            let file = try caseFile(row.caseCode, db: db)
            let outcome: WithdrawalOutcome = row.legalBasis == LegalBasis.childProtectionDuty.rawValue ? .keptLegalDuty
                : personInCareConsents ? .keptInCare : .erased
            if outcome == .erased && file.erasedAt == nil {
                // Onward sharing stops first: every consent of the case withdrawn, every onward referral under way
                // withdrawn (each logged), so their own withdrawal notices can still be written after the shredding.
                for onward in try Referral.filter(Column("case_code") == file.code).order(Column("created_at"), Column("id")).fetchAll(db) {
                    let referral = try revealed(onward, db: db)
                    let live = try ConsentRow.filter(Column("referral_id") == referral.id && Column("withdrawn_at") == nil).fetchAll(db)
                    guard !live.isEmpty || (!referral.status.isFinal && referral.status != .draft) else { continue }
                    _ = try withdraw(live, of: referral, by: who, at: now, db: db)
                }
                _ = try shred(file, by: who, at: now, db: db)
                row = try IncomingReferralRow.fetchOne(db, key: row.referralId) ?? row
            }
            if !row.status.isFinal {
                row.status = .withdrawn
                row.withdrawnAt = now
            }
            row.withdrawalEnvelopeId = notice.envelopeID
            row.withdrawalOutcome = outcome
            try row.update(db)
            var entry = LogEntry(kind: "withdrawal", at: now, caseCode: row.caseCode, operator: who, referralId: row.referralId)
            entry.status = row.status.rawValue
            entry.organizationId = row.fromOrganizationId
            entry.envelopeId = notice.envelopeID
            entry.withdrawalOutcome = outcome.rawValue
            return (outcome, try HandoffLog.append(entry, db: db, keys: keys))
        }
    }
}
