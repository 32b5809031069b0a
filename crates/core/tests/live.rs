//! Live sync's data in the core: the share link (a ledger's document id, written and read as
//! automerge-repo writes it) and what a server's document must be before the page takes it.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ROOT};
use rectify_core::document::LedgerDoc;
use rectify_core::live::link::ledger_id_of;
use rectify_core::live::{check_arrival, document_id_of, Refusal, ShareLink};

const T0: i64 = 1_765_000_000_000;

#[test]
fn a_ledger_id_is_its_document_id_and_back() {
    let doc = LedgerDoc::create("台账", None, T0);
    let id = doc.ledger_id();
    assert_eq!(ledger_id_of(&document_id_of(&id)), id);
    // (an id that is no uuid still gets a stable document id)
    assert_eq!(document_id_of("not-a-uuid"), document_id_of("not-a-uuid"));
    assert_ne!(document_id_of("not-a-uuid"), document_id_of("not-a-uuid2"));
}

#[test]
fn a_share_link_reads_back_from_every_form_a_person_pastes() {
    let id = "5f0c6e9e-2c1b-4d8e-9a53-7b1f3f3c2a10";
    let link = ShareLink::of_ledger(" ws://10.0.0.5:3030 ", id);
    let url = link.automerge_url();
    assert!(url.starts_with("automerge:"), "{url}");
    let address = format!(
        "https://rectify.example.gov.cn/app/index.html{}",
        link.hash()
    );
    for pasted in [
        address.clone(),
        format!("  {address}\n"),
        format!("file:///D:/rectify.html{}", link.hash()),
    ] {
        let read = ShareLink::parse(&pasted).expect(&pasted);
        assert_eq!(read.server, "ws://10.0.0.5:3030");
        assert_eq!(read.ledger_id(), id);
    }
    let bare = ShareLink::parse(&url).unwrap();
    assert_eq!(
        (bare.server.as_str(), bare.ledger_id()),
        ("", id.to_string())
    );
    // automerge-repo URLs may carry heads after '#'
    assert_eq!(
        ShareLink::parse(&format!("{url}#abc")).unwrap().ledger_id(),
        id
    );
}

#[test]
fn a_mistyped_link_is_no_link() {
    let url =
        ShareLink::of_ledger("ws://s", "5f0c6e9e-2c1b-4d8e-9a53-7b1f3f3c2a10").automerge_url();
    let mut typo = url.clone();
    typo.pop();
    typo.push(if url.ends_with('2') { '3' } else { '2' });
    for text in [
        "".to_string(),
        "automerge:".to_string(),
        "automerge:0OIl".to_string(),
        typo,
        url.replace("automerge:", "automerge:1"),
        "#/sync?server=ws://s&doc=".to_string(),
        "https://example.org/#/checklist?l=5f0c6e9e".to_string(),
    ] {
        assert!(ShareLink::parse(&text).is_none(), "{text}");
    }
}

#[test]
fn only_this_ledger_in_a_schema_this_version_reads_is_taken() {
    let mut doc = LedgerDoc::create("台账", None, T0);
    let id = doc.ledger_id();
    let bytes = doc.save(T0);
    let ours = AutoCommit::load(&bytes).unwrap();
    assert_eq!(check_arrival(&ours, &id), Ok(true));
    assert_eq!(
        check_arrival(&AutoCommit::new(), &id),
        Ok(false),
        "empty: nothing yet"
    );

    let mut newer = AutoCommit::load(&bytes).unwrap();
    newer.put(ROOT, "schema", 2_u64).unwrap();
    assert_eq!(check_arrival(&newer, &id), Err(Refusal::NewerSchema(2)));

    let other = LedgerDoc::create("另一本", None, T0).save(T0);
    let mut merged = AutoCommit::load(&bytes).unwrap();
    merged
        .merge(&mut AutoCommit::load(&other).unwrap())
        .unwrap();
    assert_eq!(
        check_arrival(&merged, &id),
        Err(Refusal::OtherLedger),
        "two ids side by side"
    );

    let mut list = AutoCommit::new();
    list.put(ROOT, "items", "牛奶").unwrap();
    assert_eq!(check_arrival(&list, &id), Err(Refusal::NotALedger));
    let mut no_schema = AutoCommit::new();
    no_schema.put(ROOT, "ledger_id", id.as_str()).unwrap();
    assert_eq!(check_arrival(&no_schema, &id), Err(Refusal::NotALedger));
    let mut id_as_number = AutoCommit::load(&bytes).unwrap();
    id_as_number.put(ROOT, "ledger_id", 7_i64).unwrap();
    assert_eq!(check_arrival(&id_as_number, &id), Err(Refusal::NotALedger));
}
