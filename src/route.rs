//! The address: which screen, ledger, open problem and checklist filter the page shows, as
//! the part of the URL after `#` ("#/checklist?l=<ledger id>&p=3&q=会议"), so a reload,
//! the browser's back and forward, and a link sent to a colleague keep them. A hash works
//! from file:// (the one file) as from a host. Plain functions, tested natively
//! (`tests/route.rs`); `ui/routing.rs` reads and writes the browser's address with them.

use rectify_core::ledger::{Filter, Light, ReviewState, Status};

/// Which screen is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    #[default]
    Checklist,
    Rules,
    Bulletin,
    Info,
    Ledgers,
    BulletinImport,
    /// 从 Excel 导入: the preview of a read workbook
    XlsxImport,
    History,
    Report,
    Progress,
    /// 帮助: the user guide
    Help,
    /// 巡察轮次 · 汇总: the inspection office's rounds
    Rounds,
}

/// The screens an address can name, with the word it uses. The two import previews are
/// not among them: they show a file just read, which a link cannot carry.
const SCREENS: [(Screen, &str); 10] = [
    (Screen::Checklist, "checklist"),
    (Screen::Progress, "progress"),
    (Screen::Rules, "rules"),
    (Screen::Bulletin, "bulletin"),
    (Screen::Info, "info"),
    (Screen::Report, "report"),
    (Screen::History, "history"),
    (Screen::Ledgers, "ledgers"),
    (Screen::Help, "help"),
    (Screen::Rounds, "rounds"),
];

impl Screen {
    /// The word for this screen in the address; None for the import previews.
    pub fn slug(self) -> Option<&'static str> {
        SCREENS.iter().find(|(s, _)| *s == self).map(|(_, w)| *w)
    }
}

/// What an address says. Parts it does not say are None or empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    pub screen: Screen,
    /// the ledger's id (`ledger_id`), so a link opens that ledger
    pub ledger: Option<String>,
    /// the open problem by its number (第3项), in the checklist
    pub problem: Option<usize>,
    /// the checklist's filter
    pub filter: Filter,
}

/// Read an address's hash ("#/report?l=…", with or without the "#"). Anything it does not
/// understand is left at its default: an unknown screen is the checklist, a bad number no
/// open problem, an unknown status or light no filter on it. Never fails.
pub fn parse(hash: &str) -> Route {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let hash = hash.strip_prefix('/').unwrap_or(hash);
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let mut route = Route {
        screen: SCREENS
            .iter()
            .find(|(_, w)| *w == path.trim_end_matches('/'))
            .map_or(Screen::Checklist, |(s, _)| *s),
        ..Route::default()
    };
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let value = value.into_owned();
        match key.as_ref() {
            "l" if !value.trim().is_empty() => route.ledger = Some(value.trim().to_string()),
            "p" => route.problem = value.trim().parse().ok().filter(|&n| n > 0),
            "q" => route.filter.text = value,
            "status" => {
                route.filter.status = Status::ALL.iter().find(|s| s.code() == value).cloned()
            }
            "dept" if !value.is_empty() => route.filter.department = Some(value),
            "light" => route.filter.light = Light::from_code(&value),
            "review" => route.filter.review = ReviewState::from_code(&value),
            _ => {}
        }
    }
    route
}

/// The hash for a route, "#/checklist?l=…&p=3&status=done&dept=…&light=red&q=…"; parts at
/// their default are left out. None for a screen an address cannot name.
pub fn format(route: &Route) -> Option<String> {
    let slug = route.screen.slug()?;
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(id) = &route.ledger {
        query.append_pair("l", id);
    }
    if let Some(n) = route.problem {
        query.append_pair("p", &n.to_string());
    }
    let f = &route.filter;
    if let Some(status) = &f.status {
        query.append_pair("status", status.code());
    }
    if let Some(dept) = &f.department {
        query.append_pair("dept", dept);
    }
    if let Some(light) = f.light {
        query.append_pair("light", light.code());
    }
    if let Some(review) = f.review {
        query.append_pair("review", review.code());
    }
    if !f.text.is_empty() {
        query.append_pair("q", &f.text);
    }
    let query = query.finish();
    Some(if query.is_empty() {
        format!("#/{slug}")
    } else {
        format!("#/{slug}?{query}")
    })
}

/// Whether going from the address `from` to `to` is a step the back button should undo
/// (another screen, ledger or open problem) rather than a refinement that replaces the
/// current entry (the filter, which changes on every keystroke of a search).
pub fn is_new_step(from: &Route, to: &Route) -> bool {
    from.screen != to.screen || from.ledger != to.ledger || from.problem != to.problem
}
