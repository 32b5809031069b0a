//! What the property's steps do to the replicas: each operation a person can make, applied
//! to one replica (`apply`, one arm per operation), and files exchanged between them.

use super::*;

impl World {
    pub(super) fn new(n: usize) -> World {
        let (mut base, cats, probs, rules) = base();
        let replicas = (0..n)
            .map(|i| {
                let mut r = base.fork(T0 + 10);
                r.set_author(NAMES.get(i).copied());
                r
            })
            .collect();
        World {
            replicas,
            files: vec![],
            all_categories: cats,
            all_problems: probs,
            all_rules: rules,
            now: T0 + 100,
        }
    }

    pub(super) fn tick(&mut self) -> i64 {
        self.now += 37;
        self.now
    }

    /// Import `file` into replica `j` as the app does: decode the envelope, then merge.
    pub(super) fn import(&mut self, j: usize, file: &[u8]) {
        let now = self.tick();
        let decoded = decode(file).expect("a file a replica exported always decodes");
        self.replicas[j]
            .merge(&mut decoded.into_doc(), now)
            .expect("a file of the same ledger always merges");
    }

    pub(super) fn run(&mut self, step: &Step) {
        match step {
            Step::Apply { r, op, a, b, text } => self.apply(*r, *op, *a, *b, text),
            Step::Clash {
                r,
                s,
                op,
                a,
                b,
                text,
                meet,
            } => {
                self.apply(*r, *op, *a, b.0, &text.0);
                if s != r {
                    self.apply(*s, *op, *a, b.1, &text.1);
                    if *meet {
                        let now = self.tick();
                        let file = encode(&mut self.replicas[*r], "整改台账", now);
                        self.files.push(file.clone());
                        self.import(*s, &file);
                    }
                }
            }
            Step::Commit { r } => {
                let now = self.tick();
                self.replicas[*r].commit(now);
            }
            Step::Exchange { from, to, twice } => {
                let now = self.tick();
                let file = encode(&mut self.replicas[*from], "整改台账", now);
                self.files.push(file.clone());
                for &j in to {
                    self.import(j, &file);
                    if *twice {
                        let before = self.replicas[j].heads();
                        let ledger = self.replicas[j].read().unwrap();
                        let now = self.tick();
                        let report = self.replicas[j]
                            .merge(&mut decode(&file).unwrap().into_doc(), now)
                            .unwrap();
                        assert_eq!(report.new_changes, 0, "a second import brings nothing");
                        assert_eq!(self.replicas[j].heads(), before, "a second import");
                        assert_eq!(self.replicas[j].read().unwrap(), ledger);
                    }
                }
            }
            Step::ImportOld { r, pick } => {
                if !self.files.is_empty() {
                    let file = self.files[*pick as usize % self.files.len()].clone();
                    self.import(*r, &file);
                }
            }
            Step::Settle {
                r,
                pick,
                value,
                text,
            } => {
                let conflicts = self.replicas[*r].conflicts();
                if conflicts.is_empty() {
                    return;
                }
                let c = &conflicts[*pick as usize % conflicts.len()];
                let options = c.values.len() + 1;
                let v = match *value as usize % options {
                    i if i < c.values.len() => c.values[i].value.clone(),
                    _ => text.clone(),
                };
                let place = c.place.clone();
                acceptable(self.replicas[*r].settle(&place, &v), "settle");
            }
        }
    }

    pub(super) fn apply(&mut self, r: usize, op: Op, a: u32, b: u32, text: &str) {
        let ledger = self.replicas[r].read().unwrap();
        // a read re-reads only what changed since the last one: it must equal a whole read
        assert_eq!(
            ledger,
            self.replicas[r].read_whole().unwrap(),
            "the cached read equals a whole read"
        );
        // so must the conflicts (re-checked after a local edit, scanned after a merge)
        let conflicts = self.replicas[r].conflicts();
        assert_eq!(
            conflicts,
            self.replicas[r].conflicts_whole(),
            "the cached conflicts equal a whole scan"
        );
        let live_cats: Vec<String> = ledger.categories.iter().map(|c| c.id.clone()).collect();
        let live_probs: Vec<String> = ledger.problems.iter().map(|p| p.id.clone()).collect();
        let trash: Vec<String> = ledger.trash.iter().map(|p| p.id.clone()).collect();
        let rules: Vec<String> = ledger.rules.iter().map(|r| r.id.clone()).collect();
        // one time in five, an id from anywhere (possibly unknown here, or deleted)
        let stale = b.is_multiple_of(5);
        let cat = if stale {
            pick(&self.all_categories, a)
        } else {
            pick(&live_cats, a)
        }
        .map(str::to_string);
        let prob = if stale {
            pick(&self.all_problems, a)
        } else {
            pick(&live_probs, a)
        }
        .map(str::to_string);
        let rule = if stale {
            pick(&self.all_rules, a)
        } else {
            pick(&rules, a)
        }
        .map(str::to_string);
        let today = today();
        let date = DATES[(b as usize / 7) % DATES.len()];
        let doc = &mut self.replicas[r];
        let what = format!("{op:?}");
        match op {
            Op::AddCategory => {
                if let Some(id) = acceptable(doc.add_category(text), &what) {
                    self.all_categories.push(id);
                }
            }
            Op::RenameCategory => {
                if let Some(c) = cat {
                    acceptable(doc.rename_category(&c, text), &what);
                }
            }
            Op::MoveCategory => {
                if let Some(c) = cat {
                    let delta = if b.is_multiple_of(2) { -1 } else { 1 };
                    acceptable(doc.move_category(&c, delta), &what);
                }
            }
            Op::DeleteCategory => {
                if let Some(c) = cat {
                    acceptable(doc.delete_category(&c), &what);
                }
            }
            Op::AddProblem => {
                if let Some(c) = cat {
                    if let Some(id) = acceptable(doc.add_problem(&c, text), &what) {
                        self.all_problems.push(id);
                    }
                }
            }
            Op::SetProblemText => {
                if let Some(p) = prob {
                    let field = [
                        ProblemText::Description,
                        ProblemText::Cause,
                        ProblemText::Measures,
                        ProblemText::Progress,
                        ProblemText::Evidence,
                    ][b as usize % 5];
                    // half the time an edit of the current text (insert in the middle), as
                    // typing does; otherwise a whole new text
                    let value = match ledger.problem(&p) {
                        Some(current) if b.is_multiple_of(2) => {
                            let old = match field {
                                ProblemText::Description => &current.description,
                                ProblemText::Cause => &current.cause,
                                ProblemText::Measures => &current.measures,
                                ProblemText::Progress => &current.progress,
                                ProblemText::Evidence => &current.evidence,
                            };
                            let chars: Vec<char> = old.chars().collect();
                            let at = a as usize % (chars.len() + 1);
                            let mut s: String = chars[..at].iter().collect();
                            s.push_str(text);
                            s.extend(&chars[at..]);
                            s
                        }
                        _ => text.to_string(),
                    };
                    acceptable(doc.set_problem_text(&p, field, &value), &what);
                }
            }
            Op::SetProblemField => {
                if let Some(p) = prob {
                    let field = [
                        ProblemField::Lead,
                        ProblemField::Owner,
                        ProblemField::Deadline,
                        ProblemField::CompletedOn,
                    ][b as usize % 4];
                    let value = match field {
                        ProblemField::Deadline | ProblemField::CompletedOn => date.to_string(),
                        _ if b.is_multiple_of(3) => text.to_string(),
                        _ => NAMES[(a as usize) % NAMES.len()].to_string(),
                    };
                    acceptable(doc.set_problem_field(&p, field, &value), &what);
                }
            }
            Op::SetStatus => {
                if let Some(p) = prob {
                    let status = [
                        Status::NotStarted,
                        Status::InProgress,
                        Status::Done,
                        Status::Ongoing,
                    ][b as usize % 4]
                        .clone();
                    let on = today - chrono::Days::new(u64::from(a % 60));
                    acceptable(doc.set_status(&p, &status, on), &what);
                }
            }
            Op::SetDepartments => {
                if let Some(p) = prob {
                    let departments: Vec<String> = DEPARTMENTS
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| b & (1 << i) != 0)
                        .map(|(_, d)| d.to_string())
                        .collect();
                    acceptable(doc.set_departments(&p, &departments), &what);
                }
            }
            Op::MoveProblem => {
                if let Some(p) = prob {
                    let delta = if b.is_multiple_of(2) { -1 } else { 1 };
                    acceptable(doc.move_problem(&p, delta), &what);
                }
            }
            Op::MoveProblemTo => {
                let to = pick(&live_cats, b).map(str::to_string);
                if let (Some(p), Some(c)) = (prob, to) {
                    acceptable(doc.move_problem_to(&p, &c), &what);
                }
            }
            Op::DeleteProblem => {
                if let Some(p) = prob {
                    acceptable(doc.delete_problem(&p), &what);
                }
            }
            Op::RestoreProblem => {
                let p = if stale {
                    prob
                } else {
                    pick(&trash, a).map(str::to_string)
                };
                if let Some(p) = p {
                    acceptable(doc.restore_problem(&p), &what);
                }
            }
            Op::AddProgressEntry => {
                if let Some(p) = prob {
                    let on = today - chrono::Days::new(u64::from(b % 30));
                    let date = if a.is_multiple_of(4) { None } else { Some(on) };
                    let author = NAMES[(b as usize) % NAMES.len()];
                    acceptable(doc.add_progress_entry(&p, date, author, text), &what);
                }
            }
            Op::DeleteProgressEntry => {
                let target = ledger
                    .problems
                    .iter()
                    .flat_map(|p| {
                        p.progress_log
                            .iter()
                            .map(move |e| (p.id.clone(), e.id.clone()))
                    })
                    .collect::<Vec<_>>();
                if !target.is_empty() {
                    let (p, e) = &target[a as usize % target.len()];
                    acceptable(doc.delete_progress_entry(p, e), &what);
                }
            }
            Op::AddRule => {
                let problem_ids: Vec<String> = live_probs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| b & (1 << (i % 32)) != 0)
                    .map(|(_, p)| p.clone())
                    .collect();
                let rule = NewRule {
                    title: text.to_string(),
                    kind: [None, Some(RuleKind::New), Some(RuleKind::Revised)][a as usize % 3],
                    date: (!a.is_multiple_of(5))
                        .then(|| today - chrono::Days::new(u64::from(a % 90))),
                    problem_ids,
                    candidate: a.is_multiple_of(4),
                };
                if let Some(id) = acceptable(doc.add_rule(&rule), &what) {
                    self.all_rules.push(id);
                }
            }
            Op::SetRuleTitle => {
                if let Some(id) = rule {
                    acceptable(doc.set_rule_title(&id, text), &what);
                }
            }
            Op::SetRuleKind => {
                if let Some(id) = rule {
                    let kind = if b.is_multiple_of(2) {
                        RuleKind::New
                    } else {
                        RuleKind::Revised
                    };
                    acceptable(doc.set_rule_kind(&id, kind), &what);
                }
            }
            Op::SetRuleDate => {
                if let Some(id) = rule {
                    acceptable(doc.set_rule_date(&id, date), &what);
                }
            }
            Op::LinkRule => {
                let p = pick(&self.all_problems, b).map(str::to_string);
                if let (Some(id), Some(p)) = (rule, p) {
                    acceptable(doc.link_rule(&id, &p, !a.is_multiple_of(3)), &what);
                }
            }
            Op::SetRuleCandidate => {
                if let Some(id) = rule {
                    acceptable(doc.set_rule_candidate(&id, b.is_multiple_of(2)), &what);
                }
            }
            Op::DeleteRule => {
                if let Some(id) = rule {
                    acceptable(doc.delete_rule(&id), &what);
                }
            }
            Op::SetMeta => {
                let field = MetaField::ALL[a as usize % MetaField::ALL.len()];
                let value = match field.kind() {
                    MetaKind::Date => date.to_string(),
                    MetaKind::Number => ["0", "7", "15", "30", "365", "-1", "abc", "400"]
                        [b as usize % 8]
                        .to_string(),
                    MetaKind::Choice => {
                        ["category", "problem", "other"][b as usize % 3].to_string()
                    }
                    MetaKind::Line | MetaKind::Paragraphs => text.to_string(),
                };
                acceptable(doc.set_meta(field, &value), &what);
            }
            Op::RestoreBefore => {
                // mostly one of the newest changes (`a` is small most of the time)
                let history = doc.history();
                if !history.is_empty() {
                    let hash = history[a as usize % history.len()].hash.clone();
                    acceptable(doc.restore_before(&hash, &ledger), &what);
                }
            }
        }
    }

    /// Exchange files until everyone has seen everything: every replica exports its file and
    /// replica 0 imports them all; then replica 0 exports and every other replica imports it.
    pub(super) fn exchange_all(&mut self) {
        let n = self.replicas.len();
        for i in 1..n {
            let now = self.tick();
            let file = encode(&mut self.replicas[i], "整改台账", now);
            self.files.push(file.clone());
            self.import(0, &file);
        }
        let now = self.tick();
        let file = encode(&mut self.replicas[0], "整改台账", now);
        self.files.push(file.clone());
        for j in 1..n {
            self.import(j, &file);
        }
    }
}
