//! What a change did, as the history lists it ("状态改为已完成"). Each change's message is
//! stored in the document in Chinese, the document's own language, so every build (older
//! ones too) reads it as it is; [`ChangeNote::parse`] reads it back as a typed note that the
//! UI's i18n says in the reader's language. A message no build of this one wrote (a newer
//! build's, a hand-made file's) stays [`ChangeNote::Other`] and is shown as stored.

use super::{AddedContents, ProblemField, ProblemText};
use crate::ledger::Status;

/// One thing a change did.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ChangeNote {
    CreateLedger,
    AddProblem,
    /// deleted to 回收站; the number it had
    DeleteProblem(Option<usize>),
    RestoreProblem,
    ReorderProblem,
    MoveProblem,
    EditText(ProblemText),
    SetField(ProblemField),
    SetStatus(Status),
    SetDepartments,
    /// 基本完成、持续整改 marked (true) or unmarked
    SetBasicallyDone(bool),
    /// 同意销号
    SignOff,
    /// 退回整改
    ReturnProblem,
    AddProgress,
    DeleteProgress,
    AddCategory(String),
    RenameCategory(String),
    ReorderCategories,
    DeleteCategory(String),
    AddRule(String),
    RenameRule,
    SetRuleKind,
    SetRuleDate,
    RuleToConfirm,
    ConfirmRule,
    LinkRule,
    UnlinkRule,
    DeleteRule,
    EditMeta,
    RestoreEarlier,
    SettleConflict,
    /// a ledger's contents added at once (an import, the example): one note for the batch,
    /// stored with its counts ("添加16个类别、2000个问题、3项建章立制")
    AddContents(AddedContents),
    /// a message written by something else, shown as stored
    Other(String),
}

/// The fixed messages, as stored.
const FIXED: [(&str, ChangeNote); 25] = [
    ("新建台账", ChangeNote::CreateLedger),
    ("新增问题", ChangeNote::AddProblem),
    ("删除问题", ChangeNote::DeleteProblem(None)),
    ("恢复已删除的问题", ChangeNote::RestoreProblem),
    ("调整问题顺序", ChangeNote::ReorderProblem),
    ("移动问题到其他类别", ChangeNote::MoveProblem),
    ("修改责任部门", ChangeNote::SetDepartments),
    ("标记基本完成", ChangeNote::SetBasicallyDone(true)),
    ("取消基本完成", ChangeNote::SetBasicallyDone(false)),
    ("同意销号", ChangeNote::SignOff),
    ("退回整改", ChangeNote::ReturnProblem),
    ("新增进展记录", ChangeNote::AddProgress),
    ("删除进展记录", ChangeNote::DeleteProgress),
    ("调整问题类别顺序", ChangeNote::ReorderCategories),
    ("修改建章立制名称", ChangeNote::RenameRule),
    ("修改建章立制类型", ChangeNote::SetRuleKind),
    ("修改建章立制日期", ChangeNote::SetRuleDate),
    ("建章立制改为待确认", ChangeNote::RuleToConfirm),
    ("确认建章立制", ChangeNote::ConfirmRule),
    ("关联建章立制", ChangeNote::LinkRule),
    ("取消关联建章立制", ChangeNote::UnlinkRule),
    ("删除建章立制", ChangeNote::DeleteRule),
    ("修改台账信息", ChangeNote::EditMeta),
    ("恢复修改前的值", ChangeNote::RestoreEarlier),
    ("处理冲突", ChangeNote::SettleConflict),
];

/// A message that carries a title: the words before and after it, and the note it makes.
type Titled = (&'static str, &'static str, fn(String) -> ChangeNote);

/// Messages that carry a title.
const TITLED: [Titled; 4] = [
    ("新增问题类别“", "”", ChangeNote::AddCategory),
    ("修改问题类别“", "”", ChangeNote::RenameCategory),
    ("删除问题类别“", "”", ChangeNote::DeleteCategory),
    ("新增建章立制《", "》", ChangeNote::AddRule),
];

impl ChangeNote {
    /// The message as stored in the document.
    pub fn stored(&self) -> String {
        match self {
            ChangeNote::DeleteProblem(Some(n)) => format!("删除问题{n}"),
            ChangeNote::EditText(field) => format!("编辑{}", field.label()),
            ChangeNote::SetField(field) => format!("修改{}", field.label()),
            ChangeNote::SetStatus(status) => format!("状态改为{}", status.label()),
            ChangeNote::AddCategory(t) => format!("新增问题类别“{}”", t.trim()),
            ChangeNote::RenameCategory(t) => format!("修改问题类别“{}”", t.trim()),
            ChangeNote::DeleteCategory(t) => format!("删除问题类别“{t}”"),
            ChangeNote::AddRule(t) => format!("新增建章立制《{}》", t.trim()),
            ChangeNote::AddContents(added) => stored_counts(added),
            ChangeNote::Other(text) => text.clone(),
            fixed => FIXED
                .iter()
                .find(|(_, note)| note == fixed)
                .map(|(text, _)| text.to_string())
                .unwrap_or_default(),
        }
    }

    /// One stored note read back.
    pub fn parse(text: &str) -> ChangeNote {
        if let Some((_, note)) = FIXED.iter().find(|(t, _)| *t == text) {
            return note.clone();
        }
        for (before, after, make) in TITLED {
            if let Some(title) = text
                .strip_prefix(before)
                .and_then(|t| t.strip_suffix(after))
            {
                return make(title.to_string());
            }
        }
        if let Some(n) = text.strip_prefix("删除问题").and_then(|n| n.parse().ok()) {
            return ChangeNote::DeleteProblem(Some(n));
        }
        if let Some(label) = text.strip_prefix("编辑") {
            if let Some(f) = ProblemText::ALL.into_iter().find(|f| f.label() == label) {
                return ChangeNote::EditText(f);
            }
        }
        if let Some(label) = text.strip_prefix("修改") {
            if let Some(f) = ProblemField::ALL.into_iter().find(|f| f.label() == label) {
                return ChangeNote::SetField(f);
            }
        }
        if let Some(status) = text.strip_prefix("状态改为").and_then(Status::from_label) {
            return ChangeNote::SetStatus(status);
        }
        if let Some(added) = parse_counts(text) {
            return ChangeNote::AddContents(added);
        }
        ChangeNote::Other(text.to_string())
    }
}

/// The words after each count of [`ChangeNote::AddContents`], in the order stored.
const COUNTED: [&str; 3] = ["个类别", "个问题", "项建章立制"];

/// "添加16个类别、2000个问题、3项建章立制", each count given only when it is not zero.
fn stored_counts(added: &AddedContents) -> String {
    let counts = [added.categories, added.problems, added.rules];
    let parts: Vec<String> = counts
        .iter()
        .zip(COUNTED)
        .filter(|(n, _)| **n > 0)
        .map(|(n, words)| format!("{n}{words}"))
        .collect();
    format!("添加{}", parts.join("、"))
}

/// [`stored_counts`] read back.
fn parse_counts(text: &str) -> Option<AddedContents> {
    let mut counts = [0usize; 3];
    for part in text.strip_prefix("添加")?.split('、') {
        let (i, n) = COUNTED
            .iter()
            .enumerate()
            .find_map(|(i, words)| Some((i, part.strip_suffix(words)?.parse().ok()?)))?;
        counts[i] = n;
    }
    let [categories, problems, rules] = counts;
    Some(AddedContents {
        categories,
        problems,
        rules,
    })
}

/// What one change did: its notes, and how many more it did than the message lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeNotes {
    pub notes: Vec<ChangeNote>,
    /// the change did this many things in all when the message was cut ("… 等7项")
    pub in_all: Option<usize>,
}

/// Notes a message lists at most; the rest are counted ("等7项").
pub(super) const LISTED: usize = 5;

impl ChangeNotes {
    /// The message stored for these notes (the first [`LISTED`], "；" between them).
    pub fn stored(notes: &[ChangeNote]) -> String {
        let mut message = notes
            .iter()
            .take(LISTED)
            .map(ChangeNote::stored)
            .collect::<Vec<_>>()
            .join("；");
        if notes.len() > LISTED {
            message.push_str(&format!(" 等{}项", notes.len()));
        }
        message
    }

    /// A stored message read back; an empty message has no notes.
    pub fn parse(message: &str) -> ChangeNotes {
        let (listed, in_all) = match message.rsplit_once(" 等") {
            Some((listed, count)) => match count.strip_suffix('项').and_then(|n| n.parse().ok()) {
                Some(n) => (listed, Some(n)),
                None => (message, None),
            },
            None => (message, None),
        };
        let notes = split_notes(listed)
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(ChangeNote::parse)
            .collect();
        ChangeNotes { notes, in_all }
    }
}

/// A message cut at each "；" that is not inside a title (“…” or 《…》), which may hold one.
fn split_notes(message: &str) -> Vec<&str> {
    let mut parts = vec![];
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in message.char_indices() {
        match c {
            '“' | '《' => depth += 1,
            '”' | '》' => depth -= 1,
            '；' if depth <= 0 => {
                parts.push(&message[start..i]);
                start = i + c.len_utf8();
                depth = 0;
            }
            _ => {}
        }
    }
    parts.push(&message[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every note a build writes reads back as itself, and a message of several as they were.
    #[test]
    fn every_note_reads_back_as_written() {
        let mut notes: Vec<ChangeNote> = FIXED.iter().map(|(_, n)| n.clone()).collect();
        notes.extend(ProblemText::ALL.map(ChangeNote::EditText));
        notes.extend(ProblemField::ALL.map(ChangeNote::SetField));
        notes.extend(Status::ALL.map(ChangeNote::SetStatus));
        notes.extend([
            ChangeNote::DeleteProblem(Some(12)),
            ChangeNote::AddCategory("组织建设；作风建设".into()),
            ChangeNote::RenameCategory("“三重一大”制度".into()),
            ChangeNote::DeleteCategory("财务管理".into()),
            ChangeNote::AddRule("《议事规则》修订".into()),
            ChangeNote::Other("某个更新版本写的说明".into()),
            ChangeNote::AddContents(AddedContents {
                categories: 16,
                problems: 2000,
                rules: 3,
            }),
            ChangeNote::AddContents(AddedContents {
                categories: 0,
                problems: 12,
                rules: 0,
            }),
        ]);
        for note in &notes {
            assert_eq!(
                &ChangeNote::parse(&note.stored()),
                note,
                "{}",
                note.stored()
            );
        }
        for chunk in notes.chunks(7) {
            let message = ChangeNotes::stored(chunk);
            let read = ChangeNotes::parse(&message);
            let listed = chunk.len().min(LISTED);
            assert_eq!(read.notes, chunk[..listed], "{message}");
            assert_eq!(read.in_all, (chunk.len() > LISTED).then_some(chunk.len()));
        }
    }

    /// Messages older builds stored read as the same notes.
    #[test]
    fn messages_of_older_builds_are_read() {
        let read = ChangeNotes::parse("编辑原因分析；状态改为已完成；删除问题3 等8项");
        assert_eq!(
            read.notes,
            [
                ChangeNote::EditText(ProblemText::Cause),
                ChangeNote::SetStatus(Status::Done),
                ChangeNote::DeleteProblem(Some(3)),
            ]
        );
        assert_eq!(read.in_all, Some(8));
        assert_eq!(ChangeNotes::parse(""), ChangeNotes::default());
        assert_eq!(
            ChangeNote::parse("状态改为暂停"),
            ChangeNote::Other("状态改为暂停".into())
        );
    }
}
