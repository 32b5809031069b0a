//! What people call the places, authors and values the document's history and conflicts
//! show: typed here, said in words by the UI's i18n (第3项 · 原因分析 / No. 3 · Cause).

use std::collections::HashMap;

use super::{MetaField, ProblemField, ProblemText};
use crate::ledger::{CountingBasis, Ledger, RuleKind, StatedFigures, Status, TopLevel, Verdict};

/// Who made a change or wrote a value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Author {
    /// their 我的名字, as recorded in the document
    Named(String),
    /// nobody signed: the last 8 hex digits of the device's actor id, random in every actor
    /// (a session's actor starts with the same 0xff and time for everyone,
    /// [`super::LedgerDoc::begin_session`])
    Unsigned(String),
}

impl Author {
    /// The author of an actor (hex) given the document's actor → name table.
    pub fn of(actor: &str, people: &HashMap<String, String>) -> Author {
        match people.get(actor) {
            Some(name) => Author::Named(crate::ledger::without_bidi_controls(name)),
            None => Author::Unsigned(actor[actor.len().saturating_sub(8)..].to_string()),
        }
    }
}

/// The thing a place belongs to, as the ledger stands now.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Spot {
    /// 台账信息 (meta and the bulletin's sections)
    Meta,
    /// a category by its title; `None` once deleted
    Category(Option<String>),
    /// a rule (建章立制) by its title
    Rule(String),
    /// a problem by its number (第3项)
    Problem(usize),
    /// a problem in 回收站
    ProblemInTrash,
    /// a problem the ledger no longer has
    ProblemGone,
}

/// A field inside a [`Spot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Text(ProblemText),
    Short(ProblemField),
    Status,
    Departments,
    /// 进展记录
    Log,
    /// its category or order
    Position,
    /// deleted or restored
    Deleted,
    /// a problem's category, when two people moved it at once
    Category,
    /// a category's or a rule's title
    Title,
    RuleKind,
    RuleDate,
    /// whether a rule counts in the bulletin (计入通报)
    RuleCandidate,
    /// 基本完成、持续整改
    BasicallyDone,
    /// the office's 销号 review: verdict, reviewer, date
    Review,
    /// 审核意见 or 退回理由
    ReviewNote,
    Meta(MetaField),
}

impl Field {
    /// The field stored under `key` in a problem, category or rule map.
    pub fn of_key(key: &str) -> Option<Field> {
        let text = |t| Some(Field::Text(t));
        let short = |s| Some(Field::Short(s));
        match key {
            "description" => text(ProblemText::Description),
            "cause" => text(ProblemText::Cause),
            "measures" => text(ProblemText::Measures),
            "progress" => text(ProblemText::Progress),
            "evidence" => text(ProblemText::Evidence),
            "lead" => short(ProblemField::Lead),
            "owner" => short(ProblemField::Owner),
            "deadline" => short(ProblemField::Deadline),
            "completed_on" => short(ProblemField::CompletedOn),
            "status" => Some(Field::Status),
            "departments" => Some(Field::Departments),
            "log" => Some(Field::Log),
            "order" => Some(Field::Position),
            "deleted" => Some(Field::Deleted),
            "title" => Some(Field::Title),
            "kind" => Some(Field::RuleKind),
            "date" => Some(Field::RuleDate),
            "candidate" => Some(Field::RuleCandidate),
            "basically_done" => Some(Field::BasicallyDone),
            "review" | "review_by" | "review_date" => Some(Field::Review),
            "review_note" => Some(Field::ReviewNote),
            _ => None,
        }
    }
}

/// A place in the ledger as people name it: a thing and, where known, its field.
/// Sorted as people read a list: 台账信息, categories, rules, then problems by number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceName {
    pub spot: Spot,
    pub field: Option<Field>,
}

impl PlaceName {
    /// A problem's place, numbered as `ledger` stands.
    pub(super) fn problem(id: &str, ledger: Option<&Ledger>, field: Option<Field>) -> PlaceName {
        let spot = match ledger {
            Some(l) => match l.number_of(id) {
                Some(n) => Spot::Problem(n),
                None if l.trash.iter().any(|p| p.id == id) => Spot::ProblemInTrash,
                None => Spot::ProblemGone,
            },
            None => Spot::ProblemInTrash,
        };
        PlaceName { spot, field }
    }

    pub(super) fn category(id: &str, ledger: Option<&Ledger>, field: Option<Field>) -> Self {
        let title = ledger.and_then(|l| l.category(id)).map(|c| c.title.clone());
        PlaceName {
            spot: Spot::Category(title),
            field,
        }
    }

    pub(super) fn rule(id: &str, ledger: Option<&Ledger>, field: Option<Field>) -> Self {
        let title = ledger
            .and_then(|l| l.rule(id))
            .map(|r| r.title.clone())
            .unwrap_or_default();
        PlaceName {
            spot: Spot::Rule(title),
            field,
        }
    }

    /// A place in the document by its keys from the root (["problems", id, "cause"]).
    pub(super) fn of_keys(keys: &[String], ledger: &Ledger) -> Option<PlaceName> {
        let field = keys.get(2).and_then(|k| Field::of_key(k));
        match keys.first().map(String::as_str) {
            Some("problems") => {
                let field = match keys.get(2).map(String::as_str) {
                    Some("category_id") => Some(Field::Position),
                    _ => field,
                };
                Some(PlaceName::problem(keys.get(1)?, Some(ledger), field))
            }
            Some("categories") => Some(PlaceName::category(keys.get(1)?, Some(ledger), field)),
            Some("rules") => Some(PlaceName::rule(keys.get(1)?, Some(ledger), field)),
            Some("meta") | Some("sections") => Some(PlaceName {
                spot: Spot::Meta,
                field: keys
                    .get(1)
                    .and_then(|k| MetaField::from_key(k))
                    .map(Field::Meta),
            }),
            _ => None,
        }
    }
}

/// A conflicted field's value as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShownValue {
    /// nothing (an empty string or a removed value)
    Empty,
    /// words or a date, as stored
    Text(String),
    Status(Status),
    CountingBasis(CountingBasis),
    StatedFigures(StatedFigures),
    TopLevel(TopLevel),
    RuleKind(RuleKind),
    /// a rule's 计入通报: `true` while it waits to be confirmed
    Candidate(bool),
    /// a problem's category by title; `None` once deleted
    Category(Option<String>),
    /// the 销号 review's verdict (`None`: a code this build does not know)
    Verdict(Option<Verdict>),
}

/// An author is a name when they signed with it (tests and filters compare with names).
impl PartialEq<&str> for Author {
    fn eq(&self, name: &&str) -> bool {
        matches!(self, Author::Named(n) if n == name)
    }
}

/// One place a change wrote, with the value before and after for a short field (整改时限:
/// 2024-06-30 → 2024-07-31); long texts and structure carry none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceChange {
    pub place: PlaceName,
    pub values: Option<(ShownValue, ShownValue)>,
}

/// The places one change wrote, in the order it wrote them, and how many distinct problems,
/// categories and rules they belong to (a change that made a whole ledger writes hundreds of
/// places: the UI summarises it from these counts).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeScope {
    pub places: Vec<PlaceChange>,
    pub problems: usize,
    pub categories: usize,
    pub rules: usize,
    /// fields of 台账信息
    pub meta: usize,
}

impl ChangeScope {
    /// The places with their counts.
    pub fn of(places: Vec<PlaceChange>) -> ChangeScope {
        let mut spots: Vec<&PlaceName> = places.iter().map(|p| &p.place).collect();
        spots.sort();
        spots.dedup_by(|a, b| a.spot == b.spot && !matches!(a.spot, Spot::Meta));
        let count = |f: fn(&Spot) -> bool| spots.iter().filter(|p| f(&p.spot)).count();
        ChangeScope {
            problems: count(|s| {
                matches!(
                    s,
                    Spot::Problem(_) | Spot::ProblemInTrash | Spot::ProblemGone
                )
            }),
            categories: count(|s| matches!(s, Spot::Category(_))),
            rules: count(|s| matches!(s, Spot::Rule(_))),
            meta: count(|s| matches!(s, Spot::Meta)),
            places,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}
