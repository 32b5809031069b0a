//! The bulletin-text importer (从通报导入): the real sample against the example ledger made
//! from it, noise variants of the sample, the other numbering schemes, and bad input.

#[path = "../../../core/tests/common/mod.rs"]
mod common;
mod schemes;

use rectify_core::document::ProblemText;
use rectify_core::file::example::example_ledger;
use rectify_core::import::bulletin::*;
use rectify_core::ledger::{CountingBasis, Ledger, LedgerCounts, RuleKind, Status};
use rectify_office::bulletin_text::*;
use rectify_office::text_file::{decode_text, read_text_file};

const SAMPLE: &str = include_str!("../../../../tests/fixtures/bulletin-2022-06-30.txt");
const SCHEME_A: &str = include_str!("../../../../tests/fixtures/bulletins/scheme-a-fangmian.txt");
const SCHEME_B: &str =
    include_str!("../../../../tests/fixtures/bulletins/scheme-b-problems-only.txt");
const JUNK: &str = include_str!("../../../../tests/fixtures/bulletins/junk.txt");

fn parse(text: &str) -> BulletinImport {
    parse_bulletin(text).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

/// Every text field the importer fills, as (path, value), for comparisons with a clear diff.
fn fields(l: &Ledger) -> Vec<(String, String)> {
    let m = &l.meta;
    let s = &l.sections;
    let mut out: Vec<(String, String)> = [
        ("meta.header", m.header.clone()),
        ("meta.title", m.title.clone()),
        ("meta.unit", m.unit.clone()),
        ("meta.unit_short", m.unit_short.clone()),
        ("meta.inspection_group", m.inspection_group.clone()),
        ("meta.inspection_kind", m.inspection_kind.clone()),
        ("meta.inspection_from", format!("{:?}", m.inspection_from)),
        ("meta.inspection_to", format!("{:?}", m.inspection_to)),
        ("meta.feedback_date", m.feedback_date.clone()),
        ("meta.as_of", format!("{:?}", m.as_of)),
        ("meta.issue_date", format!("{:?}", m.issue_date)),
        ("meta.signature", m.signature.clone()),
        ("meta.contact", m.contact.clone()),
        ("meta.counting_basis", format!("{:?}", m.counting_basis)),
        ("meta.warn_days", m.warn_days.to_string()),
        ("sections.opening", s.opening.clone()),
        ("sections.deployment_heading", s.deployment_heading.clone()),
        ("sections.deployment", s.deployment.clone()),
        (
            "sections.implementation_heading",
            s.implementation_heading.clone(),
        ),
        (
            "sections.implementation_intro",
            s.implementation_intro.clone(),
        ),
        ("sections.next_steps_heading", s.next_steps_heading.clone()),
        ("sections.next_steps", s.next_steps.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (i, c) in l.categories.iter().enumerate() {
        out.push((format!("category[{i}].title"), c.title.clone()));
        let numbers: Vec<usize> = l
            .problems_in(&c.id)
            .map(|p| l.number_of(&p.id).unwrap())
            .collect();
        out.push((format!("category[{i}].problems"), format!("{numbers:?}")));
    }
    for (i, p) in l.problems.iter().enumerate() {
        let n = i + 1;
        out.push((format!("problem[{n}].description"), p.description.clone()));
        out.push((format!("problem[{n}].cause"), p.cause.clone()));
        out.push((format!("problem[{n}].measures"), p.measures.clone()));
        out.push((format!("problem[{n}].progress"), p.progress.clone()));
        out.push((format!("problem[{n}].status"), format!("{:?}", p.status)));
    }
    let mut rules: Vec<String> = l
        .rules
        .iter()
        .map(|r| {
            let numbers: Vec<usize> = r
                .problem_ids
                .iter()
                .map(|id| l.number_of(id).unwrap())
                .collect();
            format!(
                "《{}》 {:?} {numbers:?} candidate={}",
                r.title, r.kind, r.candidate
            )
        })
        .collect();
    rules.sort();
    for (i, r) in rules.into_iter().enumerate() {
        out.push((format!("rule[{i}]"), r));
    }
    out
}

fn assert_same_ledger(got: &Ledger, want: &Ledger, what: &str) {
    let (g, w) = (fields(got), fields(want));
    let mut diffs = Vec::new();
    for (a, b) in g.iter().zip(w.iter()) {
        if a != b {
            diffs.push(format!("{}:\n  got  {:?}\n  want {:?}", b.0, a.1, b.1));
        }
    }
    if g.len() != w.len() {
        diffs.push(format!("{} fields vs {}", g.len(), w.len()));
    }
    assert!(
        diffs.is_empty(),
        "{what}: {} differences\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn the_sample_gives_the_example_ledger() {
    let got = parse(SAMPLE);
    let want = example_ledger();
    assert_same_ledger(&got.ledger, &want, "sample vs example_ledger.json");
    assert_eq!(got.ledger.meta.name, "工业园党委整改台账");
}

/// The sample as one string without spaces, its half-width marks made full-width like the
/// importer does: the independent reference for first and last characters.
fn squashed_sample() -> String {
    let mut s: String = SAMPLE.chars().filter(|c| !c.is_whitespace()).collect();
    for (a, b) in [(",", "，"), (":", "："), ("(", "（"), (")", "）")] {
        s = s.replace(a, b);
    }
    s
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn tail(s: &str, n: usize) -> String {
    let v: Vec<char> = s.chars().collect();
    v[v.len().saturating_sub(n)..].iter().collect()
}

#[test]
fn the_sample_fields_start_and_end_where_the_text_says() {
    let got = parse(SAMPLE);
    let l = &got.ledger;
    assert_eq!(l.categories.len(), 16);
    assert_eq!(l.problems.len(), 20);
    let text = squashed_sample();
    for (i, p) in l.problems.iter().enumerate() {
        let n = i + 1;
        for (field, value) in [
            ("description", &p.description),
            ("cause", &p.cause),
            ("progress", &p.progress),
        ] {
            assert!(!value.is_empty(), "problem {n} {field} is empty");
            assert!(
                !value.contains('\n'),
                "problem {n} {field} has a line break"
            );
        }
        let d = &p.description;
        assert!(
            text.contains(&format!("{n}.{}", head(d, 6))),
            "problem {n} description starts {:?}",
            head(d, 6)
        );
        assert!(
            text.contains(&format!("{}原因分析：{}", tail(d, 6), head(&p.cause, 6))),
            "problem {n}: description ends {:?}, cause starts {:?}",
            tail(d, 6),
            head(&p.cause, 6)
        );
        assert!(
            text.contains(&format!(
                "{}整改情况：{}",
                tail(&p.cause, 6),
                head(&p.progress, 6)
            )),
            "problem {n}: cause ends {:?}, progress starts {:?}",
            tail(&p.cause, 6),
            head(&p.progress, 6)
        );
        let next = if n == 20 {
            "三、".to_string()
        } else if l.problems[n].category_id != p.category_id {
            "（".to_string()
        } else {
            format!("{}.", n + 1)
        };
        assert!(
            text.contains(&format!("{}{next}", tail(&p.progress, 6))),
            "problem {n}: progress ends {:?}, then {next}",
            tail(&p.progress, 6)
        );
        assert!(p.progress.starts_with("整改完成，并长期坚持。"));
        assert_eq!(p.status, Status::Ongoing, "problem {n}");
    }
    let per_category: Vec<usize> = l
        .categories
        .iter()
        .map(|c| l.problems_in(&c.id).count())
        .collect();
    assert_eq!(
        per_category,
        [1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1]
    );
}

#[test]
fn the_sample_meta_counts_and_rules() {
    let BulletinImport { ledger, report } = parse(SAMPLE);
    let m = &ledger.meta;
    let day = common::day;
    assert_eq!(m.header, "中共广州花都（清新）产业转移工业园委员会文件");
    assert_eq!(
        m.title,
        "中共广州花都（清新）产业转移工业园委员会巡察反馈意见集中整改进展情况的通报"
    );
    assert_eq!(m.unit, "中共广州花都（清新）产业转移工业园委员会");
    assert_eq!(m.unit_short, "工业园党委");
    assert_eq!(m.inspection_group, "区委第三巡察组");
    assert_eq!(m.inspection_kind, "巡察“回头看”");
    assert_eq!(m.inspection_from, Some(day(2021, 12, 6)));
    assert_eq!(m.inspection_to, Some(day(2021, 12, 31)));
    assert_eq!(m.feedback_date, "2022年4月");
    assert_eq!(m.as_of, Some(day(2022, 6, 24)));
    assert_eq!(m.issue_date, Some(day(2022, 6, 30)));
    assert_eq!(m.signature, "中共广州花都（清新）产业转移工业园委员会");
    assert!(m.contact.starts_with("欢迎广大干部群众") && m.contact.contains("电话0763-5673980；邮政地址：清远市清新区太和镇玄真路49号5楼513室；电子邮箱：guanweihui0763@163.com。"));
    assert_eq!(m.counting_basis, CountingBasis::Category);
    assert_eq!(m.name, "工业园党委整改台账");
    assert_eq!(m.warn_days, rectify_core::ledger::DEFAULT_WARN_DAYS);

    assert_eq!(
        (
            report.stated.problems,
            report.stated.done,
            report.stated.rules
        ),
        (Some(16), Some(16), Some(5))
    );
    assert_eq!((report.categories, report.problems), (16, 20));
    assert_eq!((report.rules, report.rule_candidates), (5, 5));
    assert_eq!(report.leftovers, vec![]);
    assert_eq!(report.warnings, Vec::<BulletinWarning>::new());

    assert_eq!(ledger.rules.len(), 10);
    let counted: Vec<&str> = ledger
        .rules
        .iter()
        .filter(|r| !r.candidate)
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        counted,
        [
            "中共广州花都（清新）产业转移工业园委员会议事规则",
            "广州花都（清新）产业转移工业园委员会行政班子议事规则",
            "广州花都（清新）产业转移工业园党支部议事规则和决策程序",
            "广州花都（清新）产业转移工业园管理委员会内务管理制度",
            "广州花都（清新）产业转移工业园管理委员会政务公开责任追究制度",
        ]
    );
    assert!(ledger.rules.iter().all(|r| !r.title.contains("预算法")));
    assert_eq!(
        ledger
            .rules
            .iter()
            .filter(|r| r.kind == RuleKind::Revised)
            .count(),
        7
    );
}

// ───────────── noise variants of the sample: each gives the same ledger ─────────────

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn map_lines(text: &str, f: impl Fn(&str) -> String) -> String {
    text.lines().map(f).collect::<Vec<_>>().join("\n")
}

fn half_width(text: &str) -> String {
    text.replace('（', "(")
        .replace('）', ")")
        .replace('：', ":")
        .replace('，', ",")
        .replace('；', ";")
}

fn other_dots(text: &str) -> String {
    map_lines(text, |line| {
        let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = &line[digits.len()..];
        if !digits.is_empty() && rest.starts_with('.') {
            let n: usize = digits.parse().unwrap();
            let dot = ["．", "、", " . ", "．  "][n % 4];
            format!("{digits}{dot}{}", rest[1..].trim_start())
        } else {
            line.to_string()
        }
    })
}

fn spaces(text: &str) -> String {
    map_lines(text, |line| {
        if line.trim().is_empty() {
            return " \u{3000} ".to_string();
        }
        let mut out = String::from("\u{3000}\u{3000}");
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            out.push(*c);
            if i % 7 == 3 && is_han(*c) && chars.get(i + 1).is_some_and(|n| is_han(*n)) {
                out.push_str([" ", "\u{3000}", "\u{a0}"][i % 3]);
            }
        }
        out.push_str(" \u{a0}\t");
        out
    })
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn blank_lines(text: &str) -> String {
    text.replace('\n', "\n\n \n\n")
}

/// Every line longer than 20 characters broken near its middle, between two Han characters.
fn page_breaks(text: &str) -> String {
    map_lines(text, |line| {
        let chars: Vec<char> = line.chars().collect();
        if chars.len() <= 20 {
            return line.to_string();
        }
        let at =
            (chars.len() / 2..chars.len() - 1).find(|&i| is_han(chars[i - 1]) && is_han(chars[i]));
        match at {
            Some(i) => {
                let (a, b) = chars.split_at(i);
                format!(
                    "{}\n\n{}",
                    a.iter().collect::<String>(),
                    b.iter().collect::<String>()
                )
            }
            None => line.to_string(),
        }
    })
}

#[test]
fn noise_variants_give_the_same_ledger() {
    let want = parse(SAMPLE).ledger;
    let variants: Vec<(&str, String)> = vec![
        ("half-width brackets, colons, commas", half_width(SAMPLE)),
        ("10．/10、/10 . numbering", other_dots(SAMPLE)),
        ("extra spaces, U+3000, NBSP, tabs", spaces(SAMPLE)),
        ("CRLF", crlf(SAMPLE)),
        ("BOM", format!("\u{feff}{SAMPLE}")),
        ("blank lines between every line", blank_lines(SAMPLE)),
        (
            "every paragraph broken by a blank line",
            page_breaks(SAMPLE),
        ),
        (
            "all at once",
            crlf(&blank_lines(&spaces(&page_breaks(&other_dots(
                &half_width(SAMPLE),
            ))))),
        ),
    ];
    for (what, text) in variants {
        let got = parse(&text);
        assert_same_ledger(&got.ledger, &want, what);
        assert_eq!(got.report.leftovers, vec![], "{what}");
        assert_eq!(got.report.warnings, Vec::<BulletinWarning>::new(), "{what}");
    }
}

#[test]
fn decoded_bytes_of_every_encoding_give_the_same_text() {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SAMPLE.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in SAMPLE.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for bytes in [SAMPLE.as_bytes().to_vec(), bom, le, be] {
        let text = decode_text(&bytes).unwrap();
        assert_eq!(text, SAMPLE);
        assert_same_ledger(&parse(&text).ledger, &example_ledger(), "decoded");
    }
}

#[test]
fn unplaceable_text_is_kept_and_reported() {
    let BulletinImport { ledger, report } = parse(JUNK);
    assert_eq!(ledger.problems.len(), 2);
    let kept: Vec<(&str, KeptIn)> = report
        .leftovers
        .iter()
        .map(|l| (l.text.as_str(), l.kept_in))
        .collect();
    let progress = |number| KeptIn::Problem {
        number,
        field: ProblemText::Progress,
    };
    assert_eq!(
        kept,
        [
            ("@@@ 扫描件第2页 @@@", KeptIn::CategoryTitle(1)),
            ("（此页无正文）", progress(1)),
            ("~~~~~~", progress(2)),
            ("抄送：县委巡察办。", KeptIn::Contact),
        ]
    );
    assert!(ledger.categories[0].title.ends_with("@@@ 扫描件第2页 @@@"));
    assert!(ledger.problems[0].progress.ends_with("\n（此页无正文）"));
    assert!(ledger.problems[1].progress.ends_with("\n~~~~~~"));
    assert!(ledger.meta.contact.ends_with("抄送：县委巡察办。"));
    assert_eq!(ledger.problems[1].status, Status::InProgress);
    assert_eq!(ledger.meta.signature, "县档案馆党支部");
    assert_eq!(ledger.meta.as_of, Some(common::day(2021, 8, 31)));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| matches!(w, BulletinWarning::PageNumbers(_))),
        "{:?}",
        report.warnings
    );
}

// ───────────── bad input ─────────────

#[test]
fn empty_and_whitespace_only() {
    assert_eq!(parse_bulletin(""), Err(BulletinTextError::Empty));
    assert_eq!(
        parse_bulletin(" \r\n\u{3000}\n\t\u{feff}"),
        Err(BulletinTextError::Empty)
    );
    assert_eq!(decode_text(b""), Err(BulletinTextError::Empty));
    assert_eq!(decode_text(b" \r\n \n"), Err(BulletinTextError::Empty));
    assert_eq!(decode_text(b"\xEF\xBB\xBF"), Err(BulletinTextError::Empty));
}

#[test]
fn text_without_structure() {
    assert_eq!(
        parse_bulletin("今天天气很好。\n我们去公园散步。"),
        Err(BulletinTextError::NoStructure)
    );
}

#[test]
fn bytes_that_are_not_text() {
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert_eq!(decode_text(&binary), Err(BulletinTextError::NotText));
    // "整改情况：已完成。" in GBK, as 记事本 saves it on a Chinese Windows.
    let gbk = b"1.\xd5\xfb\xb8\xc4\xc7\xe9\xbf\xf6\xa3\xba\xd2\xd1\xcd\xea\xb3\xc9\xa1\xa3\r\n"
        .repeat(20);
    assert_eq!(
        decode_text(&gbk).unwrap(),
        "1.整改情况：已完成。\r\n".repeat(20)
    );
    let rectify_file = include_bytes!("../../../../tests/fixtures/format-v1.rectify");
    assert_eq!(
        decode_text(rectify_file),
        Err(BulletinTextError::RectifyFile)
    );
    assert!(matches!(
        read_text_file(b"PK\x03\x04\x14\x00\x06\x00word/document.xml"),
        Err(BulletinTextError::Damaged(_))
    ));
    assert_eq!(decode_text(b"abc\x00def"), Err(BulletinTextError::NotText));
}

#[test]
fn a_three_megabyte_text_is_refused() {
    let big = SAMPLE.repeat(3 * 1024 * 1024 / SAMPLE.len() + 1);
    assert!(big.len() > 3 * 1024 * 1024 - SAMPLE.len());
    assert!(matches!(
        parse_bulletin(&big),
        Err(BulletinTextError::TooLarge { .. })
    ));
    assert!(matches!(
        decode_text(big.as_bytes()),
        Err(BulletinTextError::TooLarge { .. })
    ));
}

#[test]
fn every_truncated_sample_parses_or_fails_cleanly() {
    for k in 0..=50 {
        let mut cut = SAMPLE.len() * k / 50;
        while !SAMPLE.is_char_boundary(cut) {
            cut += 1;
        }
        let prefix = &SAMPLE[..cut];
        if let Ok(got) = parse_bulletin(prefix) {
            assert!(got.report.problems <= 20);
        }
        let suffix = &SAMPLE[cut..];
        let _ = parse_bulletin(suffix);
    }
    assert_eq!(parse(SAMPLE).report.problems, 20);
}

#[test]
fn create_from_bulletin_makes_a_document() {
    let (doc, report) = create_from_bulletin(SAMPLE, Some("张三"), common::T0).unwrap();
    assert_eq!((report.categories, report.problems), (16, 20));
    let ledger = doc.read().unwrap();
    assert_eq!(ledger.categories.len(), 16);
    assert_eq!(ledger.problems.len(), 20);
    assert_eq!(ledger.meta.name, "工业园党委整改台账");
    assert_eq!(ledger.meta.as_of, Some(common::day(2022, 6, 24)));
    let counts = LedgerCounts::of(&ledger, common::day(2022, 6, 30));
    assert_eq!(counts.categories, 16);
    assert_eq!(counts.categories_finished, 16);
    assert_eq!(counts.problems.total, 20);
    assert_eq!(counts.problems.ongoing, 20);
    assert_eq!((counts.rules, counts.rule_candidates), (5, 5));
    assert_eq!(ledger.rules.iter().filter(|r| !r.candidate).count(), 5);
    assert_eq!(ledger.rules.len(), 10);
    let first = &ledger.problems[0];
    assert_eq!(ledger.rules_of(&first.id).count(), 2);
    assert!(matches!(
        create_from_bulletin("", None, common::T0),
        Err(BulletinTextError::Empty)
    ));
}

#[test]
fn texts_near_the_size_limit_parse_without_trouble() {
    let started = std::time::Instant::now();
    // the sample pasted twice is read; pasted ninety times, the copies after the first pile up
    // in one field past its 64 KB limit and the text is refused with a message
    assert!(parse(&SAMPLE.repeat(2)).report.problems >= 20);
    let repeated = SAMPLE.repeat(MAX_BULLETIN_BYTES / SAMPLE.len());
    match parse_bulletin(&repeated) {
        Ok(got) => assert!(got.report.problems >= 20),
        Err(e) => assert!(matches!(e, BulletinTextError::OverLimit(_)), "{e:?}"),
    }
    let one_paragraph = "整改".repeat(MAX_BULLETIN_BYTES / 6 - 100);
    let _ = parse_bulletin(&one_paragraph);
    let many_lines = "1.关于\n整改情况：（\n《方案》制度，\n".repeat(MAX_BULLETIN_BYTES / 60);
    let _ = parse_bulletin(&many_lines);
    let brackets = "(（《".repeat(MAX_BULLETIN_BYTES / 12);
    let _ = parse_bulletin(&brackets);
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn labels_alone_on_their_line_chinese_dates_and_measures() {
    let text = "某某局党组文件\n某某局党组关于巡察整改情况的通报\n\
2023年1月3日至2月28日，市委第一巡察组对某某局党组开展了巡察。2023年4月，市委第一巡察组反馈了意见，指出问题1个。截至5月31日，已整改完毕事项1个。\n\
一、整改工作\n（一）针对学习不深入的问题。\n1．学习不深入。\n原因分析：\n思想不重视。\n整改措施：\n制定学习计划。\n\
整改情况：\n已完成。每月学习一次。\n某某局党组\n二〇二三年六月五日\n";
    let BulletinImport { ledger, report } = parse(text);
    let p = &ledger.problems[0];
    assert_eq!(p.description, "学习不深入。");
    assert_eq!(p.cause, "思想不重视。");
    assert_eq!(p.measures, "制定学习计划。");
    assert_eq!(p.progress, "已完成。每月学习一次。");
    assert_eq!(p.status, Status::Done);
    assert_eq!(ledger.meta.signature, "某某局党组");
    assert_eq!(ledger.meta.issue_date, Some(common::day(2023, 6, 5)));
    assert_eq!(ledger.meta.inspection_to, Some(common::day(2023, 2, 28)));
    assert_eq!(ledger.meta.as_of, Some(common::day(2023, 5, 31)));
    assert_eq!(ledger.sections.implementation_heading, "整改工作");
    assert_eq!(report.leftovers, vec![]);
    assert_eq!(report.warnings, Vec::<BulletinWarning>::new());
}

#[test]
fn lines_before_the_header_and_the_document_number_are_kept_in_the_opening() {
    let text = SAMPLE.replacen(
        "中共广州花都（清新）产业转移工业园委员会文件\n",
        "附件1\n中共广州花都（清新）产业转移工业园委员会文件\n清工委〔2022〕12号\n",
        1,
    );
    let BulletinImport { ledger, report } = parse(&text);
    let want = example_ledger();
    assert_eq!(ledger.meta.header, want.meta.header);
    assert_eq!(ledger.meta.title, want.meta.title);
    assert_eq!(
        ledger.sections.opening,
        format!("附件1\n清工委〔2022〕12号\n{}", want.sections.opening)
    );
    let kept: Vec<(&str, KeptIn)> = report
        .leftovers
        .iter()
        .map(|l| (l.text.as_str(), l.kept_in))
        .collect();
    assert_eq!(
        kept,
        [
            ("附件1", KeptIn::Opening),
            ("清工委〔2022〕12号", KeptIn::Opening)
        ]
    );
    assert_eq!(ledger.problems.len(), 20);
}

#[test]
fn randomly_mangled_samples_never_panic() {
    const PIECES: [&str; 16] = [
        "\n",
        "\n\n",
        "（",
        "）",
        "(",
        ")",
        "《",
        "》",
        "：",
        "1.",
        "一、",
        "（三）",
        "整改情况：",
        "原因分析:",
        "截至",
        "。",
    ];
    let chars: Vec<char> = SAMPLE.chars().collect();
    let mut rng = common::lcg(7);
    for _ in 0..150 {
        let mut text: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
        for _ in 0..40 {
            let at = rng.next().unwrap() as usize % text.len();
            match rng.next().unwrap() % 3 {
                0 => text[at].clear(),
                1 => text[at] = PIECES[rng.next().unwrap() as usize % PIECES.len()].to_string(),
                _ => text.insert(
                    at,
                    PIECES[rng.next().unwrap() as usize % PIECES.len()].to_string(),
                ),
            }
        }
        let text = text.concat();
        if let Ok(got) = parse_bulletin(&text) {
            assert_eq!(got.report.problems, got.ledger.problems.len());
            assert_eq!(got.report.categories, got.ledger.categories.len());
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = common::lcg(11);
    for len in [1usize, 2, 3, 7, 64, 1000] {
        for _ in 0..50 {
            let mut bytes: Vec<u8> = (0..len).map(|_| rng.next().unwrap() as u8).collect();
            if len > 2 && rng.next().unwrap().is_multiple_of(2) {
                bytes[..2].copy_from_slice(&[0xFF, 0xFE]);
            }
            if let Ok(text) = decode_text(&bytes) {
                let _ = parse_bulletin(&text);
            }
        }
    }
}
