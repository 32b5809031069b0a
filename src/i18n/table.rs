//! The table of the UI's fixed strings: one entry per key, Chinese then English.

use super::Lang;

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
    guide_loading: "正在打开使用说明……", "Opening the guide…";
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
    no_matching_problems: "无符合条件的问题。", "No problem matches.";
    clear_filters: "清除筛选", "Clear the filters";
    show_trash: "查看回收站", "Show the bin";
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
    departments_placeholder: "多个部门用“、”分隔", "Separate several departments with commas";
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

    // 通报 (ui/bulletin.rs)
    bulletin_counts_label: "通报中的统计数", "The bulletin's figures";
    counts_by_history: "统计数按截至日期当天的台账（按修改记录）", "Take the figures from the ledger as it stood on the as-of date (rebuilt from the history)";
    counts_source: "统计数来源", "Where the figures come from";
    counts_no_as_of: "未填统计截至日期，统计数按当前台账计算。", "No as-of date is set; the figures are taken from the current ledger.";
    counts_current: "统计数按当前台账计算。", "The figures are taken from the current ledger.";
    print_or_pdf: "打印 / 存为 PDF", "Print / save as PDF";
    download_docx: "下载 Word（.docx）", "Download Word (.docx)";
    download_full_txt: "下载全文（.txt）", "Download the text (.txt)";
    edit_bulletin_texts: "修改标题、正文段落和署名", "Edit the title, paragraphs and signature";
    counts_sentence_added: "开头段落里没有找到写统计数字的位置，已在开头段落末尾补上统计句。可在“台账信息”中修改开头段落。", "The opening paragraph had no place for the figures, so a sentence with them was added at its end. You can edit the opening paragraph in “Ledger info”.";
    bulletin_preview: "通报预览", "Bulletin preview";

    // 建章立制 (ui/rules.rs)
    rules_hint: "从通报导入时，整改情况中提到的《…》都会列为待确认：工作方案、计划不是制度，同一制度换了说法的也只算一项。请逐项确认后再计入通报。", "When importing a bulletin, every title in angle brackets named in the progress is listed as to be confirmed: work plans are not rules, and one rule named two ways counts once. Confirm each before it counts in the bulletin.";
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
    bulletin_import_intro: "把已有的整改通报（如“…巡察反馈意见集中整改进展情况的通报”）粘贴到下面，或选择 UTF-8 编码的 .txt 文件。", "Paste an existing rectification bulletin (a report on the progress of rectifying an inspection's feedback) below, or pick a UTF-8 .txt file.";
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
    colon: "：", ": ";
    nothing_left_over: "全文都已归入相应栏目，没有遗留文字。", "All of the text was placed; nothing is left over.";
    outline_found: "识别出的结构", "Structure found";
    evidence_even: "（证据相当，请选定）", "(even evidence: choose)";
    to_review: " 请核对", " to check";
    stated_kept_note: "原文统计（台账无法重算，保留原句）：", "As stated in the text (the ledger cannot recompute it, the sentence is kept): ";
    figures_differ: "通报原文的数字与台账不一致：", "The figures the text states differ from the ledger: ";

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
