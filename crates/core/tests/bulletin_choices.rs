//! The bulletin choices a ledger keeps in its document: whether the opening's stated figures
//! are recomputed or kept whole as 原文统计 (`meta.stated_figures`), and whether the
//! bulletin's top-level sections are the three parts or the categories (`sections.top_level`).
//! Both survive a reload and merge as registers; a document made before them (the format-v1
//! fixture) reads as not chosen and the three parts, as it always printed.

mod common;
use common::*;

use rectify_core::bulletin::bulletin;
use rectify_core::document::{LedgerDoc, MetaField};
use rectify_core::file::envelope::decode;
use rectify_core::ledger::{StatedFigures, TopLevel};

const OPENING: &str = "巡察组反馈问题25个。截至6月底，已完成整改0个、正在整改6个，整改完成率76%。";

fn ledger_with_stated_figures() -> LedgerDoc {
    let (mut doc, _, _) = small_ledger();
    doc.set_meta(MetaField::Opening, OPENING).unwrap();
    doc.commit(T0 + 1);
    doc
}

#[test]
fn the_choice_to_keep_the_stated_figures_survives_a_reload_and_prints_them_whole() {
    let mut doc = ledger_with_stated_figures();
    let before = bulletin(&doc.read().unwrap());
    assert!(!before.figure_differences.is_empty());
    assert!(before.stated_kept.is_empty(), "recomputed while not chosen");
    assert_eq!(
        doc.read().unwrap().meta.stated_figures,
        StatedFigures::Unchosen
    );

    doc.set_meta(MetaField::StatedFigures, "keep").unwrap();
    let bytes = doc.save(T0 + 2);
    let reloaded = LedgerDoc::load(&bytes).unwrap().read().unwrap();
    assert_eq!(reloaded.meta.stated_figures, StatedFigures::Keep);
    let kept = bulletin(&reloaded);
    assert_eq!(
        kept.stated_kept,
        [
            "巡察组反馈问题25个",
            "截至6月底，已完成整改0个、正在整改6个，整改完成率76%"
        ]
    );
    assert!(kept.to_text().contains(OPENING), "{}", kept.to_text());

    let mut doc = LedgerDoc::load(&bytes).unwrap();
    doc.set_meta(MetaField::StatedFigures, "recompute").unwrap();
    let recomputed = bulletin(&doc.read().unwrap());
    assert!(recomputed.stated_kept.is_empty());
    assert!(!recomputed.to_text().contains("反馈问题25个"));
    // anything else is not a choice
    doc.set_meta(MetaField::StatedFigures, "nonsense").unwrap();
    assert_eq!(
        doc.read().unwrap().meta.stated_figures,
        StatedFigures::Unchosen
    );
}

#[test]
fn the_choices_merge_from_another_copy() {
    let mut here = ledger_with_stated_figures();
    let mut there = here.fork(T0 + 3);
    there.set_meta(MetaField::StatedFigures, "keep").unwrap();
    there
        .set_meta(MetaField::TopLevel, TopLevel::Categories.code())
        .unwrap();
    there.commit(T0 + 4);
    here.set_meta(MetaField::Signature, "某单位").unwrap();
    here.commit(T0 + 4);
    here.merge(&mut there, T0 + 5).unwrap();
    let merged = here.read().unwrap();
    assert_eq!(merged.meta.stated_figures, StatedFigures::Keep);
    assert_eq!(merged.sections.top_level, TopLevel::Categories);
    assert_eq!(merged.meta.signature, "某单位");
}

#[test]
fn a_document_made_before_the_choices_reads_as_it_printed() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/format-v1.rectify");
    let file = decode(&std::fs::read(path).unwrap()).unwrap();
    let ledger = file.into_doc().read().unwrap();
    assert_eq!(ledger.meta.stated_figures, StatedFigures::Unchosen);
    assert_eq!(ledger.sections.top_level, TopLevel::Parts);
}
