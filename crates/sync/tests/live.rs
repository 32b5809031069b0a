//! Live sync's glue, natively: laptops (a `SyncPeer` and the page's `LedgerDoc`) and a samod
//! sync server in memory. Edits go both ways, offline edits converge, a wiped server is
//! refilled, and a server's copy that is not this ledger is refused with the page untouched.

mod common;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ROOT};
use common::{settle, wait, Laptop, Server, T0};
use rectify_core::document::{LedgerDoc, ProblemText};
use rectify_core::live::Refusal;

fn ledger_with_problem() -> (LedgerDoc, String) {
    let mut doc = LedgerDoc::create("巡察整改台账", Some("张三"), T0);
    let category = doc.add_category("一、党的建设方面").unwrap();
    let problem = doc.add_problem(&category, "会议记录不全").unwrap();
    doc.commit(T0);
    (doc, problem)
}

fn text(laptop: &Laptop, problem: &str, field: ProblemText) -> String {
    laptop
        .page
        .as_ref()
        .unwrap()
        .problem_text(problem, field)
        .unwrap()
}

/// A server, laptop A with a one-problem ledger, laptop B that joined it by link.
fn pair() -> (Server, Laptop, Laptop, String) {
    let mut server = Server::new();
    let (doc, problem) = ledger_with_problem();
    let id = doc.ledger_id();
    let mut a = Laptop::start(&id, Some(doc));
    settle(&mut server, &mut [&mut a]);
    assert!(a.connected, "A is connected");
    let mut b = Laptop::start(&id, None);
    settle(&mut server, &mut [&mut a, &mut b]);
    assert!(b.refused.is_none(), "{:?}", b.refused);
    (server, a, b, problem)
}

fn edit(laptop: &mut Laptop, problem: &str, field: ProblemText, value: &str) {
    let page = laptop.page.as_mut().unwrap();
    page.set_problem_text(problem, field, value).unwrap();
    laptop.send_local();
}

#[test]
fn a_colleague_joins_by_link_and_edits_go_both_ways() {
    let (mut server, mut a, mut b, problem) = pair();
    assert_eq!(text(&b, &problem, ProblemText::Description), "会议记录不全");

    edit(&mut a, &problem, ProblemText::Measures, "补齐记录");
    edit(&mut b, &problem, ProblemText::Cause, "制度执行不严");
    settle(&mut server, &mut [&mut a, &mut b]);
    for laptop in [&a, &b] {
        assert_eq!(text(laptop, &problem, ProblemText::Measures), "补齐记录");
        assert_eq!(text(laptop, &problem, ProblemText::Cause), "制度执行不严");
    }
}

#[test]
fn both_editing_one_text_keep_both_words() {
    let (mut server, mut a, mut b, problem) = pair();
    edit(
        &mut a,
        &problem,
        ProblemText::Description,
        "会议记录不全，共3次",
    );
    edit(
        &mut b,
        &problem,
        ProblemText::Description,
        "党委会议记录不全",
    );
    settle(&mut server, &mut [&mut a, &mut b]);
    let merged = text(&a, &problem, ProblemText::Description);
    assert_eq!(merged, text(&b, &problem, ProblemText::Description));
    assert!(
        merged.contains("党委") && merged.contains("共3次"),
        "{merged}"
    );
}

#[test]
fn offline_edits_converge_after_reconnect() {
    let (mut server, mut a, mut b, problem) = pair();

    a.go_offline();
    edit(&mut a, &problem, ProblemText::Progress, "已完成第一阶段");
    edit(&mut b, &problem, ProblemText::Evidence, "会议纪要3份");
    settle(&mut server, &mut [&mut a, &mut b]);
    assert_eq!(
        text(&b, &problem, ProblemText::Progress),
        "",
        "A's edit waits while offline"
    );
    a.go_online();
    // the dialer tries again after its back-off (1 s, doubling)
    wait(&mut server, &mut [&mut a, &mut b], 5_000);
    assert!(a.connected);
    for laptop in [&a, &b] {
        assert_eq!(
            text(laptop, &problem, ProblemText::Progress),
            "已完成第一阶段"
        );
        assert_eq!(text(laptop, &problem, ProblemText::Evidence), "会议纪要3份");
    }
}

#[test]
fn a_wiped_server_is_refilled_from_the_local_copy() {
    let mut server = Server::new();
    let (doc, problem) = ledger_with_problem();
    let id = doc.ledger_id();
    let mut a = Laptop::start(&id, Some(doc));
    settle(&mut server, &mut [&mut a]);
    a.go_offline();
    // the server comes back empty
    let mut server = Server::new();
    a.go_online();
    wait(&mut server, &mut [&mut a], 5_000);
    assert!(a.connected);
    let mut b = Laptop::start(&id, None);
    settle(&mut server, &mut [&mut a, &mut b]);
    assert_eq!(text(&b, &problem, ProblemText::Description), "会议记录不全");
}

/// A laptop that puts `whole` on the server under `ledger_id`'s document id.
fn plant(server: &mut Server, ledger_id: &str, whole: Vec<u8>) {
    let mut x = Laptop::start(
        ledger_id,
        Some(LedgerDoc::load(&whole).unwrap_or_else(|_| {
            // (not a ledger: the bytes go to the server as they are)
            LedgerDoc::create("x", None, T0)
        })),
    );
    // the peer's copy is what was given, whatever it is
    x.peer = rectify_sync::SyncPeer::new(ledger_id, Some(&whole), T0);
    x.peer.start("ws://server.test/", T0);
    x.page = None;
    x.raw = true;
    settle(server, &mut [&mut x]);
    assert!(x.connected);
}

#[test]
fn another_ledger_under_this_id_is_refused() {
    let mut server = Server::new();
    let (doc, _) = ledger_with_problem();
    let (mut other, _) = ledger_with_problem();
    plant(&mut server, &doc.ledger_id(), other.save(T0));
    // a laptop with the real ledger meets the other one on the server
    refused_or(&mut server, doc, Refusal::OtherLedger);
}

#[test]
fn a_document_that_is_not_a_ledger_is_refused() {
    let mut server = Server::new();
    let (doc, _) = ledger_with_problem();
    let id = doc.ledger_id();
    let mut foreign = AutoCommit::new();
    foreign.put(ROOT, "title", "购物清单").unwrap();
    plant(&mut server, &id, foreign.save());
    let mut a = Laptop::start(&id, None);
    settle(&mut server, &mut [&mut a]);
    assert_eq!(a.refused, Some(Refusal::NotALedger));
    assert!(a.page.is_none(), "nothing was taken");
}

#[test]
fn a_newer_schema_is_refused() {
    let mut server = Server::new();
    let (mut doc, _) = ledger_with_problem();
    let id = doc.ledger_id();
    let mut newer = AutoCommit::load(&doc.save(T0)).unwrap();
    newer.put(ROOT, "schema", 99_u64).unwrap();
    plant(&mut server, &id, newer.save());
    refused_or(&mut server, doc, Refusal::NewerSchema(99));
}

fn refused_or(server: &mut Server, mut doc: LedgerDoc, expected: Refusal) {
    let id = doc.ledger_id();
    let before = doc.save(T0);
    let mut a = Laptop::start(&id, Some(doc));
    settle(server, &mut [&mut a]);
    assert_eq!(a.refused, Some(expected));
    assert!(a.link.is_none());
    assert_eq!(a.page.as_mut().unwrap().save(T0), before);
}

#[test]
fn garbage_from_the_server_is_refused() {
    let mut server = Server::new();
    let (doc, _) = ledger_with_problem();
    let id = doc.ledger_id();
    let mut a = Laptop::start(&id, Some(doc));
    settle(&mut server, &mut [&mut a]);
    let connection = a.link.as_ref().unwrap().connection;
    a.peer
        .received(connection, vec![0xff, 0x00, 0x13, 0x37], T0);
    settle(&mut server, &mut [&mut a]);
    assert!(
        matches!(a.refused, Some(Refusal::Malformed(_))),
        "{:?}",
        a.refused
    );
    assert!(a.link.is_none());
}

#[test]
fn a_bad_address_is_refused_at_once() {
    let (mut doc, _) = ledger_with_problem();
    let id = doc.ledger_id();
    let whole = doc.save(T0);
    for address in ["", "http://server.test/", "服务器", "ws://"] {
        let mut peer = rectify_sync::SyncPeer::new(&id, Some(&whole), T0);
        peer.start(address, T0);
        let effects: Vec<_> = std::iter::from_fn(|| peer.next_effect()).collect();
        assert_eq!(
            effects,
            vec![rectify_sync::Effect::Refused(Refusal::BadAddress(
                address.to_string()
            ))],
            "{address}"
        );
    }
}

#[test]
fn joining_a_ledger_the_server_does_not_have_says_so() {
    let mut server = Server::new();
    let (doc, _) = ledger_with_problem();
    let mut a = Laptop::start(&doc.ledger_id(), None);
    settle(&mut server, &mut [&mut a]);
    assert_eq!(a.refused, Some(Refusal::NotOnServer));
}

#[test]
fn the_share_link_is_samods_automerge_url() {
    use std::str::FromStr;
    let (doc, _) = ledger_with_problem();
    let link = rectify_core::live::ShareLink::of_ledger("ws://s", &doc.ledger_id());
    let url = samod_core::AutomergeUrl::from_str(&link.automerge_url()).expect("samod reads it");
    assert_eq!(url.document_id().as_bytes(), link.document_id.as_slice());
    assert_eq!(
        url.to_string(),
        link.automerge_url(),
        "and writes it the same"
    );
}

#[test]
fn a_message_larger_than_any_ledger_is_refused_unread() {
    let mut server = Server::new();
    let (doc, _) = ledger_with_problem();
    let id = doc.ledger_id();
    let mut a = Laptop::start(&id, Some(doc));
    settle(&mut server, &mut [&mut a]);
    let connection = a.link.as_ref().unwrap().connection;
    // (zeroed pages are mapped lazily: this costs no real memory)
    let huge = vec![0_u8; rectify_sync::MAX_MESSAGE_BYTES + 1];
    a.peer.received(connection, huge, T0);
    settle(&mut server, &mut [&mut a]);
    assert_eq!(
        a.refused,
        Some(Refusal::TooLarge(rectify_sync::MAX_MESSAGE_BYTES + 1))
    );
    assert!(a.link.is_none());
}

#[test]
fn server_addresses_are_ws_or_wss_with_an_ascii_host() {
    for good in [
        "ws://127.0.0.1:3030",
        "wss://sync.example.gov.cn/",
        " ws://[::1]:3030 ",
        "ws://xn--fiq228c.example:3030",
    ] {
        assert!(rectify_sync::SyncPeer::server_url(good).is_ok(), "{good}");
    }
    // (a Unicode host name is refused: punycode works, and no Unicode tables are shipped)
    for bad in [
        "ws://巡察.example/",
        "http://s/",
        "s:3030",
        "wss://",
        "file:///x",
    ] {
        assert_eq!(
            rectify_sync::SyncPeer::server_url(bad),
            Err(Refusal::BadAddress(bad.to_string())),
            "{bad}"
        );
    }
}
