//! The body read with the roles decided: the text's own sections, categories, problems and
//! their fields, the contact lines; every paragraph placed somewhere and listed.

use rectify_core::document::ProblemText;
use rectify_core::import::bulletin::{
    BulletinWarning, KeptIn, Leftover, Level, Marker, Place, Placed, Role,
};

use super::frame::contact_start;
use super::lines::{Field, Kind, Para};
use super::numbers::split_cn_numeral;

#[derive(Default)]
pub(super) struct Prob {
    pub description: String,
    pub cause: String,
    pub measures: String,
    pub progress: String,
    pub field: Option<Field>,
}

impl Prob {
    fn field_mut(&mut self, f: Option<Field>) -> &mut String {
        match f.unwrap_or(Field::Description) {
            Field::Description => &mut self.description,
            Field::Cause => &mut self.cause,
            Field::Measures => &mut self.measures,
            Field::Progress => &mut self.progress,
        }
    }
}

pub(super) struct Cat {
    pub title: String,
    pub problems: Vec<Prob>,
}

/// A section of the text's own: its heading and paragraphs.
pub(super) type Section = (String, Vec<String>);

#[derive(Default)]
pub(super) struct Body {
    pub opening: Vec<String>,
    pub before: Vec<Section>,
    pub impl_heading: String,
    pub intro: Vec<String>,
    pub after: Vec<Section>,
    pub cats: Vec<Cat>,
    pub contact: Vec<String>,
    pub leftovers: Vec<Leftover>,
    pub placed: Vec<Placed>,
    pub warnings: Vec<BulletinWarning>,
    /// the problem-level numbers of 二、 sections' own headings, kept for the next problem
    pending: Vec<String>,
    problems: usize,
    sections: usize,
}

pub(super) fn append(target: &mut String, text: &str) {
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(text);
}

/// A list item written as 一是…/二是…: a legitimate further paragraph of a field.
fn list_paragraph(p: &str) -> bool {
    split_cn_numeral(p).is_some_and(|(_, r)| r.starts_with('是'))
        || ["同时", "此外", "另外", "下一步"]
            .iter()
            .any(|w| p.starts_with(w))
}

/// Headings of sections that hold no problems by their nature.
fn narrative_heading(h: &str) -> bool {
    [
        "组织领导",
        "下一步",
        "整改部署",
        "工作开展",
        "主要做法",
        "基本情况",
        "总体情况",
        "工作措施",
        "长效机制",
        "巩固",
        "提高政治",
        "加强领导",
    ]
    .iter()
    .any(|w| h.contains(w))
}

fn role_of(levels: &[Level], m: Marker) -> Role {
    levels
        .iter()
        .find(|l| l.marker == m)
        .map_or(Role::Part, |l| l.role)
}

impl Body {
    fn place(&mut self, p: &Para, place: Place) {
        self.placed.push(Placed {
            first_line: p.first,
            last_line: p.last,
            place,
        });
    }

    fn problem_place(&self, f: Option<Field>) -> Place {
        Place::Problem {
            number: self.problems,
            field: f.unwrap_or(Field::Description).text(),
        }
    }

    fn category(&mut self, title: &str, p: &Para) {
        let title = title.strip_suffix('。').unwrap_or(title).to_string();
        self.cats.push(Cat {
            title,
            problems: Vec::new(),
        });
        self.place(
            p,
            Place::CategoryTitle {
                number: self.cats.len(),
            },
        );
    }

    fn problem(&mut self, rest: &str, heading: &str, p: &Para) {
        if self.cats.is_empty() {
            let title = if heading.is_empty() {
                "反馈问题"
            } else {
                heading
            };
            self.cats.push(Cat {
                title: title.to_string(),
                problems: Vec::new(),
            });
        }
        let mut description = self.pending.drain(..).collect::<Vec<_>>().join("\n");
        append(&mut description, rest);
        let cat = self.cats.last_mut().expect("a category");
        cat.problems.push(Prob {
            description,
            ..Default::default()
        });
        self.problems += 1;
        self.place(p, self.problem_place(None));
    }

    fn label(&mut self, f: Field, p: &Para) {
        let Some(cat) = self.cats.last_mut() else {
            self.intro.push(p.text.clone());
            return self.place(
                p,
                Place::Section {
                    index: self.sections,
                },
            );
        };
        if cat.problems.is_empty() {
            self.warnings
                .push(BulletinWarning::CategoryWithoutProblems {
                    category: cat.title.clone(),
                    field: f.text(),
                });
            let description = cat.title.clone();
            cat.problems.push(Prob {
                description,
                ..Default::default()
            });
            self.problems += 1;
        }
        let prob = self
            .cats
            .last_mut()
            .and_then(|c| c.problems.last_mut())
            .expect("a problem");
        append(prob.field_mut(Some(f)), &p.rest);
        prob.field = Some(f);
        self.place(p, self.problem_place(Some(f)));
    }

    /// Plain text (or a part of a problem, kept whole) continues what stands before it.
    fn text(&mut self, p: &Para, part: bool) {
        let (ci, problems) = (self.cats.len(), self.problems);
        let Some(cat) = self.cats.last_mut() else {
            self.intro.push(p.text.clone());
            return self.place(
                p,
                Place::Section {
                    index: self.sections,
                },
            );
        };
        let Some(prob) = cat.problems.last_mut() else {
            cat.title.push_str(&p.text);
            self.leftovers.push(Leftover {
                text: p.text.clone(),
                kept_in: KeptIn::CategoryTitle(ci),
            });
            return self.place(p, Place::CategoryTitle { number: ci });
        };
        let field = prob.field;
        append(prob.field_mut(field), &p.text);
        if !part && !list_paragraph(&p.text) {
            let field = field.unwrap_or(Field::Description).text();
            self.leftovers.push(Leftover {
                text: p.text.clone(),
                kept_in: KeptIn::Problem {
                    number: problems,
                    field,
                },
            });
        }
        let place = self.problem_place(field);
        self.place(p, place);
    }

    /// The paragraphs of a section that holds problems.
    fn read_problems(&mut self, paras: &[Para], heading: &str, levels: &[Level]) {
        for p in paras {
            let starts_contact =
                !self.cats.is_empty() && p.kind == Kind::Text && contact_start(&p.text);
            if !self.contact.is_empty() || starts_contact {
                self.contact.push(p.text.clone());
                self.place(p, Place::Contact);
                continue;
            }
            match p.kind {
                Kind::Numbered(m, _) => match role_of(levels, m) {
                    Role::Category => self.category(&p.rest, p),
                    Role::Problem => self.problem(&p.rest, heading, p),
                    Role::Part => self.text(p, true),
                    Role::Narrative => self.narrative_heading(p),
                },
                Kind::Label(f) => self.label(f, p),
                Kind::Text => self.text(p, false),
            }
        }
    }

    /// A heading between categories and problems: the next problem's first line, without
    /// its number (the ledger numbers the problem; the outline and bulletin print that).
    fn narrative_heading(&mut self, p: &Para) {
        self.pending.push(p.rest.clone());
        self.placed.push(Placed {
            first_line: p.first,
            last_line: p.last,
            place: Place::Problem {
                number: self.problems + 1,
                field: ProblemText::Description,
            },
        });
    }

    fn narrative_section(&mut self, heading: String, paras: &[Para], before: bool) {
        for p in paras {
            self.place(
                p,
                Place::Section {
                    index: self.sections,
                },
            );
        }
        let texts = paras.iter().map(|p| p.text.clone()).collect();
        if before {
            self.before.push((heading, texts));
        } else {
            self.after.push((heading, texts));
        }
    }
}

/// Whether a top-level block (its heading paragraph first when the top level is not 叙述)
/// holds problems.
fn holds_problems(block: &[Para], top: Role, levels: &[Level]) -> bool {
    let has = |r: Role| {
        block
            .iter()
            .any(|p| matches!(p.kind, Kind::Numbered(m, _) if role_of(levels, m) == r))
    };
    let labels = block.iter().any(|p| matches!(p.kind, Kind::Label(_)));
    match top {
        Role::Problem => labels || !block.first().is_some_and(|p| narrative_heading(&p.rest)),
        Role::Category => has(Role::Problem) || labels,
        _ => has(Role::Problem),
    }
}

/// Read the body paragraphs with the levels' roles.
pub(super) fn read_body(paras: &[Para], levels: &[Level]) -> Body {
    let mut body = Body::default();
    let top = levels.first().map(|l| (l.marker, l.role));
    let is_top = |p: &Para| matches!((p.kind, top), (Kind::Numbered(m, _), Some((t, _))) if m == t);
    let first = paras.iter().position(is_top).unwrap_or(paras.len());
    for p in &paras[..first] {
        body.opening.push(p.text.clone());
        body.place(p, Place::Opening);
    }
    let mut blocks: Vec<&[Para]> = Vec::new();
    let mut start = first;
    for i in first + 1..=paras.len() {
        if i == paras.len() || is_top(&paras[i]) {
            blocks.push(&paras[start..i]);
            start = i;
        }
    }
    let top_role = top.map_or(Role::Narrative, |(_, r)| r);
    let bearing: Vec<bool> = blocks
        .iter()
        .map(|b| holds_problems(b, top_role, levels))
        .collect();
    let bearing_count = bearing.iter().filter(|b| **b).count();
    let mut seen_problems = false;
    for (bi, (block, holds)) in blocks.iter().zip(bearing).enumerate() {
        body.sections = bi;
        let heading = block[0].rest.clone();
        if !holds {
            body.narrative_section(heading, &block[1..], !seen_problems);
            let p = &block[0];
            body.place(
                p,
                Place::Section {
                    index: body.sections,
                },
            );
            continue;
        }
        if top_role == Role::Narrative || top_role == Role::Part {
            if !seen_problems {
                body.impl_heading = heading.clone();
                body.place(
                    &block[0],
                    Place::Section {
                        index: body.sections,
                    },
                );
            } else {
                body.narrative_heading(&block[0]);
            }
            body.read_problems(&block[1..], &heading, levels);
        } else {
            if bearing_count == 1 && top_role == Role::Category {
                body.impl_heading = heading.clone();
            }
            body.read_problems(block, "", levels);
        }
        seen_problems = true;
    }
    body.placed.sort_by_key(|p| p.first_line);
    body
}
