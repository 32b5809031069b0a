//! 周报告 as text: the [`WeeklyReport`] written out in Chinese, to paste into a message or
//! print. It is a document, like the bulletin, so its words are chosen here, not in the UI.

use chrono::{Datelike, NaiveDate};

use super::model::{full_date, Verdict};
use super::report::{
    one_line, ReportEntry, ReportProblem, ReportReview, ReportRule, StatusChange, WeeklyReport,
};

impl WeeklyReport {
    /// 6月4日 in the period's year, else 2023年6月4日.
    fn date(&self, d: NaiveDate) -> String {
        if d.year() == self.period.from.year() && d.year() == self.period.to.year() {
            format!("{}月{}日", d.month(), d.day())
        } else {
            full_date(d)
        }
    }

    /// 本周 for a week, else 本期.
    fn this(&self) -> &'static str {
        if self.period.is_week() {
            "本周"
        } else {
            "本期"
        }
    }

    /// The report as plain text to paste into a message or print. Every field is written
    /// as it is (never as markup); a section with nothing in it says 无.
    pub fn to_text(&self, ledger_name: &str) -> String {
        let mut out = self.overview(ledger_name);
        let this = self.this();
        let mut section = |heading: String, items: Vec<String>| {
            out.push(String::new());
            out.push(heading);
            if items.is_empty() {
                out.push("无".to_string());
            }
            for (i, item) in items.into_iter().enumerate() {
                out.push(format!("{}. {item}", i + 1));
            }
        };
        section(
            format!("二、{this}完成整改的问题"),
            self.completed
                .iter()
                .map(|p| self.completed_line(p))
                .collect(),
        );
        section(
            "三、状态变化".to_string(),
            self.status_changes.iter().map(status_change_line).collect(),
        );
        section(
            "四、整改进展".to_string(),
            self.progress
                .iter()
                .map(|e| self.progress_line(e))
                .collect(),
        );
        section(
            "五、新增建章立制".to_string(),
            self.new_rules.iter().map(|r| self.rule_line(r)).collect(),
        );
        section(
            format!("六、逾期未完成（截至{}）", self.date(self.as_of)),
            self.overdue.iter().map(|p| self.overdue_line(p)).collect(),
        );
        out.push(String::new());
        out.push("七、新增/删除的问题".to_string());
        out.extend(self.added_and_removed());
        // a ledger the office has not reviewed keeps the seven parts it always had
        if !self.reviews.is_empty() {
            out.push(String::new());
            out.push("八、销号审核".to_string());
            for (i, r) in self.reviews.iter().enumerate() {
                out.push(format!("{}. {}", i + 1, self.review_line(r)));
            }
        }
        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    /// "第3项 …：同意销号（张三，2024年6月5日）：意见" / "…：退回整改（…）：理由".
    fn review_line(&self, r: &ReportReview) -> String {
        let what = match r.review.verdict {
            Verdict::SignedOff => "同意销号",
            Verdict::Returned => "退回整改",
        };
        let mut who: Vec<String> = vec![];
        if !r.review.by.trim().is_empty() {
            who.push(one_line(&r.review.by));
        }
        if let Some(d) = r.review.date {
            who.push(self.date(d));
        }
        let mut line = format!("{}：{what}", problem_name(r.number, &r.title));
        if !who.is_empty() {
            line.push_str(&format!("（{}）", who.join("，")));
        }
        if !r.review.note.trim().is_empty() {
            line.push_str(&format!("：{}", one_line(&r.review.note)));
        }
        line
    }

    /// The title and 一、总体情况: each count at the start and at the end.
    fn overview(&self, ledger_name: &str) -> Vec<String> {
        let name = one_line(ledger_name);
        let (s, e) = (&self.start, &self.end);
        vec![
            format!("{name}整改工作周报告（{}）", self.period.label()),
            String::new(),
            "一、总体情况".to_string(),
            format!(
                "期初（{}）→ 期末（{}）：",
                self.date(self.period.from),
                self.date(self.period.to)
            ),
            format!("问题总数：{}个 → {}个", s.problems, e.problems),
            format!("已完成（含长期坚持）：{}个 → {}个", s.finished, e.finished),
            format!("整改中：{}个 → {}个", s.in_progress, e.in_progress),
            format!("未启动：{}个 → {}个", s.not_started, e.not_started),
            format!("完成率：{} → {}", s.completion_rate(), e.completion_rate()),
            format!(
                "反馈问题：{}个 → {}个，其中已整改完毕{}个 → {}个",
                s.categories, e.categories, s.categories_finished, e.categories_finished
            ),
            format!("建章立制：{}项 → {}项", s.rules, e.rules),
        ]
    }

    fn completed_line(&self, p: &ReportProblem) -> String {
        let mut parts = vec![p.status.label().to_string()];
        if let Some(d) = p.completed_on {
            parts.push(format!("完成时间{}", self.date(d)));
        }
        parts.extend(responsible(p));
        format!("{}：{}", problem_name(p.number, &p.title), parts.join("，"))
    }

    fn progress_line(&self, entry: &ReportEntry) -> String {
        let mut head = match entry.date {
            Some(d) if d < self.period.from => format!("{}（补记）", self.date(d)),
            Some(d) => self.date(d),
            None => "未注明日期".to_string(),
        };
        if !entry.author.trim().is_empty() {
            head.push('，');
            head.push_str(&one_line(&entry.author));
        }
        format!(
            "{}，{head}：{}",
            problem_name(entry.number, &entry.title),
            one_line(&entry.text)
        )
    }

    fn rule_line(&self, r: &ReportRule) -> String {
        let title = one_line(&r.title);
        let title = if title.starts_with('《') {
            title
        } else {
            format!("《{title}》")
        };
        let mut parts = vec![r.kind.label().to_string()];
        if let Some(d) = r.date {
            parts.push(self.date(d));
        }
        if !r.problems.is_empty() {
            let numbers: Vec<String> = r.problems.iter().map(|n| n.to_string()).collect();
            parts.push(format!("关联问题{}", numbers.join("、")));
        }
        if r.candidate {
            parts.push("待确认，不计入建章立制数".to_string());
        } else if r.confirmed_in_period {
            parts.push(format!("{}确认", self.this()));
        }
        format!("{title}（{}）", parts.join("，"))
    }

    fn overdue_line(&self, p: &ReportProblem) -> String {
        let mut parts = vec![p.status.label().to_string()];
        if let Some(d) = p.deadline {
            parts.push(format!("整改时限{}", self.date(d)));
        }
        if let Some(days) = p.days_overdue {
            parts.push(format!("已逾期{days}天"));
        }
        parts.extend(responsible(p));
        format!("{}：{}", problem_name(p.number, &p.title), parts.join("，"))
    }

    /// 七、新增/删除的问题: a removed problem keeps the number it had at the start (原问题N).
    fn added_and_removed(&self) -> Vec<String> {
        if self.new_problems.is_empty() && self.removed_problems.is_empty() {
            return vec!["无".to_string()];
        }
        let mut out = vec![];
        for (label, prefix, list) in [
            ("新增", "", &self.new_problems),
            ("删除（已移入回收站）", "原", &self.removed_problems),
        ] {
            if list.is_empty() {
                out.push(format!("{label}：无"));
                continue;
            }
            out.push(format!("{label}{}个：", list.len()));
            for (i, p) in list.iter().enumerate() {
                let category = if p.category.trim().is_empty() {
                    String::new()
                } else {
                    format!("（{}）", one_line(&p.category))
                };
                out.push(format!(
                    "{}. {prefix}{}{category}，{}",
                    i + 1,
                    problem_name(p.number, &p.title),
                    p.status.label()
                ));
            }
        }
        out
    }
}

fn status_change_line(c: &StatusChange) -> String {
    format!(
        "{}：{} → {}",
        problem_name(c.number, &c.title),
        c.from.label(),
        c.to.label()
    )
}

fn problem_name(number: usize, title: &str) -> String {
    format!("问题{number}“{}”", one_line(title))
}

/// "责任人王五", "责任部门党政办、财务办" when set.
fn responsible(p: &ReportProblem) -> Vec<String> {
    let mut parts = vec![];
    if !p.owner.trim().is_empty() {
        parts.push(format!("责任人{}", one_line(&p.owner)));
    }
    if !p.departments.is_empty() {
        parts.push(format!("责任部门{}", p.departments.join("、")));
    }
    parts
}
