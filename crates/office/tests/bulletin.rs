//! The bulletin made from a ledger: counts by either basis, status said honestly, the
//! opening's numbers recomputed, and the example ledger printing as the sample bulletin reads.

#[path = "../../core/tests/common/mod.rs"]
mod common;
use common::*;

use rectify_core::bulletin::layout::{paginate, LineKind, CHARS_PER_LINE, CJK, LINES_PER_PAGE};
use rectify_core::bulletin::{bulletin, Block, BulletinCounts, Face};
use rectify_core::document::{MetaField, ProblemField, ProblemText};
use rectify_core::file::example::example_ledger;
use rectify_core::ledger::{CountingBasis, Status};

const SAMPLE: &str = include_str!("../../../tests/fixtures/bulletin-2022-06-30.txt");

/// Without white space, and with the sample's stray half-width brackets and colons made
/// full-width (the example ledger keeps them full-width, as the rest of the sample has them).
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            ';' => '；',
            c => c,
        })
        .collect()
}

#[test]
fn the_example_ledger_prints_as_the_sample_bulletin_reads() {
    let ledger = example_ledger();
    let b = bulletin(&ledger);
    // character for character, once the sample's page-break blank lines and spaces are gone
    let ours = squeeze(&b.to_text());
    let theirs = squeeze(SAMPLE);
    if ours != theirs {
        let at = ours
            .chars()
            .zip(theirs.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let show = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(20))
                .take(60)
                .collect::<String>()
        };
        panic!(
            "differs at {at}:\n ours: {}\n sample: {}",
            show(&ours),
            show(&theirs)
        );
    }
    assert_eq!(b.counts.total, 16);
    assert_eq!(b.counts.finished, 16);
    assert_eq!(b.counts.rules, 5);
    assert_eq!(b.counts.rule_candidates, 5);
    assert!(!b.counts_sentence_added);
    let headings: Vec<String> = b
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { runs, .. } if runs[0].face == Face::HeiTi))
        .map(|b| b.text())
        .collect();
    assert_eq!(
        headings,
        [
            "一、提高政治自觉，抓好整改部署",
            "二、强化政治担当，狠抓整改落实",
            "三、转作风抓落实，巩固整改工作成果"
        ]
    );
    assert!(
        matches!(&b.blocks[0], Block::Header(h) if h == "中共广州花都（清新）产业转移工业园委员会文件")
    );
    assert!(matches!(&b.blocks[1], Block::Title(t) if t.ends_with("集中整改进展情况的通报")));
}

#[test]
fn counts_follow_the_basis_and_only_confirmed_rules_count() {
    let (mut doc, _, probs) = small_ledger();
    doc.set_status(&probs[0], &Status::Done, day(2024, 6, 1))
        .unwrap();
    doc.set_status(&probs[1], &Status::Ongoing, day(2024, 6, 1))
        .unwrap();
    doc.set_status(&probs[2], &Status::InProgress, day(2024, 6, 1))
        .unwrap();
    doc.add_rule(&rectify_core::document::NewRule {
        title: "会议制度".into(),
        ..Default::default()
    })
    .unwrap();
    doc.add_rule(&rectify_core::document::NewRule {
        title: "整改工作方案".into(),
        candidate: true,
        ..Default::default()
    })
    .unwrap();
    // an empty category is a feedback problem that is not yet finished
    doc.add_category("针对新发现的问题").unwrap();
    let l = doc.read().unwrap();
    let by_category = BulletinCounts::of(&l);
    assert_eq!(
        (by_category.basis, by_category.total, by_category.finished),
        (CountingBasis::Category, 3, 1)
    );
    assert_eq!((by_category.rules, by_category.rule_candidates), (1, 1));

    doc.set_meta(MetaField::CountingBasis, "problem").unwrap();
    let by_problem = BulletinCounts::of(&doc.read().unwrap());
    assert_eq!((by_problem.total, by_problem.finished), (3, 2));

    // finishing the last open problem finishes its category
    doc.set_meta(MetaField::CountingBasis, "category").unwrap();
    doc.set_status(&probs[2], &Status::Done, day(2024, 6, 1))
        .unwrap();
    assert_eq!(BulletinCounts::of(&doc.read().unwrap()).finished, 2);
}

#[test]
fn an_open_item_says_so_with_its_deadline_and_latest_progress() {
    let (mut doc, _, probs) = small_ledger();
    doc.set_meta(MetaField::IssueDate, "2024-07-01").unwrap();
    // the text still says 整改完成 from an earlier round, but the item was reopened
    doc.set_problem_text(&probs[0], ProblemText::Progress, "整改完成。已修订议事规则")
        .unwrap();
    doc.set_status(&probs[0], &Status::InProgress, day(2024, 6, 1))
        .unwrap();
    doc.set_problem_field(&probs[0], ProblemField::Deadline, "2024-09-30")
        .unwrap();
    doc.set_status(&probs[1], &Status::NotStarted, day(2024, 6, 1))
        .unwrap();
    doc.add_progress_entry(&probs[1], Some(day(2024, 6, 20)), "王五", "已拟定整改方案")
        .unwrap();
    doc.set_problem_text(
        &probs[2],
        ProblemText::Progress,
        "整改完成，并长期坚持。补齐发票",
    )
    .unwrap();
    doc.set_status(&probs[2], &Status::Ongoing, day(2024, 6, 1))
        .unwrap();
    let b = bulletin(&doc.read().unwrap());
    let text = b.to_text();
    assert!(
        text.contains(
            "1.班子会议代替党委会议\n\n整改情况：整改中，整改时限为9月30日。已修订议事规则\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("2.会议记录不规范\n\n整改情况：尚未启动。6月20日，已拟定整改方案。\n"),
        "{text}"
    );
    assert!(
        text.contains("整改情况：整改完成，并长期坚持。补齐发票\n"),
        "{text}"
    );
    assert!(!text.contains("原因分析"), "no empty 原因分析 paragraphs");
    assert!(text.contains("（一）针对会议制度的问题。\n\n1.班子会议"));
    assert!(text.contains("（二）针对财务管理的问题。\n\n3.饭堂支出"));
    assert!(text.ends_with("2024年7月1日\n"));
}

#[test]
fn the_opening_keeps_its_words_and_gets_the_ledgers_numbers() {
    let mut ledger = example_ledger();
    // two categories reopened, one rule still to confirm, a later as-of date
    for p in ledger.problems.iter_mut().take(2) {
        p.status = Status::InProgress;
    }
    ledger.meta.as_of = Some(day(2022, 7, 15));
    let b = bulletin(&ledger);
    let opening = b.blocks[2].text();
    assert!(
        opening.contains(
            "指出我单位存在的问题16个。截至7月15日，已整改完毕事项14个，整改建章立制5项。实现了"
        ),
        "{opening}"
    );
    // an as-of date in another year than the issue date names its year
    ledger.meta.as_of = Some(day(2021, 12, 31));
    assert!(bulletin(&ledger).blocks[2]
        .text()
        .contains("截至2021年12月31日，"));

    // an opening without any count phrase gets a sentence stating them, before "…如下："
    ledger.sections.opening = "根据部署开展整改。现将情况通报如下：".into();
    let b = bulletin(&ledger);
    assert!(b.counts_sentence_added);
    assert_eq!(
        b.blocks[2].text(),
        "根据部署开展整改。截至2021年12月31日，已整改完毕事项14个，整改建章立制5项。现将情况通报如下："
    );

    // no opening at all: written from the meta
    ledger.sections.opening.clear();
    let opening = bulletin(&ledger).blocks[2].text();
    assert_eq!(
        opening,
        "2021年12月6日至2021年12月31日，区委第三巡察组对中共广州花都（清新）产业转移工业园委员会（以下简称：工业园党委）开展了巡察“回头看”。2022年4月，区委第三巡察组向工业园党委反馈了巡察“回头看”意见，指出存在的问题16个。截至2021年12月31日，已整改完毕事项14个，整改建章立制5项。现将整改进展情况通报如下："
    );
}

#[test]
fn an_empty_ledger_still_makes_a_whole_bulletin() {
    let doc = rectify_core::document::LedgerDoc::create("空台账", None, T0);
    let b = bulletin(&doc.read().unwrap());
    let text = b.to_text();
    assert!(
        text.starts_with("空台账\n"),
        "the title falls back to the name: {text}"
    );
    assert!(text.contains("一、提高政治站位，抓好整改部署"));
    assert!(text.contains("指出存在的问题0个。截至目前，已整改完毕事项0个，整改建章立制0项。"));
    let pages = paginate(&b);
    assert_eq!(pages.len(), 1);
}

#[test]
fn the_sample_is_typeset_on_the_official_grid() {
    let b = bulletin(&example_ledger());
    let pages = paginate(&b);
    // about 7,600 characters at 616 a page, plus the ends of paragraphs
    assert!((13..=17).contains(&pages.len()), "{} pages", pages.len());
    // page 1 opens with the red header and the title
    assert_eq!(pages[0].lines[0].kind, LineKind::Header);
    assert!(pages[0].lines.iter().any(|l| l.kind == LineKind::Title));
    for page in &pages {
        assert!(page.lines.len() <= LINES_PER_PAGE, "page {}", page.number);
        assert_ne!(page.lines.first().map(|l| l.kind), Some(LineKind::Blank));
        for line in &page.lines {
            let units: usize = line
                .text()
                .chars()
                .map(rectify_core::bulletin::layout::units)
                .sum();
            let room = if line.first {
                (CHARS_PER_LINE - 2) * CJK
            } else {
                CHARS_PER_LINE * CJK
            };
            // up to two closing marks may hang over the edge
            assert!(
                line.kind != LineKind::Body || units <= room + 2 * CJK,
                "line too long: {}",
                line.text()
            );
        }
        // a heading never ends a page
        let last = page.lines.last().unwrap();
        assert!(
            !(last.first && !last.justify && last.runs.iter().all(|r| r.face == Face::HeiTi)),
            "heading alone at the foot of page {}",
            page.number
        );
    }
    assert_eq!(pages[1].folio(), "— 2 —");
    assert!(pages[0].folio_at_right() && !pages[1].folio_at_right());
    // every character of the bulletin is on some page, in order
    let laid: String = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text()))
        .collect();
    let blocks: String = b.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(laid, blocks);
    // the signature and the date end the last page, the date under the signature
    let last = pages.last().unwrap();
    let n = last.lines.len();
    assert_eq!(last.lines[n - 1].text(), "2022年6月30日");
    assert_eq!(last.lines[n - 2].kind, LineKind::Right);
}

#[test]
fn importing_the_sample_and_printing_it_gives_the_sample_back() {
    use rectify_office::bulletin_text::parse_bulletin;
    let imported = parse_bulletin(SAMPLE).unwrap();
    let ledger = imported.ledger;
    let b = bulletin(&ledger);
    assert_eq!(
        (b.counts.total, b.counts.finished, b.counts.rules),
        (16, 16, 5),
        "the counts 16/16/5 of the sample's opening"
    );
    assert_eq!(squeeze(&b.to_text()), squeeze(SAMPLE));
    // and the printed text imports to the same ledger again
    let again = parse_bulletin(&b.to_text()).unwrap();
    assert!(
        again.report.leftovers.is_empty(),
        "{:?}",
        again.report.leftovers
    );
    let strip = |l: &rectify_core::ledger::Ledger| {
        let mut l = l.clone();
        l.id.clear();
        l
    };
    assert_eq!(strip(&again.ledger), strip(&ledger));
    let pages = paginate(&b);
    assert_eq!(pages.len(), paginate(&bulletin(&example_ledger())).len());
}

#[test]
fn the_counts_can_be_those_of_the_as_of_date() {
    use rectify_core::bulletin::bulletin_as_of;
    use rectify_core::document::end_of_day;
    let (mut doc, _, probs) = small_ledger();
    doc.set_meta(MetaField::AsOf, "2024-06-30").unwrap();
    doc.set_status(&probs[2], &Status::Done, day(2024, 6, 20))
        .unwrap();
    // 2024-06-30 in China
    let june_30 = end_of_day(day(2024, 6, 30), 8 * 3600);
    doc.commit(june_30 - 3600);
    // finished after the as-of date: not in the counts as of 6月30日
    doc.set_status(&probs[0], &Status::Done, day(2024, 7, 2))
        .unwrap();
    doc.set_status(&probs[1], &Status::Done, day(2024, 7, 2))
        .unwrap();
    doc.commit(june_30 + 2 * 86400);
    let now = doc.read().unwrap();
    let then = doc.ledger_at(june_30).unwrap().unwrap();
    let b = bulletin_as_of(&now, &then);
    assert_eq!((b.counts.total, b.counts.finished), (2, 1));
    assert!(b.to_text().contains("已整改完毕事项1个"));
    // while the text is today's: problem 1 says 整改完成
    assert!(b
        .to_text()
        .contains("1.班子会议代替党委会议\n\n整改情况：整改完成。"));
    assert_eq!(bulletin(&now).counts.finished, 2);
}
