//! The unit's rules named in the field texts: every 《…》 title that is a rule, not a law or
//! an outside document (not_own_rules.txt), 新建 or 修订 by the verb before it.

use std::collections::{HashMap, HashSet};

use rectify_core::ledger::{Problem, Rule, RuleKind};

/// 《…》 titles that are laws, party rules or external documents, never the unit's own rules:
/// one a line in not_own_rules.txt, which tools/make_example_ledger.py reads too.
pub(super) fn not_own_rule(name: &str) -> bool {
    include_str!("../not_own_rules.txt")
        .lines()
        .any(|line| line.trim() == name)
}

pub(super) const RULE_WORDS: [&str; 8] = [
    "规则", "制度", "方案", "计划", "办法", "细则", "规程", "规范",
];
pub(super) const REVISE_WORDS: [&str; 4] = ["修订", "修改", "完善", "健全"];
pub(super) const PLAN_ENDINGS: [&str; 4] = ["方案", "计划", "要点", "清单"];
pub(super) const LAW_ENDINGS: [&str; 4] = ["法", "章程", "条例", "简史"];

pub(super) fn remove_titles(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '《' => depth += 1,
            '》' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The verb in front of a title decides 修订 or 新建 (新建 when there is none).
pub(super) fn rule_kind(before: &str) -> RuleKind {
    let clause = before.rsplit(['。', '；', '，', '：']).next().unwrap_or("");
    let clause = remove_titles(clause);
    let lead = clause
        .rsplit('、')
        .find(|p| !p.trim().is_empty())
        .unwrap_or("");
    if REVISE_WORDS.iter().any(|w| lead.contains(w)) {
        RuleKind::Revised
    } else {
        RuleKind::New
    }
}

pub(super) fn same_rule_key(title: &str) -> String {
    let key = title.replace("机关", "");
    key.strip_suffix("制度").map(str::to_string).unwrap_or(key)
}

pub(super) fn without_trailing_paren(title: &str) -> &str {
    if title.ends_with('）') {
        if let Some(i) = title.rfind('（') {
            return &title[..i];
        }
    }
    title
}

/// Each distinct 《…》 rule named in a 整改措施 or 整改情况 text, every title in it, with the problems naming it. Work plans
/// and second mentions of the same rule are candidates (待确认).
pub(super) fn find_rules(problems: &[Problem]) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (p, text) in problems
        .iter()
        .flat_map(|p| [(p, &p.measures), (p, &p.progress)])
    {
        let mut from = 0;
        while let Some(open) = text[from..].find('《').map(|i| i + from) {
            let start = open + '《'.len_utf8();
            let Some(close) = text[start..].find(['》', '《']).map(|i| i + start) else {
                break;
            };
            from = close;
            if !text[close..].starts_with('》') {
                continue;
            }
            let name = text[start..close].trim();
            let bare = without_trailing_paren(name);
            if name.is_empty()
                || not_own_rule(name)
                || !RULE_WORDS.iter().any(|w| name.contains(w))
                || (LAW_ENDINGS.iter().any(|w| bare.ends_with(w))
                    && !["办法", "方法", "做法"].iter().any(|w| bare.ends_with(w)))
            {
                continue;
            }
            let window = text[..open]
                .char_indices()
                .rev()
                .nth(200)
                .map_or(0, |(i, _)| i);
            let kind = rule_kind(&text[window..open]);
            match index.get(name).map(|&i| &mut rules[i]) {
                Some(rule) => {
                    if !rule.problem_ids.contains(&p.id) {
                        rule.problem_ids.push(p.id.clone());
                    }
                }
                None => {
                    index.insert(name.to_string(), rules.len());
                    rules.push(Rule {
                        id: format!("r{:02}", rules.len()),
                        title: name.to_string(),
                        kind,
                        date: None,
                        problem_ids: vec![p.id.clone()],
                        candidate: false,
                    })
                }
            }
        }
    }
    let mut seen = HashSet::new();
    for rule in &mut rules {
        let bare = without_trailing_paren(&rule.title);
        let key = same_rule_key(&rule.title);
        rule.candidate = PLAN_ENDINGS.iter().any(|w| bare.ends_with(w)) || seen.contains(&key);
        seen.insert(key);
    }
    rules
}

// ───────────────────────────── meta from the opening ─────────────────────────────

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_kinds_follow_the_verb() {
        assert_eq!(rule_kind("修订完善《甲》"), RuleKind::Revised);
        assert_eq!(rule_kind("印发"), RuleKind::New);
        assert_eq!(rule_kind("严肃纪律、修改"), RuleKind::Revised);
        assert_eq!(rule_kind(""), RuleKind::New);
    }
}
