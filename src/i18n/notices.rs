//! The shell's notices and the messages of `ui/state.rs` that carry numbers or names.

use super::{size_label, Lang, Texts};

impl Texts {
    // ---- the shell and notices ----

    /// A link (the address after #) names a ledger this browser does not have.
    pub fn link_ledger_missing(&self, id: &str) -> String {
        let short: String = id.chars().take(8).collect();
        match self.lang {
            Lang::Zh => format!(
                "链接指向的台账（编号 {short}…）不在这个浏览器中。请向发链接的同事要这个台账的文件（.rectify），点“导入”后再打开链接。"
            ),
            Lang::En => format!(
                "The link points to a ledger (id {short}…) that is not in this browser. Ask the colleague who sent it for the ledger's file (.rectify), import it, then open the link again."
            ),
        }
    }

    /// A link names a problem number the open ledger does not have.
    pub fn link_problem_missing(&self, number: usize, total: usize) -> String {
        match self.lang {
            Lang::Zh => format!("链接中的第{number}项不存在：这个台账共有{total}项问题。"),
            Lang::En => format!(
                "The link's problem {number} does not exist: this ledger has {total} problems."
            ),
        }
    }

    pub fn viewing_past(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("正在查看 {date} 结束时的台账（只读，按修改记录还原）。"),
            Lang::En => format!(
                "Viewing the ledger as it stood at the end of {date} (read-only, rebuilt from the history)."
            ),
        }
    }

    pub fn conflicts_after_merge(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("合并后有 {n} 处字段出现不同的值，需要选定。"),
            Lang::En => {
                format!("After merging, {n} fields hold different values; choose one for each.")
            }
        }
    }

    pub fn ask_open_as_new(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("这个文件是另一本台账“{name}”，不是当前台账，不会合并进当前台账。要把它作为一本新台账打开吗？"),
            Lang::En => format!("This file is another ledger, “{name}”, not the current one, and will not be merged into it. Open it as a new ledger?"),
        }
    }

    pub fn ask_merge_into_other(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("这个文件属于本机已有的另一本台账“{name}”，不是当前台账。要切换到“{name}”并合并这个文件吗？"),
            Lang::En => format!("This file belongs to “{name}”, another ledger in this browser, not the current one. Switch to “{name}” and merge the file?"),
        }
    }

    pub fn switch_and_merge(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("切换到“{name}”并合并"),
            Lang::En => format!("Switch to “{name}” and merge"),
        }
    }

    // ---- messages of ui/state.rs ----

    pub fn updated_to(&self, version: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已更新到新版本（{version}）。台账数据保存在本浏览器中，不受更新影响。"),
            Lang::En => format!("Updated to a new version ({version}). Ledgers are kept in this browser and are not affected by updates."),
        }
    }

    pub fn newer_schema(&self, schema: u64) -> String {
        match self.lang {
            Lang::Zh => format!("此台账由更新版本的 Rectify 创建（结构版本 {schema}），本版本只能查看，不能修改。请更新本应用后再编辑。"),
            Lang::En => format!("This ledger was created by a newer version of Rectify (schema {schema}); this version can only show it. Update the app to edit it."),
        }
    }

    pub fn ledger_created(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已新建台账“{name}”。"),
            Lang::En => format!("Created the ledger “{name}”."),
        }
    }

    pub fn bulletin_imported(
        &self,
        categories: usize,
        problems: usize,
        rules: usize,
        candidates: usize,
        leftovers: usize,
    ) -> String {
        match self.lang {
            Lang::Zh => {
                let mut m = format!(
                    "已从通报生成台账：反馈问题 {categories} 个，具体问题 {problems} 个，建章立制 {rules} 项"
                );
                if candidates > 0 {
                    m.push_str(&format!(
                        "（另有 {candidates} 项待确认，请在“建章立制”中核对）"
                    ));
                }
                if leftovers > 0 {
                    m.push_str(&format!(
                        "；有 {leftovers} 段文字未能归类，已原样保留，请核对"
                    ));
                }
                m.push('。');
                m
            }
            Lang::En => {
                let mut m = format!(
                    "Made a ledger from the bulletin: {categories} categories, {problems} problems, {rules} rules"
                );
                if candidates > 0 {
                    m.push_str(&format!(" ({candidates} more to confirm under “Rules”)"));
                }
                if leftovers > 0 {
                    m.push_str(&format!("; {leftovers} passages could not be placed and were kept as they are, please check"));
                }
                m.push('.');
                m
            }
        }
    }

    pub fn nothing_at(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{date} 时本机还没有这本台账的任何记录（台账创建于之后）。"),
            Lang::En => format!(
                "This browser has no record of this ledger on {date} (it was created later)."
            ),
        }
    }

    pub fn restored(&self, places: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已恢复修改前的值：{places}。"),
            Lang::En => format!("Restored the earlier values: {places}."),
        }
    }

    pub fn past_is_read_only(&self, date: &str) -> String {
        match self.lang {
            Lang::Zh => format!("正在查看 {date} 的台账（只读）。请先点“回到当前台账”再修改。"),
            Lang::En => format!("Viewing the ledger of {date} (read-only). Click “Back to the current ledger” before changing anything."),
        }
    }

    pub fn merged_other_tab(&self, changes: usize, authors: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已合并另一窗口中的 {changes} 项修改（{authors}）。"),
            Lang::En => format!("Merged {changes} changes from another window ({authors})."),
        }
    }

    pub fn exported(&self, file_name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已导出：{file_name}"),
            Lang::En => format!("Exported: {file_name}"),
        }
    }

    /// How much this app keeps where (localStorage, IndexedDB), and what the browser estimates
    /// for the whole origin; sizes in the forms `size` gives.
    pub fn storage_usage(
        &self,
        usage: &rectify_core::store::Usage,
        estimate: Option<(f64, f64)>,
    ) -> String {
        let size = size_label;
        let local = size(usage.local_bytes);
        let budget = size(rectify_core::store::LOCAL_BUDGET_BYTES);
        let mut text = match self.lang {
            Lang::Zh => format!("本应用占用：localStorage 约 {local}（按约 {budget} 的上限计，较大的台账会自动移到 IndexedDB）"),
            Lang::En => format!("This app uses about {local} of localStorage (counted against about {budget}; larger ledgers move to IndexedDB by themselves)"),
        };
        text.push_str(&match (usage.large_bytes, self.lang) {
            (Some(bytes), Lang::Zh) => format!("，IndexedDB 约 {}", size(bytes)),
            (Some(bytes), Lang::En) => format!(", and about {} of IndexedDB", size(bytes)),
            (None, Lang::Zh) => "；本浏览器在此页不能使用 IndexedDB，台账都保存在 localStorage 中".to_string(),
            (None, Lang::En) => "; this browser cannot use IndexedDB on this page, so every ledger is in localStorage".to_string(),
        });
        if let Some((used, quota)) = estimate {
            let (used, quota) = (size(used as usize), size(quota as usize));
            text.push_str(&match self.lang {
                Lang::Zh => format!("。浏览器估计本网址共用 {used}，最多可用 {quota}"),
                Lang::En => {
                    format!(". The browser estimates {used} used by this site, at most {quota}")
                }
            });
        }
        text.push_str(self.full_stop);
        text
    }

    pub fn excel_preview_lead(&self, file_name: &str, sheet: &str, header_row: usize) -> String {
        match self.lang {
            Lang::Zh => format!("“{file_name}”：从工作表“{sheet}”读取，第 {header_row} 行是表头。请核对下面的对应关系和未能读取的行，再选择创建新台账或添加到当前台账。"),
            Lang::En => format!("“{file_name}”: read from sheet “{sheet}”, header on row {header_row}. Check the columns and the rows not read below, then create a new ledger or add to the open one."),
        }
    }

    pub fn table_preview_lead(&self, file_name: Option<&str>, header_row: usize) -> String {
        match (self.lang, file_name) {
            (Lang::Zh, Some(f)) => format!("“{f}”中的表格：第 {header_row} 行是表头，按“从 Excel 导入”的方式读取。请核对下面的对应关系和未能读取的行，再选择创建新台账或添加到当前台账。"),
            (Lang::Zh, None) => format!("粘贴的是表格：第 {header_row} 行是表头，按“从 Excel 导入”的方式读取。请核对下面的对应关系和未能读取的行，再选择创建新台账或添加到当前台账。"),
            (Lang::En, Some(f)) => format!("The table in “{f}”: header on line {header_row}, read as Import from Excel reads a sheet. Check the columns and the rows not read below, then create a new ledger or add to the open one."),
            (Lang::En, None) => format!("A pasted table: header on line {header_row}, read as Import from Excel reads a sheet. Check the columns and the rows not read below, then create a new ledger or add to the open one."),
        }
    }

    pub fn excel_counts(
        &self,
        categories: usize,
        problems: usize,
        rules: usize,
        candidates: usize,
    ) -> String {
        let mut text = match self.lang {
            Lang::Zh => format!(
                "反馈问题（类别）{categories} 个，具体问题 {problems} 个，建章立制 {rules} 项"
            ),
            Lang::En => format!("{categories} categories, {problems} problems, {rules} rules"),
        };
        if candidates > 0 {
            text.push_str(&match self.lang {
                Lang::Zh => format!("（另有 {candidates} 项待确认）"),
                Lang::En => format!(" ({candidates} more to confirm)"),
            });
        }
        text.push_str(self.full_stop);
        text
    }

    pub fn not_imported_column(&self, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("不导入（{why}）"),
            Lang::En => format!("not imported ({why})"),
        }
    }

    pub fn rows_skipped(&self, n: usize) -> String {
        match self.lang {
            Lang::Zh => format!("以下 {n} 行未能读取，不会导入："),
            Lang::En => format!("These {n} rows could not be read and will not be imported:"),
        }
    }

    pub fn add_to(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("添加到“{name}”"),
            Lang::En => format!("Add to “{name}”"),
        }
    }

    pub fn worker_unavailable(&self, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("无法启动后台处理模块（{why}），Excel 和 Word 文件暂时不能生成或读取；台账没有改动。请联网后刷新页面再试。"),
            Lang::En => format!("The background worker could not start ({why}), so Excel and Word files cannot be made or read for now; the ledger is unchanged. Reload the page while online and try again."),
        }
    }

    pub fn excel_exported(&self, file_name: &str) -> String {
        match self.lang {
            Lang::Zh => {
                format!("已导出 Excel：{file_name}（整改台账、统计、建章立制三张工作表）。")
            }
            Lang::En => {
                format!("Exported Excel: {file_name} (three sheets: the ledger, its figures and its rules).")
            }
        }
    }

    pub fn excel_export_failed(&self, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("导出 Excel 失败：{why}"),
            Lang::En => format!("Exporting Excel failed: {why}"),
        }
    }

    /// 创建新台账 from a workbook, part way: `done` of `of` problems written.
    pub fn creating_from_excel_progress(&self, done: usize, of: usize) -> String {
        match self.lang {
            Lang::Zh => format!("正在创建台账……已写入 {done} / {of} 个问题"),
            Lang::En => format!("Creating the ledger… {done} of {of} problems written"),
        }
    }

    pub fn created_from_excel(
        &self,
        file_name: &str,
        name: &str,
        categories: usize,
        problems: usize,
        skipped: usize,
    ) -> String {
        let skipped = self.skipped_rows(skipped);
        match self.lang {
            Lang::Zh => format!("已从“{file_name}”创建台账“{name}”：反馈问题（类别）{categories} 个，具体问题 {problems} 个{skipped}。"),
            Lang::En => format!("Created “{name}” from “{file_name}”: {categories} categories, {problems} problems{skipped}."),
        }
    }

    pub fn added_from_excel(
        &self,
        file_name: &str,
        problems: usize,
        categories: usize,
        rules: usize,
        skipped: usize,
    ) -> String {
        let skipped = self.skipped_rows(skipped);
        match self.lang {
            Lang::Zh => format!("已把“{file_name}”中的 {problems} 个问题添加到当前台账（新增类别 {categories} 个，新增建章立制 {rules} 项）{skipped}。"),
            Lang::En => format!("Added {problems} problems from “{file_name}” to the open ledger ({categories} new categories, {rules} new rules){skipped}."),
        }
    }

    /// "；N 行未能读取，未导入" when rows were skipped.
    fn skipped_rows(&self, skipped: usize) -> String {
        match (skipped, self.lang) {
            (0, _) => String::new(),
            (n, Lang::Zh) => format!("；{n} 行未能读取，未导入"),
            (n, Lang::En) => format!("; {n} rows could not be read and were not imported"),
        }
    }

    pub fn not_imported(&self, file_name: &str, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("未导入“{file_name}”：{why}"),
            Lang::En => format!("“{file_name}” was not imported: {why}"),
        }
    }

    pub fn nothing_new(&self, file_name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("“{file_name}”中没有新的修改（此前已导入过），台账未变。"),
            Lang::En => format!("“{file_name}” has no new changes (it was imported before); the ledger is unchanged."),
        }
    }

    pub fn merged_file(
        &self,
        file_name: &str,
        changes: usize,
        authors: &str,
        both_edited: &str,
    ) -> String {
        match self.lang {
            Lang::Zh => {
                let mut m = format!("已合并“{file_name}”：{changes} 项修改，来自 {authors}。");
                if !both_edited.is_empty() {
                    m.push_str(&format!("以下文字双方都改过，已逐字合并、双方的字都保留，请阅读核对：{both_edited}。"));
                }
                m
            }
            Lang::En => {
                let mut m = format!("Merged “{file_name}”: {changes} changes by {authors}.");
                if !both_edited.is_empty() {
                    m.push_str(&format!(" Both sides edited these texts; they were merged character by character, keeping everyone's words, please read them: {both_edited}."));
                }
                m
            }
        }
    }

    /// After a merge notice: problems edited here that the colleague deleted meanwhile.
    pub fn edited_but_deleted(&self, titles: &[String]) -> String {
        let n = titles.len();
        match self.lang {
            Lang::Zh => {
                let quoted: Vec<String> = titles.iter().map(|t| format!("“{t}”")).collect();
                format!("对方删除了你修改过的 {n} 个问题（{}）：已移入回收站，你的修改都在，可在回收站恢复。", quoted.join("、"))
            }
            Lang::En => {
                let quoted: Vec<String> = titles.iter().map(|t| format!("“{t}”")).collect();
                format!(" The other copy deleted {n} problem(s) you edited ({}): they are in the bin with your edits, and can be restored there.", quoted.join(", "))
            }
        }
    }

    pub fn opened_as_new(&self, name: &str) -> String {
        match self.lang {
            Lang::Zh => format!("已作为新台账打开“{name}”。"),
            Lang::En => format!("Opened “{name}” as a new ledger."),
        }
    }

    pub fn switched_and_merged(&self, name: &str, changes: usize) -> String {
        match self.lang {
            Lang::Zh => format!("已切换到“{name}”并合并 {changes} 项修改。"),
            Lang::En => format!("Switched to “{name}” and merged {changes} changes."),
        }
    }
}
