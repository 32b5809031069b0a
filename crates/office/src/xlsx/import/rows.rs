//! The rows under the header, each read into a problem (or a category heading, or a row
//! skipped with its reason), with the report of what was assumed on the way.

use std::collections::HashMap;

use calamine::Data;
use chrono::NaiveDate;

use super::sheet::{cell_date, cell_text, Sheet};
use super::values::{departments_of, rule_titles, status_from_text};
use rectify_core::import::xlsx::{Field, SkipReason, SkippedRow, XlsxNote, XlsxReport};
use rectify_core::ledger::{Category, CountingBasis, Ledger, Problem, Rule, RuleKind};

/// The category of problems in a sheet that names none.
const DEFAULT_CATEGORY: &str = "从 Excel 导入的问题";

/// Reading a sheet's rows in order: what was read so far, and the category rows run under.
pub(super) struct Rows<'a> {
    sheet: &'a Sheet,
    fields: &'a HashMap<Field, u32>,
    is_1904: bool,
    ledger: Ledger,
    report: XlsxReport,
    rules: Vec<Rule>,
    /// the category the rows below a heading (or a category cell) belong to
    category: Option<String>,
    /// whether the sheet groups problems under heading rows
    headings: bool,
}

impl<'a> Rows<'a> {
    pub(super) fn new(
        sheet: &'a Sheet,
        fields: &'a HashMap<Field, u32>,
        is_1904: bool,
        ledger: Ledger,
        report: XlsxReport,
        rules: Vec<Rule>,
    ) -> Self {
        Rows {
            sheet,
            fields,
            is_1904,
            ledger,
            report,
            rules,
            category: None,
            headings: false,
        }
    }

    /// The field's text in this row ("" when the sheet has no such column).
    fn get(&self, row: u32, field: Field) -> String {
        self.fields
            .get(&field)
            .map(|c| self.sheet.text(row, *c))
            .unwrap_or_default()
    }

    /// Read one row (0-based) under the header.
    pub(super) fn row(&mut self, row: u32) {
        let shown = self.shown(row);
        if shown.is_empty() {
            return;
        }
        let description = self.get(row, Field::Description);
        if description.is_empty() {
            return self.heading_or_skip(row, &shown);
        }
        if let [(origin, text)] = shown.as_slice() {
            // one value merged across the problem's column and the next: a heading row
            let cols: Vec<u32> = self.fields.values().copied().collect();
            if cols.len() > 1 && self.sheet.spans(*origin, &cols) {
                self.category = Some(text.clone());
                self.headings = true;
                return;
            }
        }
        let category_cell = self.get(row, Field::Category);
        if !category_cell.is_empty() {
            self.category = Some(category_cell);
        }
        let category_id = self.category_id();
        self.problem(row, category_id, description);
    }

    /// The distinct values the row shows (a merged region counts once), by origin cell.
    fn shown(&self, row: u32) -> Vec<((u32, u32), String)> {
        let (c0, c1) = self.sheet.columns();
        let mut shown: Vec<((u32, u32), String)> = Vec::new();
        for c in c0..=c1 {
            let text = self.sheet.text(row, c);
            let origin = self.sheet.origin(row, c);
            if !text.is_empty() && !shown.iter().any(|(o, _)| *o == origin) {
                shown.push((origin, text));
            }
        }
        shown
    }

    /// A row without a problem: a heading row (one text across the row, "一、政治建设方面",
    /// not a number) starts a category; anything else is skipped and listed.
    fn heading_or_skip(&mut self, row: u32, shown: &[((u32, u32), String)]) {
        let number_col = self.fields.get(&Field::Number).copied();
        let category_col = self.fields.get(&Field::Category).copied();
        let (c0, _) = self.sheet.columns();
        if let [((_, col), text)] = shown {
            let is_number = text.parse::<f64>().is_ok();
            if !is_number
                && Some(*col) != number_col
                && (category_col.is_none() || Some(*col) == category_col || *col == c0)
            {
                self.category = Some(text.clone());
                self.headings = true;
                return;
            }
        }
        self.report.skipped.push(SkippedRow {
            row: row as usize + 1,
            reason: SkipReason::NoDescription,
        });
    }

    /// The id of the category the row belongs to, added on first use.
    fn category_id(&mut self) -> String {
        let title = self
            .category
            .clone()
            .unwrap_or_else(|| DEFAULT_CATEGORY.to_string());
        let categories = &mut self.ledger.categories;
        if let Some(c) = categories.iter().find(|c| c.title == title) {
            return c.id.clone();
        }
        let id = format!("c{:03}", categories.len() + 1);
        categories.push(Category {
            id: id.clone(),
            title,
            order: format!("{:04}", categories.len() + 1),
        });
        id
    }

    /// A date column's value; a cell that holds no date is noted and its text kept in the
    /// problem's measures, so nothing typed is lost.
    fn date(&mut self, row: u32, field: Field, measures: &mut String) -> Option<NaiveDate> {
        let col = *self.fields.get(&field)?;
        let cell = self.sheet.cell(row, col);
        let text = cell_text(cell);
        if !matches!(cell, Data::DateTime(_) | Data::Float(_) | Data::Int(_)) && text.is_empty() {
            return None;
        }
        let read = cell_date(cell, self.is_1904);
        if read.is_none() {
            self.report.notes.push(XlsxNote::NotADate {
                row: row as usize + 1,
                field,
                text: text.clone(),
            });
            if !measures.is_empty() {
                measures.push('\n');
            }
            measures.push_str(&format!("{}：{text}", field.label()));
        }
        read
    }

    /// The row as a problem, with its status (noted when assumed) and rules.
    fn problem(&mut self, row: u32, category_id: String, description: String) {
        let mut measures = self.get(row, Field::Measures);
        let deadline = self.date(row, Field::Deadline, &mut measures);
        let completed_on = self.date(row, Field::CompletedOn, &mut measures);
        let status_text = self.get(row, Field::Status);
        let (status, known) = status_from_text(&status_text, completed_on.is_some());
        let basically_done = rectify_core::ledger::says_basically_done(&status, &status_text);
        if !known {
            self.report.notes.push(XlsxNote::StatusAssumed {
                row: row as usize + 1,
                text: status_text,
                status: status.clone(),
            });
        }
        let number = self.ledger.problems.len() + 1;
        let id = format!("p{number:04}");
        self.link_rules(&self.get(row, Field::Rules), &id);
        let problem = Problem {
            id,
            category_id,
            order: format!("{number:05}"),
            description,
            cause: self.get(row, Field::Cause),
            measures,
            progress: self.get(row, Field::Progress),
            lead: self.get(row, Field::Lead),
            departments: departments_of(&self.get(row, Field::Departments)),
            owner: self.get(row, Field::Owner),
            deadline,
            completed_on,
            status,
            evidence: self.get(row, Field::Evidence),
            progress_log: vec![],
            basically_done,
            review: None,
        };
        self.ledger.problems.push(problem);
    }

    /// The 《titles》 in a rules cell, each linked to the problem (a new rule on first use).
    fn link_rules(&mut self, cell: &str, problem_id: &str) {
        for title in rule_titles(cell) {
            match self.rules.iter_mut().find(|r| r.title == title) {
                Some(r) => r.problem_ids.push(problem_id.to_string()),
                None => self.rules.push(Rule {
                    id: format!("r{:03}", self.rules.len() + 1),
                    title,
                    kind: RuleKind::New,
                    date: None,
                    problem_ids: vec![problem_id.to_string()],
                    candidate: false,
                }),
            }
        }
    }

    /// The ledger read and the report, with its counts.
    pub(super) fn finish(mut self) -> (Ledger, XlsxReport) {
        if self.headings {
            self.ledger.meta.counting_basis = CountingBasis::Category;
        }
        self.ledger.rules = self.rules;
        self.ledger.sort();
        let report = &mut self.report;
        report.categories = self.ledger.categories.len();
        report.problems = self.ledger.problems.len();
        report.rules = self.ledger.rules.iter().filter(|r| !r.candidate).count();
        report.rule_candidates = self.ledger.rules.iter().filter(|r| r.candidate).count();
        (self.ledger, self.report)
    }
}
