//! The frame around the body: what stands above the 发文机关标志, the header and title at the
//! start; 抄送/印发, the signature and the date at the end.

use rectify_core::ledger::Meta;

use super::lines::{kind_of, Kind};
use super::meta::UNIT_ENDINGS;
use super::text::{clean_line, date_line, document_number, head_note};

/// The frame found: lines kept in the opening (head notes) or the contact (tail notes), and
/// the body's range of lines.
pub(super) struct Frame {
    pub head_notes: Vec<(usize, String)>,
    pub tail_notes: Vec<(usize, String)>,
    pub body: std::ops::Range<usize>,
    /// input line numbers used by header, title, signature and date
    pub used: Vec<usize>,
}

fn sentence(l: &str) -> bool {
    l.contains(['，', '。', '；']) || kind_of(l).0 != Kind::Text
}

pub(super) fn contact_start(p: &str) -> bool {
    p.starts_with("欢迎")
        || [
            "联系方式",
            "联系电话",
            "联系人",
            "联系地址",
            "监督电话",
            "举报电话",
        ]
        .iter()
        .any(|w| p.starts_with(w) || p.contains(&format!("{w}：")))
}

/// Header (…文件) and title at the start; returns the index after them.
fn head(lines: &[(usize, String)], meta: &mut Meta, f: &mut Frame) -> usize {
    let mut idx = 0;
    let start = lines
        .iter()
        .take(3)
        .take_while(|(_, l)| head_note(l))
        .count();
    for k in 1..=2 {
        let Some(part) = lines.get(start..start + k) else {
            break;
        };
        let header: String = part.iter().map(|(_, l)| l.as_str()).collect();
        if header.ends_with("文件")
            && header.chars().count() <= 40
            && !part.iter().any(|(_, l)| sentence(l))
        {
            f.head_notes.extend_from_slice(&lines[..start]);
            f.used.extend(part.iter().map(|(n, _)| *n));
            meta.header = header;
            idx = start + k;
            break;
        }
    }
    while lines.get(idx).is_some_and(|(_, l)| document_number(l)) {
        f.head_notes.push(lines[idx].clone());
        idx += 1;
    }
    const TITLE_ENDINGS: [&str; 8] = [
        "通报", "报告", "情况", "通知", "公告", "公示", "方案", "台账",
    ];
    for k in 0..3 {
        let Some((_, l)) = lines.get(idx + k) else {
            break;
        };
        if sentence(l) || l.chars().count() > 60 {
            break;
        }
        if TITLE_ENDINGS.iter().any(|w| l.ends_with(w)) {
            let joined: String = lines[idx..=idx + k]
                .iter()
                .map(|(_, l)| l.as_str())
                .collect();
            meta.title = clean_line(&joined);
            f.used.extend(lines[idx..=idx + k].iter().map(|(n, _)| *n));
            return idx + k + 1;
        }
    }
    idx
}

/// 抄送/印发, the date and the signature at the end; returns the end of the body.
fn tail(lines: &[(usize, String)], from: usize, meta: &mut Meta, f: &mut Frame) -> usize {
    let mut end = lines.len();
    while end > from + 1
        && ["抄送", "印发", "主送", "附件", "（此件"]
            .iter()
            .any(|w| lines[end - 1].1.starts_with(w))
    {
        f.tail_notes.insert(0, lines[end - 1].clone());
        end -= 1;
    }
    if end > from {
        if let Some(d) = date_line(&lines[end - 1].1) {
            meta.issue_date = Some(d);
            f.used.push(lines[end - 1].0);
            end -= 1;
        }
    }
    if end > from {
        let l = &lines[end - 1].1;
        let unit_like = UNIT_ENDINGS.iter().any(|w| l.ends_with(w));
        if l.chars().count() <= 40
            && !sentence(l)
            && !contact_start(l)
            && (meta.issue_date.is_some() || unit_like)
        {
            meta.signature = l.clone();
            f.used.push(lines[end - 1].0);
            end -= 1;
        }
    }
    end
}

/// Read the frame of `lines` (number, cleaned text) into `meta`.
pub(super) fn frame(lines: &[(usize, String)], meta: &mut Meta) -> Frame {
    let mut f = Frame {
        head_notes: vec![],
        tail_notes: vec![],
        body: 0..0,
        used: vec![],
    };
    let start = head(lines, meta, &mut f);
    let end = tail(lines, start, meta, &mut f);
    f.body = start..end.max(start);
    f
}
