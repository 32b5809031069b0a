//! The UI's words in Chinese and English, all in one place: [`Lang`], the table [`Texts`] (one
//! field per string, so a missing translation does not compile) and the core's messages in words.

use rectify_core::backup::Reminder;
use rectify_core::document::{DocError, MetaField, ProblemField, ProblemText};
use rectify_core::file::envelope::ImportError;
use rectify_core::ledger::{Light, RuleKind, Status};
use rectify_core::store::StoreError;

/// A size as 台账管理 shows it (the same in both languages): "1.4 MB", "19 KB".
pub fn size_label(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).max(1.0))
    }
}

/// The language the UI speaks. Chinese is the default; the bulletin (通报) and the weekly
/// report (周报告) are official texts and stay Chinese whatever is chosen here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// How it is stored (`rectify:lang`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// A stored code back; anything unknown is Chinese.
    pub fn from_code(code: &str) -> Lang {
        match code.trim() {
            "en" => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// For `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The switch's label: each language names itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Declares [`Texts`] with one `&'static str` field per key and the two tables [`ZH`] and
/// [`EN`]. Each entry is `key: "中文", "English";` — leaving out the English does not compile.
macro_rules! texts {
    ($($key:ident: $zh:literal, $en:literal;)*) => {
        /// Every fixed string of the UI in one language. Strings with numbers or names in
        /// them are methods below (an exhaustive `match` on [`Texts::lang`]).
        pub struct Texts {
            pub lang: Lang,
            $(pub $key: &'static str,)*
        }

        pub static ZH: Texts = Texts { lang: Lang::Zh, $($key: $zh,)* };
        pub static EN: Texts = Texts { lang: Lang::En, $($key: $en,)* };

        impl Texts {
            /// Every fixed string with its key (for tests).
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }
        }
    };
}

texts! {
    // the app shell (ui/mod.rs)
    brand: "整改台账", "Rectification ledger";
    page_title: "整改台账 · Rectify", "Rectification ledger · Rectify";
    language: "界面语言", "Language";
    current_ledger: "当前台账", "Current ledger";
    none_open: "（未打开）", "(none open)";
    views: "视图", "Views";
    tab_checklist: "台账", "Checklist";
    tab_progress: "进度", "Progress";
    tab_rules: "建章立制", "Rules";
    tab_bulletin: "通报", "Bulletin";
    tab_info: "台账信息", "Ledger info";
    tab_report: "周报告", "Weekly report";
    tab_history: "修改记录", "History";
    tab_ledgers: "台账管理", "Ledgers";
    tab_help: "帮助", "Help";
    help_language_note: "本说明也随程序提供，离线可读。", "This guide is written in Chinese, the language of the ledgers it describes; the app itself speaks English when chosen.";
    export: "导出", "Export";
    export_title: "下载本台账文件，发给同事合并", "Download this ledger's file to send to colleagues for merging";
    import: "导入", "Import";
    import_file: "导入台账文件", "Import a ledger file";
    my_name: "我的名字", "My name";
    my_name_placeholder: "修改将署此名", "Changes are signed with this name";
    drop_hint: "松开鼠标以导入台账文件", "Release the mouse button to import the ledger file";
    unsaved: "未保存：", "Not saved: ";
    export_now: "立即导出", "Export now";
    close_notice: "关闭提示", "Close the message";
    back_to_present: "回到当前台账", "Back to the current ledger";
    read_only_newer: "只读：此台账来自更新版本的 Rectify，不能在此修改。", "Read-only: this ledger comes from a newer version of Rectify and cannot be changed here.";
    resolve_conflicts: "去处理冲突", "Resolve conflicts";
    new_version: "新版本", "New version";
    new_version_ready: "新版本已下载，刷新后生效。", "A new version has been downloaded; it takes effect after a reload.";
    reload_now: "立即刷新", "Reload now";
    export_reminder: "导出提醒", "Export reminder";
    export_backup: "导出备份", "Export a backup";
    remind_later: "稍后提醒", "Remind me later";
    import_other_ledger: "导入另一本台账", "Import another ledger";
    open_as_new: "作为新台账打开", "Open as a new ledger";
    cancel: "取消", "Cancel";

    // messages of ui/state.rs
    new_ledger_default_name: "新台账", "New ledger";
    example_opened: "已打开示例台账：某工业园党委巡察“回头看”整改（2022年6月30日通报）。", "Opened the example ledger: an industrial park's rectification after an inspection follow-up (bulletin of 30 Jun 2022).";
    nothing_to_restore: "没有可恢复的内容：这些字段已是修改前的值，或是这次修改新建的。", "Nothing to restore: these fields already hold their earlier values, or this change created them.";
    conflict_settled: "已处理冲突：同事合并后也会采用这个值。", "Conflict resolved: colleagues get this value too when they merge.";
    ask_for_name: "请在右上角填写“我的名字”：您的修改将署此名，同事合并后能看到是谁改的。", "Please fill in “My name” at the top right: your changes are signed with it, so colleagues see who changed what after merging.";
    import_cancelled: "已取消导入，台账未变。", "Import cancelled; the ledger is unchanged.";
    // the Web Worker that makes and reads files (platform/worker.rs)
    making_excel: "正在生成 Excel 文件……", "Making the Excel file…";
    making_word: "正在生成 Word 文件……", "Making the Word file…";
    reading_excel: "正在读取 Excel 文件……", "Reading the Excel file…";
    checking_file: "正在检查文件……", "Checking the file…";
    loading_document: "台账已显示，正在载入修改记录，稍候即可编辑……", "The ledger is shown; loading its history, editing is ready in a moment…";
    worker_crashed: "处理时出错，后台处理已停止（台账没有改动）。请重试；如果再次出错，请导出台账文件并反馈问题。", "Something went wrong and the background worker stopped (the ledger is unchanged). Please try again; if it happens again, export the ledger file and report the problem.";
    worker_timed_out: "处理超过 2 分钟仍未完成，已停止（台账没有改动）。", "It took more than 2 minutes and was stopped (the ledger is unchanged).";
    file_timed_out: "读取超过 2 分钟仍未完成，文件可能过大或是伪造的", "reading it took more than 2 minutes; the file may be too large or forged";
    file_crashed_reader: "读取这个文件时程序出错，文件可能是伪造或严重损坏的", "reading this file made the program fail; the file may be forged or badly damaged";
    ledger_deleted: "已删除台账。", "Ledger deleted.";

    // 台账 (ui/checklist.rs)
    filter_status: "按状态筛选", "Filter by status";
    all_statuses: "全部状态", "All statuses";
    filter_department: "按部门筛选", "Filter by department";
    all_departments: "全部部门", "All departments";
    filter_light: "按预警筛选", "Filter by warning";
    all_lights: "全部", "All";
    search: "搜索", "Search";
    search_placeholder: "问题、原因、整改情况、责任人…", "Problem, cause, progress, owner…";
    orphans: "未归类的问题", "Uncategorised problems";
    orphans_hint: "这些问题所属的类别已被删除（可能是同事在另一台电脑上删除的）。请把它们移到某个类别，或删除。", "The category of these problems was deleted (perhaps by a colleague on another computer). Move them to a category, or delete them.";
    trash_hint: "删除的问题保留在这里，可随时恢复；同事在删除后仍对它做的修改也保存在这里。", "Deleted problems stay here and can be restored at any time; changes colleagues made to them after the deletion are kept here too.";
    no_description: "（未填写问题表现）", "(no description yet)";
    restore: "恢复", "Restore";
    category_name_missing: "请先填写类别名称。", "Please enter the category's name first.";
    new_category_name: "新类别名称", "New category name";
    new_category_placeholder: "如：针对财务管理不规范的问题", "e.g. Problems of irregular financial management";
    add_category: "添加类别", "Add category";
    category_name: "类别名称", "Category name";
    save_category_name: "保存类别名称", "Save category name";
    rename_category_title: "修改类别名称", "Change the category's name";
    rename: "改名", "Rename";
    delete: "删除", "Delete";
    add_problem: "添加问题", "Add problem";

    // one problem (ui/problem.rs)
    has_conflict: "有冲突", "Conflict";
    has_conflict_title: "合并后有字段出现不同的值，请在详情中选定", "After a merge some fields hold different values; choose one in the details";
    problem_details: "问题详情", "Problem details";
    departments: "责任部门", "Departments";
    departments_placeholder: "多个部门用“、”分隔", "Separate several departments with “、” or commas";
    status: "整改状态", "Status";
    category: "所属类别", "Category";
    linked_rules: "关联建章立制", "Linked rules";
    no_rules_yet: "还没有建章立制。可在“建章立制”页登记。", "No rules yet. Register them on the “Rules” page.";
    progress_log: "进展记录", "Progress log";
    unsigned: "未署名", "Unsigned";
    confirm_delete_entry: "删除这条进展记录？", "Delete this progress entry?";
    entry_text_missing: "请填写进展内容。", "Please write what progressed.";
    entry_date: "进展日期", "Entry date";
    entry_text: "进展内容", "Entry";
    add_entry: "添加进展", "Add entry";
    move_problem_up: "上移问题", "Move problem up";
    move_problem_down: "下移问题", "Move problem down";
    confirm_delete_problem: "确定删除这个问题吗？它的进展记录也会一并删除。", "Delete this problem? Its progress log is deleted with it.";
    delete_problem: "删除问题", "Delete problem";
    collapse: "收起", "Collapse";

    // 进度 (ui/progress.rs)
    progress_title: " · 整改进度", " · Progress";
    fig_problems: "具体问题", "Problems";
    fig_finished: "已完成（含长期坚持）", "Finished (incl. ongoing)";
    fig_rate: "完成率", "Completion rate";
    fig_categories_done: "类别整改完毕", "Categories finished";
    fig_category_rate: "类别完成率", "Category completion rate";
    progress_summary: "进度概况", "Progress summary";
    by_status: "按整改状态", "By status";
    status_column: "状态", "Status";
    problem_count: "问题数", "Problems";
    share: "占比", "Share";
    total: "合计", "Total";
    finished_suffix: " 已完成", " finished";
    by_category: "按类别", "By category";
    category_column: "类别", "Category";
    by_department: "按责任部门", "By department";
    department_column: "责任部门", "Department";
    no_problems: "暂无具体问题。", "No problems yet.";
    other_status: "其他状态", "Other status";
    no_completions: "尚无填写了完成时间的已完成问题。", "No finished problem has a completion date yet.";
    weekly: "每周完成数", "Completions per week";
    week: "周", "Week";
    dates: "日期", "Dates";
    completed_count: "完成数", "Completed";
    cumulative: "累计完成与累计应完成", "Cumulative completed and due";
    cumulative_done_legend: "累计完成（按完成时间）", "Completed so far (by completion date)";
    cumulative_due_legend: "累计应完成（按整改时限）", "Due so far (by deadline)";
    cumulative_done: "累计完成", "Completed so far";
    cumulative_due: "累计应完成", "Due so far";
    no_timeline: "尚无完成时间或整改时限，无法绘制。", "No completion dates or deadlines yet: nothing to draw.";
    date: "日期", "Date";
    warnings: "红灯、黄灯问题", "Red and yellow problems";
    no_warnings: "没有红灯或黄灯问题。", "No red or yellow problems.";
    warning_column: "预警", "Warning";
    number_column: "编号", "No.";
    problem_column: "问题", "Problem";
    days_column: "逾期/剩余", "Overdue / left";
    no_department: "未指定部门", "No department";

    // 台账管理 and the start page (ui/ledgers.rs)
    new_ledger_name: "新台账名称", "New ledger's name";
    new_ledger_placeholder: "如：2024年巡察反馈问题整改台账", "e.g. Rectification ledger of the 2024 inspection";
    create_ledger: "新建台账", "New ledger";
    start_heading: "开始使用整改台账", "Getting started";
    start_intro: "台账保存在本浏览器中，无需服务器。多人各自编辑后，互相“导出”“导入”文件即可合并，谁的修改都不会丢失。", "Ledgers are kept in this browser; no server is needed. When several people edit, they “Export” and “Import” files to merge, and nobody's changes are lost.";
    start_empty: "新建一本空台账", "Start an empty ledger";
    start_example: "先看看示例", "Look at an example first";
    start_example_text: "某工业园党委巡察“回头看”整改：16 个反馈问题、20 个具体问题。", "An industrial park's rectification after an inspection follow-up: 16 categories, 20 problems.";
    open_example: "打开示例台账", "Open the example ledger";
    start_bulletin: "已有整改通报？", "Already have a bulletin?";
    start_bulletin_text: "粘贴或选择通报全文（.txt），自动识别问题、原因分析和整改情况，生成台账。", "Paste or pick the bulletin's full text (.txt): its problems, causes and progress are recognised and made into a ledger.";
    import_bulletin: "从通报导入", "Import from a bulletin";
    start_file: "收到同事的台账文件？", "Got a colleague's ledger file?";
    start_file_text: "点击右上角“导入”，或把 .rectify 文件拖到本页。", "Click “Import” at the top right, or drop the .rectify file on this page.";
    show_ledgers: "查看本机已有的台账", "Show the ledgers in this browser";
    storage_file_page: "本页是从磁盘直接打开的文件（file://）。台账保存在本浏览器的本地存储（localStorage）中，不在这个 HTML 文件里：在本浏览器中，从磁盘打开的所有网页共用这一份存储（Firefox 可能按文件所在的文件夹分开保存，请总从同一位置打开本文件）；换一个浏览器或另一台电脑打开同一文件，看不到这里的台账（请用“导出”“导入”带过去）。", "This page is a file opened from disk (file://). Ledgers are kept in this browser's local storage (localStorage), not in this HTML file: in this browser every page opened from disk shares that storage (Firefox may keep one per folder, so always open this file from the same place); another browser or computer opening the same file does not see these ledgers (take them along with “Export” and “Import”).";
    storage_hosted: "台账保存在本浏览器为本网址保留的本地存储（localStorage）中，不在服务器上：换一个浏览器、另一台电脑或另一个网址打开，看不到这里的台账（请用“导出”“导入”带过去）。", "Ledgers are kept in this browser's local storage (localStorage) for this address, not on a server: another browser, computer or address does not see them (take them along with “Export” and “Import”).";
    storage_persisted: "浏览器已同意长期保留这些数据（不会因磁盘空间不足被自动清除）。", "The browser agreed to keep this data (it is not cleared automatically when the disk is full).";
    storage_not_persisted: "浏览器没有承诺长期保留这些数据：磁盘空间不足或清理浏览数据时可能被删除，请及时导出。", "The browser did not promise to keep this data: it may be deleted when the disk is full or browsing data is cleared, so export in time.";
    never_exported: "尚未在本浏览器导出过", "never exported from this browser";
    storage_info: "数据保存位置", "Where the data is kept";
    ledgers_intro: "以下台账保存在本浏览器的本地存储中（清除浏览器数据会删除它们）。请定期“导出”备份，并把文件发给同事合并。", "These ledgers are kept in this browser's local storage (clearing browsing data deletes them). “Export” backups regularly and send the files to colleagues to merge.";
    ledger_name: "台账名称", "Ledger name";
    last_saved: "最后保存", "Last saved";
    size: "占用空间", "Size";
    actions: "操作", "Actions";
    new_name: "台账新名称", "New name of the ledger";
    save_name: "保存名称", "Save name";
    open: "打开", "Open";
    rename_ledger: "重命名", "Rename";
    download_raw: "下载存档", "Download raw data";
    download_raw_title: "下载本机保存的原始数据", "Download the raw data stored in this browser";
    no_ledgers: "本浏览器中还没有台账。", "There are no ledgers in this browser yet.";

    // 台账信息 (ui/info.rs)
    basic_info: "基本信息", "Basics";
    meta_unit: "被巡察单位（发文机关）", "Inspected unit (issuing body)";
    meta_unit_short: "单位简称", "Unit's short name";
    meta_inspection_group: "巡察组", "Inspection group";
    meta_inspection_kind: "巡察类型", "Kind of inspection";
    meta_inspection_from: "巡察开始日期", "Inspection from";
    meta_inspection_to: "巡察结束日期", "Inspection to";
    meta_feedback_date: "反馈时间", "Feedback date";
    meta_warn_days: "黄灯预警天数", "Days of yellow warning";
    meta_header: "发文机关标志", "Issuing body's header";
    meta_title: "通报标题", "Bulletin title";
    meta_as_of: "统计截至日期", "Figures as of";
    meta_issue_date: "成文日期", "Date of issue";
    meta_signature: "署名", "Signature";
    counting_basis: "计数口径", "Counting basis";
    count_by_category: "按反馈问题（类别）计数", "Count categories";
    count_by_problem: "按具体问题计数", "Count problems";
    meta_opening: "开头段落", "Opening paragraph";
    meta_deployment_heading: "第一部分标题", "Part one's heading";
    meta_deployment: "第一部分（整改部署）", "Part one (deployment)";
    meta_implementation_heading: "第二部分标题", "Part two's heading";
    meta_implementation_intro: "第二部分导语", "Part two's introduction";
    meta_next_steps_heading: "第三部分标题", "Part three's heading";
    meta_next_steps: "第三部分（下一步工作）", "Part three (next steps)";
    meta_contact: "联系方式", "Contact";

    // 建章立制 (ui/rules.rs)
    rules_hint: "从通报导入时，整改情况中提到的《…》都会列为待确认：工作方案、计划不是制度，同一制度换了说法的也只算一项。请逐项确认后再计入通报。", "When importing a bulletin, every 《…》 named in the progress is listed as to be confirmed: work plans are not rules, and one rule named two ways counts once. Confirm each before it counts in the bulletin.";
    rule_title_missing: "请填写制度名称。", "Please enter the rule's title.";
    rule_title: "制度名称", "Rule title";
    rule_title_placeholder: "如：党委会议议事规则", "e.g. Rules of procedure of the party committee";
    rule_kind: "类型", "Kind";
    rule_date: "印发日期", "Issued on";
    add_rule: "登记制度", "Register rule";
    serial: "序号", "No.";
    linked_problems: "关联问题", "Linked problems";
    in_bulletin: "计入通报", "In the bulletin";
    to_confirm: "待确认", "To confirm";
    confirm: "确认", "Confirm";
    confirmed: "已确认", "Confirmed";
    unconfirm: "改为待确认", "Unconfirm";
    rules_link_hint: "在台账中展开某个问题，可勾选它关联的制度。", "Open a problem in the checklist to tick the rules linked to it.";

    // 修改记录 (ui/history.rs)
    past_heading: "查看过去某天的台账", "The ledger on a past day";
    past_hint: "按修改记录还原当天结束时的台账（只读），台账、进度和通报都按那天显示。", "Rebuilds the ledger as it stood at the end of that day from the history (read-only); the checklist, progress and bulletin show that day.";
    pick_date_first: "请先选择日期。", "Please pick a date first.";
    view_that_day: "查看这一天的台账", "Show the ledger of that day";
    all_changes: "全部修改", "All changes";
    changed_by: "修改人", "Changed by";
    from_date: "起始日期", "From";
    to_date: "结束日期", "To";
    time: "时间", "Time";
    change: "修改内容", "Change";
    places: "涉及", "Fields";
    restore_before: "恢复修改前的值", "Restore the earlier values";
    show_more: "显示更多", "Show more";
    no_conflicts: "没有待处理的冲突。两人在各自电脑上同时修改同一短字段（状态、时限、责任人、标题等）时，合并后会在这里列出，由人选定。", "No conflicts to resolve. When two people change the same short field (status, deadline, owner, title…) on their own computers, it is listed here after merging for someone to choose.";
    conflicts_hint: "下列字段在合并时有不同的值。目前显示的是标“当前显示”的值；请选定一个（或填写新值），选定后同事合并时也会采用。", "These fields got different values when merging. The value marked “Shown now” is shown; choose one (or type a new one), and colleagues get it too when they merge.";
    view_problem: "查看问题", "Show the problem";
    shown_now: "当前显示", "Shown now";
    use_this_value: "采用此值", "Use this value";
    or_new_value: "或填写新值", "Or a new value";
    ok: "确定", "OK";

    // 周报告 (ui/report.rs): the controls; the report's text itself stays Chinese
    pick_period: "请选择起止日期。", "Please pick the first and last day.";
    no_open_ledger: "没有打开的台账", "No ledger is open";
    report_copied: "已复制周报告全文，可粘贴到微信、邮件或 Word 中。", "Copied the weekly report's text; paste it into WeChat, e-mail or Word.";
    report_hint: "按修改记录比较期初和期末的台账：完成了哪些问题、状态怎样变化、记了哪些进展、新建了哪些制度、哪些已逾期。默认本周（周一至周日）。", "Compares the ledger at the start and the end of a period from the history: what was finished, how statuses changed, which progress was logged, which rules were made, what is overdue. This week (Monday to Sunday) by default. The report's text is in Chinese (an official text).";
    this_week: "本周", "This week";
    last_week: "上周", "Last week";
    print: "打印", "Print";
    copy_text: "复制全文", "Copy the text";
    download_txt: "下载（.txt）", "Download (.txt)";
    start_and_end: "期初与期末", "Start and end";
    problems_total: "问题总数", "Problems";
    period_start: "期初", "Start";
    period_end: "期末", "End";
    report_text: "周报告全文", "Weekly report text";

    // 从通报导入 (ui/bulletin_import.rs)
    bulletin_import_intro: "把已有的整改通报（如“…巡察反馈意见集中整改进展情况的通报”）粘贴到下面，或选择 UTF-8 编码的 .txt 文件。", "Paste an existing rectification bulletin (such as “…巡察反馈意见集中整改进展情况的通报”) below, or pick a UTF-8 .txt file.";
    bulletin_import_how: "程序会识别其中的标题、开头段落、各个反馈问题和具体问题、原因分析、整改情况和制度名称，生成一本新台账；现有台账不受影响。", "Its title, opening paragraph, categories and problems, causes, progress and rule titles are recognised and made into a new ledger; existing ledgers are not touched.";
    pick_text_file: "选择文本文件", "Pick a text file";
    bulletin_text: "通报全文", "Bulletin text";
    bulletin_text_placeholder: "在此粘贴通报全文（从 Word、WPS 或 PDF 复制均可，分页造成的空行会自动接上）", "Paste the bulletin's full text here (copied from Word, WPS or PDF; blank lines from page breaks are joined)";
    create_ledger_from_text: "创建台账", "Create ledger";
    reading_bulletin: "正在识别……", "Reading the text…";
    back: "返回", "Back";
    recognised: "识别结果", "Recognised";
    recognised_colon: "识别结果：", "Recognised: ";
    full_stop: "。", ".";
    list_separator: "，", ", ";
    nothing_left_over: "全文都已归入相应栏目，没有遗留文字。", "All of the text was placed; nothing is left over.";

    // Excel (ui/xlsx_import.rs, ui/ledgers.rs)
    start_excel: "已有 Excel 台账？", "Already keep the ledger in Excel?";
    start_excel_text: "选择 .xlsx 文件，按列名（序号、问题类别、问题表现、责任部门、整改时限、整改状态…）读取，先预览再导入。", "Pick an .xlsx file: its columns are read by their headers (number, category, description, department, deadline, status …), shown for checking, then imported.";
    import_excel: "从 Excel 导入", "Import from Excel";
    export_excel: "导出 Excel", "Export Excel";
    excel_card: "Excel", "Excel";
    excel_card_export: "导出：当前台账存为 .xlsx（整改台账、统计、建章立制三张工作表，日期为 Excel 日期，整改状态按预警灯着色）。", "Export: the open ledger as .xlsx (three sheets: the ledger, its figures and its rules; dates as Excel dates, statuses coloured by their light). ";
    excel_card_import: "导入：按列名读取 Excel 台账，预览后创建新台账或添加到当前台账。", "Import: an Excel ledger read by its column headers, checked in a preview, then made a new ledger or added to the open one.";
    pick_excel_prompt: "请选择整改台账的 Excel 文件（.xlsx）。", "Pick the ledger's Excel file (.xlsx).";
    pick_excel: "选择 Excel 文件", "Pick an Excel file";
    can_import: "可导入：", "Can be imported: ";
    column_mapping: "列的对应关系", "Columns and fields";
    column: "列", "Column";
    column_header: "表头", "Header";
    imported_as: "导入为", "Imported as";
    every_row_read: "每一行都已读取。", "Every row was read.";
    rows_not_read: "未能读取的行", "Rows not read";
    please_check: "请核对", "Please check";
    inferred_rows: "以下内容按推断导入，请核对：", "These were imported by inference; please check them:";
    problems_to_import: "将导入的问题", "Problems to import";
    serial_column: "序号", "No.";
    column_category: "问题类别", "Category";
    column_description: "问题表现", "Description";
    column_deadline: "整改时限", "Deadline";

    // where ledgers are kept (ui/ledgers.rs)
    storage_place: "保存位置", "Kept in";
    create_new_ledger: "创建新台账", "Create a new ledger";
    add_to_current: "添加到当前台账", "Add to the open ledger";
}

impl Texts {
    // ---- the shell and notices ----

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

    // ---- 台账 ----

    pub fn shown_counts(&self, c: &rectify_core::ledger::Counts, total: usize) -> String {
        match self.lang {
            Lang::Zh => format!(
                "显示 {} 个问题（共 {} 个）：未启动 {}，整改中 {}，已完成 {}，长期坚持 {}；红灯 {}，黄灯 {}，绿灯 {}",
                c.total, total, c.not_started, c.in_progress, c.done, c.ongoing, c.red, c.yellow, c.green
            ),
            Lang::En => format!(
                "Showing {} problems (of {}): not started {}, in progress {}, done {}, ongoing {}; red {}, yellow {}, green {}",
                c.total, total, c.not_started, c.in_progress, c.done, c.ongoing, c.red, c.yellow, c.green
            ),
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

    /// The label of a 台账信息 field.
    pub fn meta_label(&self, field: MetaField) -> &'static str {
        use MetaField::*;
        match field {
            Name => self.ledger_name,
            Unit => self.meta_unit,
            UnitShort => self.meta_unit_short,
            Header => self.meta_header,
            Title => self.meta_title,
            InspectionGroup => self.meta_inspection_group,
            InspectionKind => self.meta_inspection_kind,
            InspectionFrom => self.meta_inspection_from,
            InspectionTo => self.meta_inspection_to,
            FeedbackDate => self.meta_feedback_date,
            AsOf => self.meta_as_of,
            IssueDate => self.meta_issue_date,
            Signature => self.meta_signature,
            Contact => self.meta_contact,
            CountingBasis => self.counting_basis,
            WarnDays => self.meta_warn_days,
            Opening => self.meta_opening,
            DeploymentHeading => self.meta_deployment_heading,
            Deployment => self.meta_deployment,
            ImplementationHeading => self.meta_implementation_heading,
            ImplementationIntro => self.meta_implementation_intro,
            NextStepsHeading => self.meta_next_steps_heading,
            NextSteps => self.meta_next_steps,
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

    // ---- the core's values in words ----

    pub fn status(&self, status: &Status) -> String {
        match (self.lang, status) {
            (Lang::Zh, s) => s.label().to_string(),
            (Lang::En, Status::NotStarted) => "Not started".to_string(),
            (Lang::En, Status::InProgress) => "In progress".to_string(),
            (Lang::En, Status::Done) => "Done".to_string(),
            (Lang::En, Status::Ongoing) => "Ongoing".to_string(),
            (Lang::En, Status::Unknown(code)) => code.clone(),
        }
    }

    /// A status by its stored code (chart segments carry codes); "other" is 其他状态.
    pub fn status_code(&self, code: &str) -> String {
        if code == "other" {
            return self.other_status.to_string();
        }
        self.status(&Status::from_code(code))
    }

    pub fn light(&self, light: Light) -> &'static str {
        match (self.lang, light) {
            (Lang::Zh, l) => l.label(),
            (Lang::En, Light::Red) => "Red",
            (Lang::En, Light::Yellow) => "Yellow",
            (Lang::En, Light::Green) => "Green",
        }
    }

    pub fn rule_kind_name(&self, kind: RuleKind) -> &'static str {
        match (self.lang, kind) {
            (Lang::Zh, k) => k.label(),
            (Lang::En, RuleKind::New) => "New",
            (Lang::En, RuleKind::Revised) => "Revised",
        }
    }

    pub fn text_field(&self, field: ProblemText) -> &'static str {
        match (self.lang, field) {
            (Lang::Zh, f) => f.label(),
            (Lang::En, ProblemText::Description) => "Problem",
            (Lang::En, ProblemText::Cause) => "Cause",
            (Lang::En, ProblemText::Measures) => "Measures",
            (Lang::En, ProblemText::Progress) => "Progress",
            (Lang::En, ProblemText::Evidence) => "Evidence",
        }
    }

    pub fn short_field(&self, field: ProblemField) -> &'static str {
        match (self.lang, field) {
            (Lang::Zh, f) => f.label(),
            (Lang::En, ProblemField::Lead) => "Leader in charge",
            (Lang::En, ProblemField::Owner) => "Owner",
            (Lang::En, ProblemField::Deadline) => "Deadline",
            (Lang::En, ProblemField::CompletedOn) => "Completed on",
        }
    }

    pub fn import_error(&self, e: &ImportError) -> String {
        match (self.lang, e) {
            (Lang::Zh, e) => e.to_string(),
            (Lang::En, ImportError::Empty) => "The file is empty; there is nothing to import.".to_string(),
            (Lang::En, ImportError::NotALedgerFile) => "This is not a Rectify ledger file (ledger files end in .rectify and are made by this app's “Export”).".to_string(),
            (Lang::En, ImportError::TooLarge(mb)) => format!("The file is too large ({mb} MB); the limit is 64 MB."),
            (Lang::En, ImportError::Truncated) => "The file is incomplete (perhaps cut off while downloading or copying); ask for the file again.".to_string(),
            (Lang::En, ImportError::Corrupt(d)) => format!("The file is damaged and cannot be read: {d}"),
            (Lang::En, ImportError::OverLimit(d)) => format!("Cannot import: {d}"),
            (Lang::En, ImportError::NewerFormat(v)) => format!("The file was exported by a newer version of Rectify (file format {v}); update this app before importing it."),
        }
    }

    pub fn store_error(&self, e: &StoreError) -> String {
        match (self.lang, e) {
            (Lang::Zh, e) => e.to_string(),
            (Lang::En, StoreError::QuotaExceeded) => "The browser's storage is full; the latest changes were not saved in this browser. The ledger is still on this page: “Export” it to a file now, then delete ledgers you no longer need to make room.".to_string(),
            (Lang::En, StoreError::Unavailable) => "The browser does not let this page use local storage (private mode or a browser setting); changes are not saved in this browser. Use “Export” to save them to a file.".to_string(),
            (Lang::En, StoreError::Corrupt(d)) => format!("The ledger saved in this browser is damaged and cannot be opened: {d}"),
            (Lang::En, StoreError::NotFound) => "This browser does not have this ledger.".to_string(),
            (Lang::En, StoreError::LargeUnavailable) => "This ledger is kept in this browser's IndexedDB, but IndexedDB did not open this time (blocked by a browser setting, or too slow to open). The ledger is not lost: reload the page and try again.".to_string(),
        }
    }

    /// An operation's failure. A value a person typed that a field refused
    /// ([`DocError::Invalid`]) keeps the core's (Chinese) explanation.
    pub fn doc_error(&self, e: &DocError) -> String {
        match (self.lang, e) {
            (Lang::Zh, e) => e.to_string(),
            (Lang::En, DocError::ReadOnly) => "This ledger was created by a newer version of Rectify and can only be viewed, not changed".to_string(),
            (Lang::En, DocError::NotFound(_)) => "Not found (perhaps someone else deleted it)".to_string(),
            (Lang::En, DocError::Unreadable(d)) => format!("The ledger's content cannot be read: {d}"),
            (Lang::En, DocError::Invalid(why)) => why.clone(),
            (Lang::En, DocError::OtherLedger) => "This is not the same ledger; it cannot be merged".to_string(),
        }
    }

    pub fn reminder(&self, r: &Reminder) -> String {
        match (self.lang, r) {
            (Lang::Zh, r) => r.message(),
            (Lang::En, Reminder::ManyChanges(n)) => format!("Since the last export, {n} changes to this ledger exist only in this browser. Click “Export a backup” to save the ledger to a file (on a USB stick, a network drive or sent to a colleague) in case the browser's data is cleared or the computer breaks."),
            (Lang::En, Reminder::NotPersistent(n)) => format!("This browser did not promise to keep its data (it may be deleted when the disk is full or browsing data is cleared), and {n} changes to this ledger are not exported. Click “Export a backup” to save the ledger to a file."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_chinese_and_english() {
        let zh = ZH.entries();
        let en = EN.entries();
        assert_eq!(zh.len(), en.len());
        for ((key, z), (_, e)) in zh.iter().zip(&en) {
            assert!(!z.trim().is_empty(), "{key}: no Chinese");
            assert!(!e.trim().is_empty(), "{key}: no English");
            // English has no Han characters except where it quotes a Chinese title
            if *key != "bulletin_import_intro" {
                assert!(
                    !e.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{key}: Chinese in the English text: {e}"
                );
            }
        }
    }

    #[test]
    fn chinese_is_what_the_ui_showed_before() {
        assert_eq!(ZH.tab_checklist, "台账");
        // the same as public/index.html's <title>, which shows before the app starts
        assert_eq!(ZH.page_title, "整改台账 · Rectify");
        assert_eq!(ZH.tab_progress, "进度");
        assert_eq!(ZH.add_problem, "添加问题");
        assert_eq!(ZH.export, "导出");
        assert_eq!(ZH.import_file, "导入台账文件");
        assert_eq!(ZH.fig_rate, "完成率");
        assert_eq!(
            ZH.warnings_heading(0, 0),
            "红灯、黄灯问题（红灯 0 个，黄灯 0 个）"
        );
        assert_eq!(ZH.category_number(3), "（三）");
        assert_eq!(ZH.status(&Status::Ongoing), "长期坚持");
        assert_eq!(ZH.short_field(ProblemField::Owner), "责任人");
        assert_eq!(ZH.light(Light::Red), "红灯");
        assert_eq!(
            ZH.reminder(&Reminder::ManyChanges(3)),
            Reminder::ManyChanges(3).message()
        );
        assert_eq!(
            ZH.import_error(&ImportError::NotALedgerFile),
            ImportError::NotALedgerFile.to_string()
        );
        assert_eq!(ZH.days_left(-3), "逾期 3 天");
    }

    #[test]
    fn english_speaks_english() {
        assert_eq!(EN.tab_checklist, "Checklist");
        assert_eq!(EN.status(&Status::NotStarted), "Not started");
        assert_eq!(EN.text_field(ProblemText::Cause), "Cause");
        assert_eq!(EN.days_left(-1), "1 day overdue");
        assert_eq!(EN.days_left(0), "due today");
        assert_eq!(EN.days_left(5), "5 days left");
        assert_eq!(EN.month_day(6, 30), "06-30");
        assert!(EN
            .import_error(&ImportError::NotALedgerFile)
            .starts_with("This is not a Rectify ledger file"));
        assert_eq!(
            EN.group_name(rectify_core::ledger::progress::NO_DEPARTMENT),
            "No department"
        );
        assert_eq!(EN.group_name("党政办公室"), "党政办公室");
        // an unknown status code from a newer build is shown as it is, in both languages
        assert_eq!(EN.status(&Status::from_code("paused")), "paused");
    }

    #[test]
    fn languages_round_trip_through_their_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), lang);
        }
        assert_eq!(Lang::from_code(""), Lang::Zh);
        assert_eq!(Lang::from_code("fr"), Lang::Zh);
        assert_eq!(Lang::default(), Lang::Zh);
    }
}
