//! The inspection office's 销号 review of a problem (同意销号 or 退回) and the 基本完成 flag:
//! how a problem stands as the office counts it. Plain values; the document stores them as
//! registers (`document/ops_review.rs`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Problem, Status};

impl Problem {
    /// 基本完成并持续整改: 整改中 with the flag set (the flag on any other status is ignored).
    pub fn basically_done(&self) -> bool {
        self.basically_done && self.status == Status::InProgress
    }

    /// Where the problem stands in the office's 销号 review ([`ReviewState`]).
    pub fn review_state(&self) -> Option<ReviewState> {
        let verdict = self.review.as_ref().map(|r| r.verdict);
        match verdict {
            Some(Verdict::SignedOff) => Some(ReviewState::SignedOff),
            _ if self.status.is_finished() => Some(ReviewState::Awaiting),
            Some(Verdict::Returned) => Some(ReviewState::Returned),
            None => None,
        }
    }
}

/// The office's verdict on a finished problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// 同意销号
    SignedOff,
    /// 退回 (the status went back to 整改中)
    Returned,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::SignedOff => "signed_off",
            Verdict::Returned => "returned",
        }
    }
    /// None for "" and for a code this build does not know.
    pub fn from_code(code: &str) -> Option<Verdict> {
        match code {
            "signed_off" => Some(Verdict::SignedOff),
            "returned" => Some(Verdict::Returned),
            _ => None,
        }
    }
}

/// 销号 review of a problem: who decided what, when, and why (意见 or 退回理由).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub verdict: Verdict,
    /// the reviewer (我的名字 of the person at the office)
    pub by: String,
    pub date: Option<NaiveDate>,
    /// 审核意见 when signed off, 退回理由 when returned
    pub note: String,
}

/// Where a problem stands in the 销号 review, as the filters and counts group it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewState {
    /// 待销号: finished (已完成/长期坚持) and not signed off (also after a return, once the
    /// unit has finished it again)
    Awaiting,
    /// 已销号
    SignedOff,
    /// 退回: returned and not finished again yet
    Returned,
}

impl ReviewState {
    pub const ALL: [ReviewState; 3] = [
        ReviewState::Awaiting,
        ReviewState::SignedOff,
        ReviewState::Returned,
    ];
    pub fn code(self) -> &'static str {
        match self {
            ReviewState::Awaiting => "awaiting",
            ReviewState::SignedOff => "signed_off",
            ReviewState::Returned => "returned",
        }
    }
    pub fn from_code(code: &str) -> Option<ReviewState> {
        ReviewState::ALL.into_iter().find(|s| s.code() == code)
    }
}
