//! The views' strings that carry numbers or names: 台账, 进度, 台账管理, 台账信息, 建章立制,
//! 修改记录, 周报告, 从通报导入.

use super::{Lang, Texts};

impl Texts {
    // ---- 台账 ----

    pub fn shown_counts(&self, c: &rectify_core::ledger::Counts, total: usize) -> String {
        let mut line = match self.lang {
            Lang::Zh => format!(
                "显示 {} 个问题（共 {} 个）：未启动 {}，整改中 {}，已完成 {}，长期坚持 {}；红灯 {}，黄灯 {}，绿灯 {}",
                c.total, total, c.not_started, c.in_progress, c.done, c.ongoing, c.red, c.yellow, c.green
            ),
            Lang::En => format!(
                "Showing {} problems (of {}): not started {}, in progress {}, done {}, ongoing {}; red {}, yellow {}, green {}",
                c.total, total, c.not_started, c.in_progress, c.done, c.ongoing, c.red, c.yellow, c.green
            ),
        };
        if c.basically_done > 0 {
            line.push_str(&match self.lang {
                Lang::Zh => format!("；基本完成 {}", c.basically_done),
                Lang::En => format!("; basically done {}", c.basically_done),
            });
        }
        // the 销号 figures once the office has reviewed anything in this ledger
        if c.signed_off + c.returned > 0 {
            line.push_str(&match self.lang {
                Lang::Zh => format!(
                    "；待销号 {}，已销号 {}，退回 {}",
                    c.awaiting_sign_off, c.signed_off, c.returned
                ),
                Lang::En => format!(
                    "; to sign off {}, signed off {}, returned {}",
                    c.awaiting_sign_off, c.signed_off, c.returned
                ),
            });
        }
        line
    }

    /// The guide could not be read (hosted, offline before the service worker kept it).
    pub fn guide_unavailable(&self, cause: &str) -> String {
        match self.lang {
            Lang::Zh => format!("使用说明未能打开（{cause}）。请联网后刷新页面再打开帮助；使用说明也是与页面同在的 guide.md 文件。"),
            Lang::En => format!("The guide could not be opened ({cause}). Reload the page when online and open Help again; the guide is also the file guide.md beside the page."),
        }
    }

    pub fn trash(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("回收站（{n} 个已删除的问题）"),
            Lang::En => format!("Trash ({n} deleted problems)"),
        }
    }

    /// A category's number: （三） in Chinese, 3. in English.
    pub fn category_number(&self, position: usize) -> String {
        match self.lang {
            Lang::Zh => format!("（{}）", rectify_core::ledger::chinese_numeral(position)),
            Lang::En => format!("{position}. "),
        }
    }

    pub fn rename_category(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("改名类别：{title}"),
            Lang::En => format!("Rename category: {title}"),
        }
    }

    pub fn move_category_up(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("上移类别：{title}"),
            Lang::En => format!("Move category up: {title}"),
        }
    }

    pub fn move_category_down(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("下移类别：{title}"),
            Lang::En => format!("Move category down: {title}"),
        }
    }

    pub fn delete_category(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("删除类别：{title}"),
            Lang::En => format!("Delete category: {title}"),
        }
    }

    pub fn confirm_delete_category(&self, title: &str, problems: usize) -> String {
        match (self.lang, problems) {
            (Lang::Zh, 0) => format!("确定删除类别“{title}”吗？"),
            (Lang::Zh, n) => {
                format!("类别“{title}”下有 {n} 个问题，删除类别会同时删除这些问题。确定删除吗？")
            }
            (Lang::En, 0) => format!("Delete the category “{title}”?"),
            (Lang::En, n) => format!(
                "The category “{title}” has {n} problems; deleting it deletes them too. Delete it?"
            ),
        }
    }

    // ---- one problem ----

    pub fn deadline_cell(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("时限 {date}"),
            Lang::En => format!("due {date}"),
        }
    }

    pub fn delete_entry(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("删除{date}的进展记录"),
            Lang::En => format!("Delete the progress entry of {date}"),
        }
    }

    // ---- 进度 ----

    /// "20 个" / "20"
    pub fn count(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{n} 个"),
            Lang::En => n.to_string(),
        }
    }

    pub fn part_of(&self, part: usize, whole: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{part} / {whole} 个"),
            Lang::En => format!("{part} / {whole}"),
        }
    }

    pub fn progress_hint(&self, today: &str, warn_days: i64) -> String {
        match self.lang {
            Lang::Zh => format!("统计日期 {today}。完成率 = 已完成与长期坚持的具体问题 ÷ 具体问题总数；类别的问题全部完成才算整改完毕。红灯：已过整改时限未完成；黄灯：未完成且 {warn_days} 天内到期。"),
            Lang::En => format!("As of {today}. Completion rate = problems done or ongoing ÷ all problems; a category is finished when all its problems are. Red: past the deadline and not finished; yellow: not finished and due within {warn_days} days."),
        }
    }

    /// A short date on a chart's axis: 6月30日 / 06-30 (ISO month and day).
    pub fn month_day(&self, month: u32, day: u32) -> String {
        match self.lang {
            Lang::Zh => format!("{month}月{day}日"),
            Lang::En => format!("{month:02}-{day:02}"),
        }
    }

    pub fn segment_tip(&self, row: &str, segment: &str, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{row}：{segment} {n} 个"),
            Lang::En => format!("{row}: {segment} {n}"),
        }
    }

    pub fn status_chart_aria(&self, parts: &[(String, usize)]) -> String {
        match self.lang {
            Lang::Zh => format!(
                "按整改状态的条形图：{}",
                parts
                    .iter()
                    .map(|(l, n)| format!("{l} {n} 个"))
                    .collect::<Vec<_>>()
                    .join("，")
            ),
            Lang::En => format!(
                "Bar chart by status: {}",
                parts
                    .iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    pub fn group_chart_aria(&self, heading: &str, rows: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{heading}的整改状态堆叠条形图，共 {rows} 行，最落后的在最上面；各数字见下表"),
            Lang::En => format!("Stacked status bars {}, {rows} rows, the furthest behind on top; the numbers are in the table below", heading.to_lowercase()),
        }
    }

    pub fn week_tip(&self, week: &str, from: &str, to: &str, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{week}（{from}—{to}）：完成 {n} 个"),
            Lang::En => format!("{week} ({from} – {to}): {n} completed"),
        }
    }

    pub fn weekly_aria(&self, weeks: usize, completed: usize) -> String {
        match self.lang {
            Lang::Zh => format!("每周完成数柱状图：{weeks} 周，共完成 {completed} 个；各周数字见下表"),
            Lang::En => format!("Completions per week: {weeks} weeks, {completed} completed in all; the numbers are in the table below"),
        }
    }

    pub fn date_range(&self, from: &str, to: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{from} 至 {to}"),
            Lang::En => format!("{from} to {to}"),
        }
    }

    pub fn cumulative_tip(&self, date: &str, done: usize, due: usize) -> String {
        match self.lang {
            Lang::Zh => format!("{date}：累计完成 {done} 个，累计应完成 {due} 个"),
            Lang::En => format!("{date}: {done} completed so far, {due} due so far"),
        }
    }

    /// Under the cumulative chart when far deadlines sit on its right edge.
    pub fn deadlines_beyond(&self, n: usize, latest: &str) -> String {
        match self.lang {
            Lang::Zh => format!("另有 {n} 个整改时限在图的右端之后（最晚 {latest}），计入右端的累计应完成数。"),
            Lang::En => format!("{n} more deadline(s) fall after the chart's right edge (the latest {latest}); they are counted in the due line at that edge."),
        }
    }

    pub fn cumulative_aria(&self, from: &str, to: &str, done: usize, due: usize) -> String {
        match self.lang {
            Lang::Zh => format!("累计完成与累计应完成折线图，{from} 至 {to}：到 {to} 累计完成 {done} 个，累计应完成 {due} 个；各日期数字见下表"),
            Lang::En => format!("Cumulative completed and due lines, {from} to {to}: by {to} {done} completed and {due} due; the numbers per date are in the table below"),
        }
    }

    pub fn cumulative_hint(&self, without_deadline: usize, without_date: usize) -> String {
        match self.lang {
            Lang::Zh => format!("未填整改时限的问题 {without_deadline} 个，不计入累计应完成；已完成但未填完成时间的问题 {without_date} 个，不计入累计完成。"),
            Lang::En => format!("{without_deadline} problems without a deadline are not counted as due; {without_date} finished problems without a completion date are not counted as completed."),
        }
    }

    pub fn warnings_heading(&self, red: usize, yellow: usize) -> String {
        match self.lang {
            Lang::Zh => format!("红灯、黄灯问题（红灯 {red} 个，黄灯 {yellow} 个）"),
            Lang::En => format!("Red and yellow problems (red {red}, yellow {yellow})"),
        }
    }

    /// "逾期 3 天", "今天到期", "剩 2 天" (see `Warning::days_left`)
    pub fn days_left(&self, days: i64) -> String {
        match (self.lang, days) {
            (Lang::Zh, d) if d < 0 => format!("逾期 {} 天", -d),
            (Lang::Zh, 0) => "今天到期".to_string(),
            (Lang::Zh, d) => format!("剩 {d} 天"),
            (Lang::En, -1) => "1 day overdue".to_string(),
            (Lang::En, d) if d < 0 => format!("{} days overdue", -d),
            (Lang::En, 0) => "due today".to_string(),
            (Lang::En, 1) => "1 day left".to_string(),
            (Lang::En, d) => format!("{d} days left"),
        }
    }

    /// A group row's name: the core's placeholders for no category or department in words.
    pub fn group_name(&self, name: &str) -> String {
        match self.lang {
            Lang::En if name == rectify_core::ledger::progress::NO_CATEGORY => {
                self.orphans.to_string()
            }
            Lang::En if name == rectify_core::ledger::progress::NO_DEPARTMENT => {
                self.no_department.to_string()
            }
            _ => name.to_string(),
        }
    }

    // ---- 台账管理 ----

    pub fn last_exported(&self, when: &str) -> String {
        match self.lang {
            Lang::Zh => format!("上次在本浏览器导出：{when}"),
            Lang::En => format!("last exported from this browser: {when}"),
        }
    }

    pub fn backup_line(&self, name: &str, when: &str, changes: u32, remind_at: u32) -> String {
        match self.lang {
            Lang::Zh => format!("当前台账“{name}”：{when}；此后有 {changes} 处修改未导出（满 {remind_at} 处时提醒导出）。"),
            Lang::En => format!("Current ledger “{name}”: {when}; {changes} changes since then are not exported (a reminder comes at {remind_at})."),
        }
    }

    pub fn open_ledger(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("打开“{name}”"),
            Lang::En => format!("Open “{name}”"),
        }
    }

    pub fn rename_ledger_named(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("重命名“{name}”"),
            Lang::En => format!("Rename “{name}”"),
        }
    }

    pub fn delete_ledger_named(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("删除“{name}”"),
            Lang::En => format!("Delete “{name}”"),
        }
    }

    pub fn confirm_delete_ledger(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("确定删除台账“{name}”吗？删除后无法恢复（除非您有导出的文件）。"),
            Lang::En => format!("Delete the ledger “{name}”? It cannot be restored afterwards (unless you have an exported file)."),
        }
    }

    pub fn download_raw_named(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("下载“{name}”的存档"),
            Lang::En => format!("Download the raw data of “{name}”"),
        }
    }

    // ---- 台账信息 ----

    pub fn ledger_id_line(&self, id: &str, schema: u64) -> String {
        match self.lang {
            Lang::Zh => format!("台账编号 {id} · 结构版本 {schema} · 同一编号的文件才会合并"),
            Lang::En => {
                format!("Ledger id {id} · schema {schema} · only files with the same id merge")
            }
        }
    }

    // ---- 建章立制 ----

    pub fn rule_counts(&self, confirmed: usize, candidates: usize) -> String {
        match (self.lang, candidates) {
            (Lang::Zh, 0) => format!("共 {confirmed} 项"),
            (Lang::Zh, c) => {
                format!("已确认 {confirmed} 项（计入通报的“整改建章立制N项”），待确认 {c} 项")
            }
            (Lang::En, 0) => format!("{confirmed} rules"),
            (Lang::En, c) => {
                format!("{confirmed} confirmed (counted in the bulletin), {c} to confirm")
            }
        }
    }

    pub fn rule_field(&self, field: &str, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("第{n}项的{field}"),
            Lang::En => format!("{field} of rule {n}"),
        }
    }

    pub fn problems_numbered(&self, numbers: &str) -> String {
        match self.lang {
            Lang::Zh => format!("问题 {numbers}"),
            Lang::En => format!("Problems {numbers}"),
        }
    }

    pub fn confirm_rule(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("确认《{title}》"),
            Lang::En => format!("Confirm 《{title}》"),
        }
    }

    pub fn unconfirm_rule(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("将《{title}》改为待确认"),
            Lang::En => format!("Unconfirm 《{title}》"),
        }
    }

    pub fn delete_rule(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("删除《{title}》"),
            Lang::En => format!("Delete 《{title}》"),
        }
    }

    pub fn confirm_delete_rule(&self, title: &str) -> String {
        match self.lang {
            Lang::Zh => format!("确定删除《{title}》吗？"),
            Lang::En => format!("Delete 《{title}》?"),
        }
    }

    // ---- 修改记录 ----

    pub fn change_counts(&self, total: usize, shown: usize) -> String {
        match self.lang {
            Lang::Zh => format!("共 {total} 次修改，显示 {shown} 次"),
            Lang::En => format!("{total} changes, {shown} shown"),
        }
    }

    pub fn confirm_restore(&self, what: &str) -> String {
        match self.lang {
            Lang::Zh => format!("把这次修改涉及的字段（{what}）恢复为修改前的值吗？恢复本身也是一次修改，会记录在此，并随导出合并给同事。"),
            Lang::En => format!("Put back the values these fields ({what}) held before this change? Restoring is a change too: it is listed here and merges to colleagues with your exports."),
        }
    }

    pub fn conflicts_heading(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("待处理的冲突（{n}）"),
            Lang::En => format!("Conflicts to resolve ({n})"),
        }
    }

    pub fn conflict_named(&self, label: &str) -> String {
        match self.lang {
            Lang::Zh => format!("冲突：{label}"),
            Lang::En => format!("Conflict: {label}"),
        }
    }

    pub fn use_value(&self, shown: &str) -> String {
        match self.lang {
            Lang::Zh => format!("采用“{shown}”"),
            Lang::En => format!("Use “{shown}”"),
        }
    }

    // ---- 周报告 ----

    pub fn no_record_on(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{date} 时本机还没有这本台账的记录。"),
            Lang::En => format!("This browser has no record of this ledger on {date}."),
        }
    }

    // ---- 从通报导入 ----

    pub fn unreadable_file(&self, name: &str, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("“{name}”无法读取：{why}"),
            Lang::En => format!("“{name}” cannot be read: {why}"),
        }
    }

    pub fn file_read(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已读入：{name}"),
            Lang::En => format!("Read: {name}"),
        }
    }

    pub fn recognised_counts(&self, categories: usize, problems: usize, rules: usize) -> String {
        match self.lang {
            Lang::Zh => format!(
                "反馈问题（类别）{categories} 个，具体问题 {problems} 个，建章立制 {rules} 项"
            ),
            Lang::En => format!("{categories} categories, {problems} problems, {rules} rules"),
        }
    }

    pub fn candidates(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("（另有 {n} 项待确认）"),
            Lang::En => format!(" ({n} more to confirm)"),
        }
    }

    /// A figure the bulletin text states that the ledger counts otherwise.
    pub fn figure_difference(
        &self,
        d: &rectify_core::bulletin::figures::FigureDifference,
    ) -> String {
        use rectify_core::bulletin::figures::Figure as F;
        let (zh, en) = match d.figure {
            F::Problems => ("问题", "problems"),
            F::Categories => ("方面", "areas"),
            F::Done => ("已完成", "finished"),
            F::InProgress => ("正在整改", "in progress"),
            F::BasicallyDone => ("基本完成", "mostly finished"),
            F::RatePercent => ("完成率（%）", "rate (%)"),
            F::Rules => ("制度", "rules"),
            F::People => ("人数", "people"),
            F::Money => ("金额", "amount"),
        };
        match self.lang {
            Lang::Zh => format!("{zh}原文{}、台账{}", d.stated, d.ledger),
            Lang::En => format!("{en}: {} stated, {} in the ledger", d.stated, d.ledger),
        }
    }

    /// The count check of 从通报导入: the stated number of problems against those found.
    pub fn count_check(&self, stated: usize, found: usize) -> String {
        match self.lang {
            Lang::Zh => format!("通报写明 {stated} 个具体问题，识别出 {found} 个"),
            Lang::En => format!("The text states {stated} problems; {found} were found"),
        }
    }

    /// The label of a numbering level's role select.
    pub fn level_role(&self, marker: &str, items: usize) -> String {
        match self.lang {
            Lang::Zh => format!("编号“{marker}”（{items} 处）是"),
            Lang::En => format!("Numbering “{marker}” ({items} items) is"),
        }
    }

    /// A problem's status in the outline, with the sentence it was read from.
    pub fn status_said(&self, status: &str, sentence: &str, review: &str) -> String {
        match (self.lang, sentence.is_empty()) {
            (Lang::Zh, false) => format!(" —— {status}（依据：“{sentence}”）{review}"),
            (Lang::Zh, true) => format!(" —— {status}（未写明）{review}"),
            (Lang::En, false) => format!(" — {status} (from “{sentence}”){review}"),
            (Lang::En, true) => format!(" — {status} (not said){review}"),
        }
    }

    pub fn stated_in_bulletin(&self, stated: &str) -> String {
        match self.lang {
            Lang::Zh => format!("通报原文写明：{stated}。"),
            Lang::En => format!("The bulletin itself states: {stated}."),
        }
    }

    /// One figure the bulletin states (问题20个): `what` is "problems", "done" or "rules".
    pub fn stated_part(&self, what: &str, n: usize) -> String {
        match (self.lang, what) {
            (Lang::Zh, "problems") => format!("问题{n}个"),
            (Lang::Zh, "done") => format!("已整改完毕{n}个"),
            (Lang::Zh, _) => format!("建章立制{n}项"),
            (Lang::En, "problems") => format!("{n} problems"),
            (Lang::En, "done") => format!("{n} finished"),
            (Lang::En, _) => format!("{n} rules"),
        }
    }

    pub fn leftovers(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("有 {n} 段文字未能识别归类，已原样保留在以下位置，请导入后核对："),
            Lang::En => format!("{n} passages could not be placed; they are kept as they are in these places, check them after importing:"),
        }
    }

    // ---- 通报 ----

    pub fn counts_as_of(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("统计数为 {date} 当天结束时台账的情况（按修改记录还原）。"),
            Lang::En => format!(
                "The figures are the ledger's at the end of {date} (rebuilt from the history)."
            ),
        }
    }

    pub fn no_history_as_of(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("截至日期 {date} 时本机还没有这本台账的修改记录（台账建立在此之后），统计数按当前台账计算。"),
            Lang::En => format!("This browser has no history of this ledger on {date} (it was created later); the figures are taken from the current ledger."),
        }
    }

    pub fn bulletin_pages(&self, pages: usize) -> String {
        match self.lang {
            Lang::Zh => format!("共 {pages} 页 · A4 纵向 · 每页 22 行、每行 28 字（GB/T 9704—2012）。页边距和页码已按公文格式排好，打印时不必另加页眉页脚。"),
            Lang::En => format!("{pages} pages · A4 portrait · 22 lines of 28 characters a page (GB/T 9704-2012). Margins and page numbers are set as for official documents: print without extra headers or footers."),
        }
    }

    /// The bulletin's figures: "反馈问题 6 个，已整改完毕 4 个，建章立制 9 项".
    pub fn bulletin_counts(&self, c: &rectify_core::bulletin::BulletinCounts) -> String {
        use rectify_core::ledger::CountingBasis;
        let mut text = match (self.lang, c.basis) {
            (Lang::Zh, basis) => format!(
                "{} {} 个，已整改完毕 {} 个，建章立制 {} 项",
                if basis == CountingBasis::Category {
                    "反馈问题"
                } else {
                    "具体问题"
                },
                c.total,
                c.finished,
                c.rules
            ),
            (Lang::En, basis) => format!(
                "{} {}, {} finished, {} rules",
                if basis == CountingBasis::Category {
                    "Categories"
                } else {
                    "Problems"
                },
                c.total,
                c.finished,
                c.rules
            ),
        };
        if c.rule_candidates > 0 {
            text.push_str(&match self.lang {
                Lang::Zh => format!(
                    "（另有 {} 项待确认，未计入，可在“建章立制”中确认）",
                    c.rule_candidates
                ),
                Lang::En => format!(
                    " ({} more to confirm are not counted; confirm them in “Rules”)",
                    c.rule_candidates
                ),
            });
        }
        text
    }

    pub fn sheet_label(&self, number: usize) -> String {
        match self.lang {
            Lang::Zh => format!("第{number}页"),
            Lang::En => format!("Page {number}"),
        }
    }

    pub fn folio_label(&self, number: usize) -> String {
        match self.lang {
            Lang::Zh => format!("页码 {number}"),
            Lang::En => format!("Page number {number}"),
        }
    }
}
