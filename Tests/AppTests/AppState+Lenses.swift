import App
import Casework
import Directory
import Foundation
import Routing
import Terminal

/// Read-outs of the screens on the stack, for tests: each is the nearest such screen's model, or nothing.
extension AppState {
    private func nearest<T>(_ pick: (Screen) -> T?) -> T? { stack.reversed().lazy.compactMap(pick).first }

    var checklist: Checklist? { nearest { if case .checklist(let screen) = $0 { screen.checklist } else { nil } } }
    var screening: ScreeningSheet? { nearest { if case .screening(let screen) = $0 { screen.sheet } else { nil } } }
    var consent: ConsentForm? { nearest { if case .consent(let screen) = $0 { screen.form } else { nil } } }
    var preview: FormPreview? { nearest { if case .formPreview(let screen) = $0 { screen } else { nil } } }
    var identity: IdentityForm? { nearest { if case .identity(let screen) = $0 { screen } else { nil } } }
    var notification: NotificationView? { nearest { if case .notification(let screen) = $0 { screen } else { nil } } }
    var referrals: [Referral] { nearest { if case .referrals(let screen) = $0 { screen.referrals } else { nil } } ?? [] }
    var route: Route? { nearest { if case .pathway(let screen) = $0 { screen.route } else { nil } } }
    var pathway: PathwayScreen? { nearest { if case .pathway(let screen) = $0 { screen } else { nil } } }
    var detail: ServiceDetail? { nearest { if case .detail(let screen) = $0 { screen.detail } else { nil } } }
    var detailScroll: Int { nearest { if case .detail(let screen) = $0 { screen.scroll } else { nil } } ?? 0 }
    /// The dialog open (always the top screen).
    var dialog: CaseworkDialog? { if case .dialog(let dialog) = screen { dialog } else { nil } }
    var help: HelpScreen? { nearest { if case .help(let screen) = $0 { screen } else { nil } } }

    /// The intake form showing (a blank one when none is); set, it replaces the one showing.
    var intake: IntakeForm {
        get { nearest { if case .intake(let form) = $0 { form } else { nil } } ?? IntakeForm() }
        set { if case .intake = screen { replaceTop(.intake(newValue)) } }
    }

    var list: ListView { directory.list }
    var search: TextInput { directory.search }
    var filters: Filters { directory.filters }
    var focus: Focus { directory.focus }
    var generation: Int { directory.generation }
    var picker: Picker? { directory.picker }
}

extension Screen {
    /// The case's name (`checklist`, `pathway`), for a test to say which screen shows.
    var name: String { Mirror(reflecting: self).children.first?.label ?? String(describing: self) }
}
