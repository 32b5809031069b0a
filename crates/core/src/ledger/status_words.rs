//! How people write a 整改状态 in their own words (已完成, 整改完成, 长期坚持, 正在推进, 未启动…):
//! one table that both importers read — the Excel import's 整改状态 cells and the bulletin
//! reader's 整改情况 paragraphs.

use super::model::Status;

/// Words that say a status, by the status they say, most telling first: a text with words of
/// several statuses says the first one's (已完成并长期坚持 → 长期坚持, 未完成 → 整改中).
pub const STATUS_WORDS: [(Status, &[&str]); 4] = [
    (
        Status::NotStarted,
        &["未启动", "未开始", "尚未", "未整改", "待整改", "待启动"],
    ),
    (
        Status::InProgress,
        &[
            "未完成",
            "整改中",
            "正在整改",
            "推进中",
            "正在",
            "进行中",
            "持续推进",
            "部分完成",
            "基本完成",
            "阶段性成果",
            "未销号",
        ],
    ),
    (Status::Ongoing, &["长期坚持", "长期", "持续整改", "常态化"]),
    (
        Status::Done,
        &[
            "已完成",
            "整改完成",
            "完成整改",
            "已全部完成",
            "已经完成",
            "已整改完毕",
            "已整改完成",
            "已整改到位",
            "完成",
            "已整改",
            "整改到位",
            "办结",
            "销号",
            "完毕",
        ],
    ),
];

/// Words that say 基本完成、持续整改 (取得阶段性成果): 整改中 with the flag
/// ([`crate::ledger::Problem::basically_done`]). Both are 整改中 words above too.
pub const BASICALLY_DONE_WORDS: [&str; 2] = ["基本完成", "阶段性成果"];

/// Whether a text that says 整改中 says it is 基本完成 (取得阶段性成果、持续整改): what both
/// importers set the flag from, beside the status the text says.
pub fn says_basically_done(status: &Status, text: &str) -> bool {
    *status == Status::InProgress && BASICALLY_DONE_WORDS.iter().any(|w| text.contains(w))
}

/// Whole answers in a yes/no column (是否完成): 是 √ ✓ → 已完成, 否 × → 未启动.
pub const STATUS_ANSWERS: [(&str, Status); 5] = [
    ("是", Status::Done),
    ("√", Status::Done),
    ("✓", Status::Done),
    ("否", Status::NotStarted),
    ("×", Status::NotStarted),
];

impl Status {
    /// The status a text says: that of the first status word (in [`STATUS_WORDS`]' order) it
    /// contains, else that of a whole yes/no answer; `None` when it says none.
    pub fn said_in(text: &str) -> Option<Status> {
        let t = text.trim();
        STATUS_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| t.contains(w)))
            .map(|(status, _)| status.clone())
            .or_else(|| {
                STATUS_ANSWERS
                    .iter()
                    .find(|(answer, _)| *answer == t)
                    .map(|(_, status)| status.clone())
            })
    }

    /// Whether the whole text is one status word: read without an assumption.
    pub fn is_status_word(text: &str) -> bool {
        let t = text.trim();
        STATUS_WORDS.iter().any(|(_, words)| words.contains(&t))
    }

    /// The status a sentence opens with: that of the longest status word it starts with,
    /// and 长期坚持 when it opens as done but also says it is kept up (整改完成，并长期坚持).
    /// `None` when it does not open with a status word.
    pub fn opening(sentence: &str) -> Option<Status> {
        let (status, _) = STATUS_WORDS
            .iter()
            .flat_map(|(status, words)| words.iter().map(move |w| (status, w)))
            .filter(|(_, w)| sentence.starts_with(*w))
            .max_by_key(|(_, w)| w.len())?;
        let kept_up = STATUS_WORDS
            .iter()
            .any(|(s, words)| *s == Status::Ongoing && words.iter().any(|w| sentence.contains(w)));
        Some(if *status == Status::Done && kept_up {
            Status::Ongoing
        } else {
            status.clone()
        })
    }
}

// ───────────── a whole 整改情况: the last sentence that says a status ─────────────

/// Phrases that say a status, most telling first within a sentence.
const SAYS: [(&str, Status); 23] = [
    ("尚未启动", Status::NotStarted),
    ("未启动", Status::NotStarted),
    ("长期坚持", Status::Ongoing),
    ("常态化", Status::Ongoing),
    ("基本完成", Status::InProgress),
    ("阶段性成果", Status::InProgress),
    ("正在整改", Status::InProgress),
    ("正在推进", Status::InProgress),
    ("持续推进", Status::InProgress),
    ("整改中", Status::InProgress),
    ("推进中", Status::InProgress),
    ("尚未完成", Status::InProgress),
    ("未完成", Status::InProgress),
    ("部分完成", Status::InProgress),
    ("已销号", Status::Done),
    ("已完成整改", Status::Done),
    ("已整改完毕", Status::Done),
    ("已整改到位", Status::Done),
    ("整改完成", Status::Done),
    ("完成整改", Status::Done),
    ("整改完毕", Status::Done),
    ("已完成", Status::Done),
    ("已办结", Status::Done),
];

/// What a status sentence says: the status and whether the sentence mixes finished and
/// unfinished words in a way no rule settles (基本完成，持续推进).
fn sentence_status(s: &str) -> Option<(Status, bool)> {
    let said: Vec<&Status> = SAYS
        .iter()
        .filter(|(w, _)| s.contains(w))
        .map(|(_, st)| st)
        .collect();
    let first = (*said.first()?).clone();
    let done = said.iter().any(|st| **st == Status::Done);
    let kept_up = said.iter().any(|st| **st == Status::Ongoing);
    if done && kept_up {
        return Some((Status::Ongoing, false));
    }
    // 基本完成 with nothing finished is 整改中 flagged (`says_basically_done`): no doubt left
    let unsure = done && first == Status::InProgress;
    Some((first, unsure))
}

fn sentences(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(['。', '；', '！', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The status of a 整改情况 text, the sentence that says it, and whether to review it: the
/// last sentence that says a status decides; an earlier one saying otherwise, a sentence
/// that mixes, or none at all (整改中 assumed) is flagged.
pub fn read_status(progress: &str) -> (Status, String, bool) {
    let said: Vec<(&str, Status, bool)> = sentences(progress)
        .rev()
        .filter_map(|s| sentence_status(s).map(|(st, unsure)| (s, st, unsure)))
        .collect();
    let Some((sentence, status, unsure)) = said.first().cloned() else {
        return (Status::InProgress, String::new(), true);
    };
    let disagree = said
        .iter()
        .any(|(_, st, _)| st.is_finished() != status.is_finished());
    let kept_up = said.iter().any(|(_, st, _)| *st == Status::Ongoing);
    let status = if status == Status::Done && kept_up {
        Status::Ongoing
    } else {
        status
    };
    (status, sentence.to_string(), unsure || disagree)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_says_its_most_telling_status() {
        assert_eq!(Status::said_in("已完成并长期坚持"), Some(Status::Ongoing));
        assert_eq!(Status::said_in("未完成"), Some(Status::InProgress));
        assert_eq!(Status::said_in("尚未完成"), Some(Status::NotStarted));
        assert_eq!(Status::said_in("已销号"), Some(Status::Done));
        assert_eq!(Status::said_in(" √ "), Some(Status::Done));
        assert_eq!(Status::said_in("否"), Some(Status::NotStarted));
        assert_eq!(Status::said_in("是否"), None);
        assert_eq!(Status::said_in("待研究"), None);
    }

    /// 基本完成 and 取得阶段性成果、持续整改 are 整改中 with the flag, whichever reader reads them.
    #[test]
    fn basically_done_is_in_progress_flagged() {
        for text in ["基本完成", "基本完成并持续整改", "取得阶段性成果、持续整改"]
        {
            let said = Status::said_in(text).unwrap();
            assert_eq!(said, Status::InProgress, "{text}");
            assert!(says_basically_done(&said, text), "{text}");
            let (read, sentence, _) = read_status(&format!("已制定方案。{text}。"));
            assert_eq!(read, Status::InProgress, "{text}");
            assert!(says_basically_done(&read, &sentence), "{text}");
        }
        assert!(!says_basically_done(&Status::InProgress, "正在整改"));
        assert!(!says_basically_done(&Status::Done, "基本完成"));
    }

    #[test]
    fn whole_words_only_are_read_without_assumption() {
        assert!(Status::is_status_word("正在整改"));
        assert!(Status::is_status_word("已整改"));
        assert!(!Status::is_status_word("已销号"));
        assert!(!Status::is_status_word("是"));
    }

    #[test]
    fn a_sentence_opens_with_its_status() {
        let o = Status::opening;
        assert_eq!(o("整改完成，并长期坚持"), Some(Status::Ongoing));
        assert_eq!(o("已整改完毕"), Some(Status::Done));
        assert_eq!(o("长期坚持"), Some(Status::Ongoing));
        assert_eq!(o("未完成整改"), Some(Status::InProgress));
        assert_eq!(o("一是正在推进"), None);
        assert_eq!(o("按要求已完成"), None);
    }

    #[test]
    fn every_word_is_listed_once() {
        let mut all: Vec<&str> = STATUS_WORDS
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}

#[cfg(test)]
mod reading_tests {
    use super::*;

    fn status(t: &str) -> Status {
        read_status(t).0
    }

    #[test]
    fn the_last_sentence_that_says_decides() {
        assert_eq!(status("整改完成，并长期坚持。修订制度"), Status::Ongoing);
        assert_eq!(status("整改完成。"), Status::Done);
        assert_eq!(status("已整改完毕"), Status::Done);
        assert_eq!(status("一是正在推进"), Status::InProgress);
        assert_eq!(status("尚未启动。"), Status::NotStarted);
        assert_eq!(
            status("制定《甲制度》，开展学习。已完成整改。"),
            Status::Done
        );
        assert_eq!(
            status("清理账目，目前基本完成，持续推进。"),
            Status::InProgress
        );
        assert_eq!(status("梳理记录，正在整改中。"), Status::InProgress);
        assert_eq!(status("该问题已销号。"), Status::Done);
        let (s, sentence, review) = read_status("正在整改。已完成整改");
        assert_eq!(
            (s, sentence.as_str(), review),
            (Status::Done, "已完成整改", true)
        );
        assert!(read_status("开展学习").2);
        assert!(!read_status("基本完成").2);
        assert!(read_status("基本完成，已完成").2);
        assert!(!read_status("已完成。").2);
    }
}
