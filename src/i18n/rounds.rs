//! The inspection office's seat in words: the 销号 review's verdicts and states, the round's
//! errors, and the notices of adding units, with their values.

use rectify_core::ledger::{ReviewState, Verdict};
use rectify_core::round::RoundError;
use rectify_core::store::UnitAdded;

use super::{Lang, Texts};

impl Texts {
    pub fn verdict(&self, verdict: Verdict) -> &'static str {
        match verdict {
            Verdict::SignedOff => self.badge_signed_off,
            Verdict::Returned => self.badge_returned,
        }
    }

    pub fn review_state(&self, state: ReviewState) -> &'static str {
        match state {
            ReviewState::Awaiting => self.badge_awaiting,
            ReviewState::SignedOff => self.badge_signed_off,
            ReviewState::Returned => self.badge_returned,
        }
    }

    /// Why a unit's file, or a round, was refused; the round and every ledger are unchanged.
    pub fn round_error(&self, e: &RoundError) -> String {
        let unchanged = self.pick(
            "本轮和各单位台账均未改变。",
            "The round and every ledger are unchanged.",
        );
        let why = match (self.lang, e) {
            (_, RoundError::UnitFile(e)) => self.import_error(e),
            (_, RoundError::Store(e)) => self.store_error(e),
            (Lang::Zh, RoundError::Damaged(d)) => format!("轮次文件已损坏：{}", self.damage(d)),
            (Lang::En, RoundError::Damaged(d)) => format!("The round file is damaged: {}", self.damage(d)),
            (Lang::Zh, RoundError::InAnotherRound { round }) => format!("这本台账已在另一轮巡察“{round}”中，不能再加入本轮"),
            (Lang::En, RoundError::InAnotherRound { round }) => format!("This ledger is already in another round, “{round}”, and cannot join this one"),
            (Lang::Zh, RoundError::SameName { name }) => format!("本轮已有名为“{name}”的单位，这是另一本台账。请先在该台账的台账信息中核对发文机关"),
            (Lang::En, RoundError::SameName { name }) => format!("The round already has a unit named “{name}”, and this is another ledger. Check the issuing body in that ledger's info first"),
            (Lang::Zh, RoundError::NewerVersion) => "文件由更新版本的 Rectify 制作，请先更新本程序".to_string(),
            (Lang::En, RoundError::NewerVersion) => "The file was made by a newer version of Rectify; update this app first".to_string(),
            (Lang::Zh, RoundError::OtherRound) => "这是另一轮巡察的文件，不能合并".to_string(),
            (Lang::En, RoundError::OtherRound) => "This file is of another round; it cannot be merged".to_string(),
            (Lang::Zh, RoundError::ReadOnly) => "此轮次由更新版本的 Rectify 制作，只能查看".to_string(),
            (Lang::En, RoundError::ReadOnly) => "This round was made by a newer version of Rectify and can only be viewed".to_string(),
        };
        format!("{why}{}{unchanged}", self.pick("。", ". "))
    }

    /// What adding a unit's file did.
    pub fn unit_added(&self, added: &UnitAdded) -> String {
        match (self.lang, added) {
            (Lang::Zh, UnitAdded::Added { name }) => format!("已将“{name}”加入本轮。"),
            (Lang::En, UnitAdded::Added { name }) => format!("Added “{name}” to the round."),
            (
                Lang::Zh,
                UnitAdded::Merged {
                    name,
                    new_changes: 0,
                },
            ) => format!("“{name}”的文件没有新内容。"),
            (
                Lang::En,
                UnitAdded::Merged {
                    name,
                    new_changes: 0,
                },
            ) => format!("The file of “{name}” has nothing new."),
            (Lang::Zh, UnitAdded::Merged { name, new_changes }) => {
                format!("已合并“{name}”的更新（{new_changes}处修改）。")
            }
            (Lang::En, UnitAdded::Merged { name, new_changes }) => {
                format!("Merged the update of “{name}” ({new_changes} changes).")
            }
        }
    }

    /// The question before a unit not yet in the round joins it.
    pub fn ask_add_unit(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("“{name}”不在本轮中。加入本轮？"),
            Lang::En => format!("“{name}” is not in this round. Add it?"),
        }
    }

    pub fn round_created(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已建立巡察轮次“{name}”。"),
            Lang::En => format!("Created the round “{name}”."),
        }
    }

    pub fn round_opened(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已打开并合并巡察轮次“{name}”。"),
            Lang::En => format!("Opened and merged the round “{name}”."),
        }
    }

    /// "区财政局：同意销号（王五，2024-06-05）：材料齐全"
    pub fn review_line(&self, verdict: Verdict, by: &str, date: &str, note: &str) -> String {
        let mut line = self.verdict(verdict).to_string();
        let who: Vec<&str> = [by, date]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect();
        if !who.is_empty() {
            line.push_str(&format!(
                "{}{}{}",
                self.pick("（", " ("),
                who.join(self.pick("，", ", ")),
                self.pick("）", ")")
            ));
        }
        if !note.trim().is_empty() {
            line.push_str(&format!("{}{note}", self.pick("：", ": ")));
        }
        line
    }

    /// Units left out of the rollup (their ledger is not in this browser or does not open).
    pub fn units_missing(&self, names: &[String]) -> String {
        match self.lang {
            Lang::Zh => format!("以下单位的台账不在本机或无法打开，未计入汇总：{}", names.join("、")),
            Lang::En => format!("These units' ledgers are not in this browser or do not open, and are not counted: {}", names.join(", ")),
        }
    }
}
