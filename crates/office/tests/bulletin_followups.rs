//! Issue 27's follow-ups, each a test that failed before its fix: the outline printed a
//! problem's number twice ("1. 1.关于…"); the preview's role choices were lost on any edit of
//! the text; a text whose top level is its categories got the sample's headings in its
//! bulletin.

use rectify_core::bulletin::{bulletin, Block, Face};
use rectify_core::import::bulletin::{Marker, OutlineNode, Role, RoleEvidence};
use rectify_core::ledger::TopLevel;
use rectify_office::bulletin_text::{parse_bulletin, parse_bulletin_keeping};

fn corpus(name: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bulletins/corpus/"
    );
    std::fs::read_to_string(format!("{dir}{name}.txt")).unwrap()
}

/// Whether `text` opens with a numbering label of its own (1. 1、 （1） ① 一、 …).
fn numbered(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    (digits.len() < t.len() && digits.starts_with(['.', '、', '．', '）', ')']))
        || t.starts_with(['（', '(', '①', '②', '③'])
        || t.chars().nth(1) == Some('、')
}

#[test]
fn the_outline_prints_a_problems_number_once() {
    for name in ["01-xuncha-three-levels", "02-xuncha-sections-as-categories"] {
        let import = parse_bulletin(&corpus(name)).unwrap();
        for entry in &import.report.outline.nodes {
            if let OutlineNode::Problem { number, text } = &entry.node {
                assert!(!numbered(text), "{name}: problem {number} reads “{text}”");
            }
        }
        // nor does the bulletin: “1.” then the problem's words
        for block in bulletin(&import.ledger).blocks {
            let text = block.text();
            if let Some((n, rest)) = text.split_once('.') {
                if n.parse::<usize>().is_ok() {
                    assert!(!numbered(rest), "{name}: “{text}”");
                }
            }
        }
    }
}

#[test]
fn chosen_roles_hold_while_the_levels_stay_the_same() {
    let text = corpus("01-xuncha-three-levels");
    let first = parse_bulletin(&text).unwrap();
    let levels: Vec<Marker> = first
        .report
        .outline
        .levels
        .iter()
        .map(|l| l.marker)
        .collect();
    let chosen = [(Marker::Digit, Role::Category)];
    let role_of = |import: &rectify_core::import::bulletin::BulletinImport, m: Marker| {
        let l = import
            .report
            .outline
            .levels
            .iter()
            .find(|l| l.marker == m)
            .unwrap();
        (l.role, l.evidence)
    };
    // a word changed in a problem: the same levels, the choice holds
    let edited = text.replace("派车手续不完备", "派车手续不完整");
    let read = parse_bulletin_keeping(&edited, &levels, &chosen).unwrap();
    assert_eq!(
        role_of(&read, Marker::Digit),
        (Role::Category, RoleEvidence::Chosen)
    );
    // the text replaced by one with other levels: the choice is set aside
    let other = corpus("02-xuncha-sections-as-categories");
    let read = parse_bulletin_keeping(&other, &levels, &chosen).unwrap();
    assert_eq!(read, parse_bulletin(&other).unwrap());
}

/// The top-level headings (一、…) of the bulletin, in order.
fn headings(ledger: &rectify_core::ledger::Ledger) -> Vec<String> {
    bulletin(ledger)
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { runs, .. } if runs[0].face == Face::HeiTi => Some(b.text()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_text_whose_top_level_is_its_categories_keeps_its_own_sections() {
    let import = parse_bulletin(&corpus("02-xuncha-sections-as-categories")).unwrap();
    assert_eq!(import.ledger.sections.top_level, TopLevel::Categories);
    assert_eq!(
        headings(&import.ledger),
        [
            "一、关于党建工作方面",
            "二、关于财务管理方面",
            "三、下一步工作"
        ]
    );
    // no narrative section at all: no heading is added
    let text = "关于巡察反馈意见整改情况的通报\n\n根据统一部署，巡察组反馈问题3个。\n\n一、组织建设方面\n\n1.支部换届不及时。\n整改情况：已完成换届，已完成整改。\n\n2.党费收缴不规范。\n整改情况：正在整改。\n\n二、财务管理方面\n\n1.票据审核不严。\n整改情况：已完成整改。\n";
    let import = parse_bulletin(text).unwrap();
    assert_eq!(import.ledger.sections.top_level, TopLevel::Categories);
    assert_eq!(
        headings(&import.ledger),
        ["一、组织建设方面", "二、财务管理方面"]
    );
    let whole = bulletin(&import.ledger).to_text();
    assert!(!whole.contains("强化责任担当"), "{whole}");
    assert!(!whole.contains("提高政治站位"), "{whole}");
    // problems numbered on through the bulletin, under their categories
    assert!(
        whole.contains("一、组织建设方面\n\n1.支部换届不及时。"),
        "{whole}"
    );
    assert!(
        whole.contains("二、财务管理方面\n\n3.票据审核不严。"),
        "{whole}"
    );
}
