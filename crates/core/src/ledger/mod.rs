//! The ledger core: what a rectification ledger is, and the rules derived from it
//! (numbering, lights, filters, counts, the weekly report). Plain Rust, no browser or CRDT types.

pub mod filter;
pub mod light;
pub mod model;
pub mod progress;
pub mod report;
mod report_text;
mod review;
pub mod status_words;

pub use filter::{Counts, Filter, LedgerCounts};
pub use light::{light_of, Light, DEFAULT_WARN_DAYS};
pub use model::*;
pub use progress::Progress;
pub use report::{
    weekly_report, weekly_report_with, Period, ReportCounts, ReportEntry, ReportProblem,
    ReportReview, ReportRule, StatusChange, WeeklyReport,
};
pub use status_words::{
    read_status, says_basically_done, BASICALLY_DONE_WORDS, STATUS_ANSWERS, STATUS_WORDS,
};
