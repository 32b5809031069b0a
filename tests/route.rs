//! The address (src/route.rs): every route survives the trip to a hash and back, anything
//! else reads as the default view without failing, and only a new screen, ledger or open
//! problem is a step for the back button.

use rectify::route::{format, is_new_step, parse, Route, Screen};
use rectify_core::ledger::{Filter, Light, Status};

fn full() -> Route {
    Route {
        screen: Screen::Checklist,
        ledger: Some("5f0c8a2e-3b1d-4c8e-9a7f-1d2e3f4a5b6c".into()),
        problem: Some(17),
        filter: Filter {
            status: Some(Status::InProgress),
            department: Some("党政办 & 财务科".into()),
            light: Some(Light::Red),
            review: Some(rectify_core::ledger::ReviewState::Returned),
            text: " 会议 记录?#&=+% ".into(),
        },
    }
}

#[test]
fn a_route_survives_the_hash_and_back() {
    let route = full();
    let hash = format(&route).unwrap();
    assert!(hash.starts_with("#/checklist?l=5f0c8a2e"), "{hash}");
    assert_eq!(
        hash.matches('#').count(),
        1,
        "a # in a value is escaped: {hash}"
    );
    assert_eq!(parse(&hash), route);
    for screen in [
        Screen::Checklist,
        Screen::Progress,
        Screen::Rules,
        Screen::Bulletin,
        Screen::Info,
        Screen::Report,
        Screen::History,
        Screen::Ledgers,
        Screen::Help,
        Screen::Rounds,
    ] {
        let route = Route {
            screen,
            ..Route::default()
        };
        assert_eq!(parse(&format(&route).unwrap()), route, "{screen:?}");
    }
    assert_eq!(format(&Route::default()).unwrap(), "#/checklist");
}

#[test]
fn the_import_previews_have_no_address() {
    for screen in [Screen::BulletinImport, Screen::XlsxImport] {
        let route = Route {
            screen,
            ..Route::default()
        };
        assert_eq!(format(&route), None);
    }
}

#[test]
fn garbage_reads_as_the_default_view() {
    for hash in [
        "",
        "#",
        "#/",
        "#/nonsense",
        "#%%%",
        "#/checklist?p=abc&status=bogus&light=purple",
        "#/checklist?p=0&p=-3",
        "#/checklist?=&&&==",
        "#?l=",
        "#/progress/extra/parts",
        "\u{0}\u{fffd}",
    ] {
        let route = parse(hash);
        assert_eq!(route.problem, None, "{hash:?}");
        assert_eq!(route.ledger, None, "{hash:?}");
        assert_eq!(route.filter, Filter::default(), "{hash:?}");
        assert!(
            matches!(route.screen, Screen::Checklist),
            "{hash:?} → {:?}",
            route.screen
        );
    }
    // parts understood are kept next to parts not understood
    let route = parse("#/report?x=1&l=abc&p=x");
    assert_eq!(route.screen, Screen::Report);
    assert_eq!(route.ledger.as_deref(), Some("abc"));
    assert_eq!(route.problem, None);
    // without the "#/" and with Chinese typed straight into the address bar
    let route = parse("checklist?q=会议&dept=办公室");
    assert_eq!(route.filter.text, "会议");
    assert_eq!(route.filter.department.as_deref(), Some("办公室"));
}

#[test]
fn only_a_new_screen_ledger_or_problem_is_a_step_back() {
    let a = full();
    let mut b = a.clone();
    b.filter.text = "会".into();
    assert!(
        !is_new_step(&a, &b),
        "typing in the search replaces the entry"
    );
    b.problem = Some(3);
    assert!(is_new_step(&a, &b));
    let c = Route {
        screen: Screen::Report,
        ..a.clone()
    };
    assert!(is_new_step(&a, &c));
}
