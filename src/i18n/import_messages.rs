//! What the importers report, in words: why an Excel workbook or a bulletin text is refused,
//! the column mapping and skipped rows of 从 Excel 导入, the warnings and leftovers of
//! 从通报导入. The readers hand over enums with their data; the words are chosen only here.

use rectify_core::document::ProblemText;
use rectify_core::import::bulletin::{BulletinTextError, BulletinWarning, KeptIn, Marker, Role};
use rectify_core::import::xlsx::{
    ColumnNote, Field, SkipReason, SkippedRow, XlsxImportError, XlsxNote, MAX_ROWS,
};
use rectify_core::ledger::CountingBasis;

use super::{Lang, Texts};

impl Texts {
    /// Why a file is not read as a ledger workbook, with what to do instead.
    pub fn xlsx_error(&self, e: &XlsxImportError) -> String {
        use XlsxImportError as E;
        match (self.lang, e) {
            (Lang::Zh, E::OverLimit(l)) => format!("无法导入：{}", self.limit_error(l)),
            (Lang::En, E::OverLimit(l)) => format!("Cannot import: {}", self.limit_error(l)),
            (Lang::Zh, E::Empty) => "文件是空的（0 字节）。请选择保存了整改台账的 Excel 文件（.xlsx）。".to_string(),
            (Lang::Zh, E::TooLarge { bytes }) => format!("文件太大（约 {} MB），超过 10 MB 的上限。整改台账的 Excel 文件通常不到 1 MB，请检查是否选错了文件，或删去其中的图片后再试。", bytes / 1024 / 1024),
            (Lang::Zh, E::RectifyFile) => "这是 Rectify 的台账文件（.rectify），不是 Excel 文件。请用右上角的“导入”打开它。".to_string(),
            (Lang::Zh, E::OldExcel) => "这是旧版 Excel 文件（.xls，Excel 97–2003 格式），本程序只能读取 .xlsx。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。".to_string(),
            (Lang::Zh, E::WordDocument) => "这是 Word 文档（.docx），不是 Excel 文件。如果是整改通报，请用“从通报导入”；台账请选择 .xlsx 文件。".to_string(),
            (Lang::Zh, E::Presentation) => "这是 PowerPoint 演示文稿（.pptx），不是 Excel 文件。请选择 .xlsx 文件。".to_string(),
            (Lang::Zh, E::OpenDocument) => "这是 OpenDocument 表格（.ods）。请在 WPS、LibreOffice 或 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入。".to_string(),
            (Lang::Zh, E::Pdf) => "这是 PDF 文件，不是 Excel 文件。请选择 .xlsx 文件。".to_string(),
            (Lang::Zh, E::Image) => "这是图片文件，不是 Excel 文件。请选择 .xlsx 文件。".to_string(),
            (Lang::Zh, E::NotWorkbook) => "这是一个压缩包（.zip），但不是 Excel 工作簿。请选择 .xlsx 文件。".to_string(),
            (Lang::Zh, E::NotExcel) => "这不是 Excel 文件（.xlsx）：文件内容不是 Excel 工作簿的格式（可能是文本、CSV 或其他文件）。CSV 文件请在 Excel 或 WPS 中另存为 .xlsx 后再导入。".to_string(),
            (Lang::Zh, E::Corrupt(d)) => format!("Excel 文件不完整或已损坏，无法读取（{d}）。请在 Excel 或 WPS 中打开并重新保存后再试。"),
            (Lang::Zh, E::Unpacked) => "Excel 文件解压后过大（超过 200 MB），不像是整改台账，未导入。".to_string(),
            (Lang::Zh, E::TooManyRows { sheet, rows }) => format!("工作表“{sheet}”有 {rows} 行，超过 {MAX_ROWS} 行的上限。请只保留整改台账的内容后再导入。"),
            (Lang::Zh, E::NoHeader { sheets }) => format!("没有找到表头：在各工作表（{}）前 20 行中都没有“问题表现”（或“问题”“具体问题”“问题描述”）这样的列名。请确认表格有一行列名，如“序号、问题类别、问题表现、整改措施、责任部门、整改时限、整改状态”。", sheets.join("、")),
            (Lang::Zh, E::NoProblems) => "表中没有可导入的问题：每一行都没有问题表现。".to_string(),
            (Lang::En, E::Empty) => "The file is empty (0 bytes). Choose the Excel file (.xlsx) that holds the rectification ledger.".to_string(),
            (Lang::En, E::TooLarge { bytes }) => format!("The file is too large (about {} MB); the limit is 10 MB. A ledger's Excel file is usually under 1 MB: check that this is the right file, or delete its pictures and try again.", bytes / 1024 / 1024),
            (Lang::En, E::RectifyFile) => "This is a Rectify ledger file (.rectify), not an Excel file. Open it with “Import” at the top right.".to_string(),
            (Lang::En, E::OldExcel) => "This is an old Excel file (.xls, Excel 97–2003); only .xlsx can be read. Open it in Excel or WPS, “Save as” an Excel workbook (.xlsx), then import that.".to_string(),
            (Lang::En, E::WordDocument) => "This is a Word document (.docx), not an Excel file. For a rectification bulletin use “Import from a bulletin”; for a ledger choose an .xlsx file.".to_string(),
            (Lang::En, E::Presentation) => "This is a PowerPoint presentation (.pptx), not an Excel file. Choose an .xlsx file.".to_string(),
            (Lang::En, E::OpenDocument) => "This is an OpenDocument spreadsheet (.ods). “Save as” an Excel workbook (.xlsx) in WPS, LibreOffice or Excel, then import that.".to_string(),
            (Lang::En, E::Pdf) => "This is a PDF file, not an Excel file. Choose an .xlsx file.".to_string(),
            (Lang::En, E::Image) => "This is a picture, not an Excel file. Choose an .xlsx file.".to_string(),
            (Lang::En, E::NotWorkbook) => "This is a zip archive, but not an Excel workbook. Choose an .xlsx file.".to_string(),
            (Lang::En, E::NotExcel) => "This is not an Excel file (.xlsx): its content is not an Excel workbook (perhaps text, CSV or another file). Save a CSV file as .xlsx in Excel or WPS, then import that.".to_string(),
            (Lang::En, E::Corrupt(d)) => format!("The Excel file is incomplete or damaged and cannot be read ({d}). Open it in Excel or WPS, save it again and retry."),
            (Lang::En, E::Unpacked) => "The Excel file unpacks to more than 200 MB; that is not a rectification ledger, so it was not imported.".to_string(),
            (Lang::En, E::TooManyRows { sheet, rows }) => format!("The sheet “{sheet}” has {rows} rows, over the limit of {MAX_ROWS}. Keep only the ledger's rows and import again."),
            (Lang::En, E::NoHeader { sheets }) => format!("No header row found: none of the first 20 rows of the sheets ({}) has a column for the problem (named Problem, or one of its usual Chinese names). Check that the table has a row of column names, such as No., Category, Problem, Measures, Departments, Deadline, Status.", sheets.join(", ")),
            (Lang::En, E::NoProblems) => "There is nothing to import: no row has a problem description.".to_string(),
        }
    }

    /// Why a text is not read as a bulletin, with what to do instead.
    pub fn bulletin_error(&self, e: &BulletinTextError) -> String {
        use BulletinTextError as E;
        match (self.lang, e) {
            (_, E::OverLimit(l)) => self.limit_error(l),
            (Lang::Zh, E::Empty) => "文本是空的：请粘贴通报的文字，或选择一个保存了通报文字的 .txt 文件。".to_string(),
            (Lang::Zh, E::TooLarge { bytes }) => format!("文本太大（约 {} KB），超过 2 MB 的上限。通报的文字通常只有几十 KB，请检查是否选错了文件。", bytes / 1024),
            (Lang::Zh, E::NotUtf8) => "这份文字的编码无法识别。请用记事本或 WPS 打开它，“另存为”时把编码选为 UTF-8，再导入保存后的文件；也可以直接复制全文粘贴进来。".to_string(),
            (Lang::Zh, E::NotText) => "这不是文本文件，也不是 Word 文档（.docx）：可能是压缩包或其他程序的文件。请选择通报的 .txt 或 .docx 文件，或在 Word/WPS 中全选复制正文后粘贴进来。".to_string(),
            (Lang::Zh, E::Image) => "这是一张图片，其中的文字无法读取。请选择通报的 .txt 或 .docx 文件，或复制通报正文粘贴进来。".to_string(),
            (Lang::Zh, E::Pdf) => "这是 PDF 文件，无法直接读取。请打开 PDF，全选复制正文后粘贴进来；或选择通报的 Word（.docx）原稿。".to_string(),
            (Lang::Zh, E::OldOffice) => "这是旧版 Office 文件（.doc 或 .xls）。请在 Word/WPS 中“另存为” .docx（表格另存为 .xlsx）后再导入；也可以复制正文粘贴进来。".to_string(),
            (Lang::Zh, E::Workbook) => "这是 Excel 工作簿（.xlsx）。请用“从 Excel 导入”读取它；或在 Excel 中选中表格复制，粘贴到这里。".to_string(),
            (Lang::Zh, E::RectifyFile) => "这是整改台账文件（.rectify），不是通报。请用“导入台账文件”打开它。".to_string(),
            (Lang::Zh, E::Damaged(_)) => "这份 Word 文档已损坏，无法读取。请在 Word/WPS 中打开并重新保存为 .docx，或复制正文粘贴进来。".to_string(),
            (Lang::Zh, E::NoStructure) => "没有在文字中找到通报的结构：既没有“（一）……”这样的问题类别，也没有“1.……”这样编号的问题或“整改情况：”。请确认粘贴的是整改情况通报的正文。".to_string(),
            (Lang::En, E::Empty) => "The text is empty: paste the bulletin's text, or choose a .txt file that holds it.".to_string(),
            (Lang::En, E::TooLarge { bytes }) => format!("The text is too large (about {} KB); the limit is 2 MB. A bulletin's text is usually a few dozen KB: check that this is the right file.", bytes / 1024),
            (Lang::En, E::NotUtf8) => "The text's encoding is not recognised. Open it in Notepad or WPS, choose UTF-8 as the encoding when you “Save as”, and import the saved file; or copy the whole text and paste it here.".to_string(),
            (Lang::En, E::NotText) => "This is neither a text file nor a Word document (.docx): perhaps an archive or another program's file. Choose the bulletin's .txt or .docx file, or select and copy its text in Word/WPS and paste it here.".to_string(),
            (Lang::En, E::Image) => "This is an image; the text in it cannot be read. Choose the bulletin's .txt or .docx file, or copy its text and paste it here.".to_string(),
            (Lang::En, E::Pdf) => "This is a PDF file, which cannot be read directly. Open it, select and copy the text and paste it here; or choose the bulletin's Word (.docx) original.".to_string(),
            (Lang::En, E::OldOffice) => "This is an old Office file (.doc or .xls). Save it as .docx in Word/WPS (a table as .xlsx) and import that; or copy the text and paste it here.".to_string(),
            (Lang::En, E::Workbook) => "This is an Excel workbook (.xlsx). Read it with “Import from Excel”; or select the table in Excel, copy it and paste it here.".to_string(),
            (Lang::En, E::RectifyFile) => "This is a Rectify ledger file (.rectify), not a bulletin. Open it with “Import a ledger file”.".to_string(),
            (Lang::En, E::Damaged(_)) => "This Word document is damaged and cannot be read. Open it in Word/WPS and save it again as .docx, or copy the text and paste it here.".to_string(),
            (Lang::En, E::NoStructure) => "No bulletin structure was found in the text: no categories numbered with Chinese numerals in brackets, no numbered problems, no progress sections. Check that this is the text of a rectification bulletin.".to_string(),
        }
    }

    /// A column of the workbook as the preview names it: its field, or why it is not imported.
    pub fn column_target(&self, field: Option<Field>, note: Option<&ColumnNote>) -> String {
        match (field, note) {
            (Some(f), _) => self.field_name(f).to_string(),
            (None, note) => self.not_imported_column(&self.column_note(note)),
        }
    }

    fn column_note(&self, note: Option<&ColumnNote>) -> String {
        match (self.lang, note) {
            (Lang::Zh, None | Some(ColumnNote::UnknownHeader)) => "未识别的列名".to_string(),
            (Lang::Zh, Some(ColumnNote::Light)) => "预警灯由程序按整改时限计算".to_string(),
            (Lang::Zh, Some(ColumnNote::Duplicate { of })) => format!("与 {of} 列重复"),
            (Lang::En, None | Some(ColumnNote::UnknownHeader)) => "unknown column name".to_string(),
            (Lang::En, Some(ColumnNote::Light)) => {
                "the app computes the lights from the deadlines".to_string()
            }
            (Lang::En, Some(ColumnNote::Duplicate { of })) => format!("the same as column {of}"),
        }
    }

    /// A ledger column by name: the export's header in Chinese.
    pub fn field_name(&self, field: Field) -> &'static str {
        match (self.lang, field) {
            (Lang::Zh, f) => f.label(),
            (Lang::En, Field::Number) => "No.",
            (Lang::En, Field::Category) => "Category",
            (Lang::En, Field::Description) => "Problem",
            (Lang::En, Field::Cause) => "Cause",
            (Lang::En, Field::Measures) => "Measures",
            (Lang::En, Field::Lead) => "Leader in charge",
            (Lang::En, Field::Departments) => "Departments",
            (Lang::En, Field::Owner) => "Owner",
            (Lang::En, Field::Deadline) => "Deadline",
            (Lang::En, Field::CompletedOn) => "Completed on",
            (Lang::En, Field::Status) => "Status",
            (Lang::En, Field::Progress) => "Progress",
            (Lang::En, Field::Evidence) => "Evidence",
            (Lang::En, Field::Rules) => "Rules",
            (Lang::En, Field::Light) => "Warning light",
        }
    }

    /// "第 8 行：没有问题表现"
    pub fn skipped_row(&self, s: &SkippedRow) -> String {
        match (self.lang, s.reason) {
            (Lang::Zh, SkipReason::NoDescription) => format!("第 {} 行：没有问题表现", s.row),
            (Lang::En, SkipReason::NoDescription) => {
                format!("Row {}: no problem description", s.row)
            }
        }
    }

    /// A value read with an assumption.
    pub fn xlsx_note(&self, n: &XlsxNote) -> String {
        match (self.lang, n) {
            (Lang::Zh, XlsxNote::NotADate { row, field, text }) => format!(
                "第 {row} 行：{}“{text}”不是日期，已写在整改措施末尾",
                field.label()
            ),
            (Lang::Zh, XlsxNote::StatusAssumed { row, text, status }) => format!(
                "第 {row} 行：整改状态“{text}”按“{}”导入",
                self.status(status)
            ),
            (Lang::En, XlsxNote::NotADate { row, field, text }) => format!(
                "Row {row}: {} “{text}” is not a date; it was added to the end of the measures",
                self.field_name(*field)
            ),
            (Lang::En, XlsxNote::StatusAssumed { row, text, status }) => format!(
                "Row {row}: the status “{text}” was imported as “{}”",
                self.status(status)
            ),
        }
    }

    /// Something in a bulletin text to check after the import.
    pub fn bulletin_warning(&self, w: &BulletinWarning) -> String {
        use BulletinWarning as W;
        match (self.lang, w) {
            (Lang::Zh, W::PageNumbers(pages)) => format!("忽略了{}行页码：{}", pages.len(), pages.join("、")),
            (Lang::Zh, W::ProblemNumberGap { after, next }) => format!("问题编号不连续：{after}之后是{next}"),
            (Lang::Zh, W::CategoryNumberGap { after, next }) => format!("类别编号不连续：第{after}类之后是（{next}）"),
            (Lang::Zh, W::CategoryWithoutProblems { category, field }) => format!("类别“{category}”下没有编号的问题，把它的{}记在一个同名的问题下", self.bulletin_field(*field)),
            (Lang::Zh, W::NoProgress { number }) => format!("第{number}项问题没有找到整改情况"),
            (Lang::Zh, W::ProblemCountDiffers { stated, categories, problems }) => format!("通报写明问题{stated}个，识别出类别{categories}个、具体问题{problems}个"),
            (Lang::Zh, W::DoneCountDiffers { stated, basis, found }) => format!("通报写明已整改完毕事项{stated}个，按整改情况识别出已完成的{}{found}个", match basis { CountingBasis::Category => "类别", CountingBasis::Problem => "问题" }),
            (Lang::Zh, W::RuleCountDiffers { stated, counted, candidates }) => format!("通报写明整改建章立制{stated}项，识别出制度{counted}项（另有{candidates}项待确认）"),
            (Lang::En, W::PageNumbers(pages)) => format!("{} page number lines were left out: {}", pages.len(), pages.join(", ")),
            (Lang::En, W::ProblemNumberGap { after, next }) => format!("Problem numbers skip: {next} follows {after}"),
            (Lang::En, W::CategoryNumberGap { after, next }) => format!("Category numbers skip: ({next}) follows category {after}"),
            (Lang::En, W::CategoryWithoutProblems { category, field }) => format!("The category “{category}” has no numbered problem; its {} was kept in a problem of the same name", self.bulletin_field(*field).to_lowercase()),
            (Lang::En, W::NoProgress { number }) => format!("No progress text found for problem {number}"),
            (Lang::En, W::ProblemCountDiffers { stated, categories, problems }) => format!("The bulletin states {stated} problems; {categories} categories and {problems} problems were found"),
            (Lang::En, W::DoneCountDiffers { stated, basis, found }) => format!("The bulletin states {stated} finished; {found} finished {} were found from the progress texts", match basis { CountingBasis::Category => "categories", CountingBasis::Problem => "problems" }),
            (Lang::En, W::RuleCountDiffers { stated, counted, candidates }) => format!("The bulletin states {stated} rules; {counted} rules were found ({candidates} more to confirm)"),
            (Lang::Zh, W::CategoryCountDiffers { stated, found }) => format!("通报写明{stated}个方面，识别出类别{found}个"),
            (Lang::En, W::CategoryCountDiffers { stated, found }) => format!("The bulletin states {stated} areas; {found} categories were found"),
            (Lang::Zh, W::RoleTie { levels }) => format!("哪一级编号是问题，证据相当：{}。请在下面为各级编号选定角色", self.markers(levels)),
            (Lang::En, W::RoleTie { levels }) => format!("The evidence is even on which numbering level holds the problems: {}. Choose each level’s role below", self.markers(levels)),
            (Lang::Zh, W::StatusesToReview(numbers)) => format!("第{}项问题的整改状态请核对：整改情况的说法前后不一或没有说明", join_numbers(numbers, "、")),
            (Lang::En, W::StatusesToReview(numbers)) => format!("Check the status of problem {}: its progress text says different things, or nothing", join_numbers(numbers, ", ")),
        }
    }

    fn markers(&self, levels: &[Marker]) -> String {
        let sep = if self.lang == Lang::Zh { "、" } else { ", " };
        levels
            .iter()
            .map(|m| self.marker(*m))
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// A numbering level as the preview names it.
    pub fn marker(&self, m: Marker) -> &'static str {
        match (self.lang, m) {
            (Lang::Zh, Marker::CnComma) => "一、",
            (Lang::Zh, Marker::CnParen) => "（一）",
            (Lang::Zh, Marker::Article) => "第一条",
            (_, Marker::Digit) => "1.",
            (_, Marker::DigitParen) => "(1)",
            (_, Marker::DigitHalfParen) => "1)",
            (_, Marker::Circled) => "①",
            (Lang::En, Marker::CnComma) => "Chinese numeral with comma",
            (Lang::En, Marker::CnParen) => "(Chinese numeral)",
            (Lang::En, Marker::Article) => "Article N",
        }
    }

    /// A numbering level's role, as the preview's select offers it.
    pub fn role(&self, r: Role) -> &'static str {
        match (self.lang, r) {
            (Lang::Zh, Role::Category) => "类别",
            (Lang::Zh, Role::Problem) => "问题",
            (Lang::Zh, Role::Part) => "问题的一部分",
            (Lang::Zh, Role::Narrative) => "叙述段落",
            (Lang::En, Role::Category) => "Category",
            (Lang::En, Role::Problem) => "Problem",
            (Lang::En, Role::Part) => "Part of a problem",
            (Lang::En, Role::Narrative) => "Narrative",
        }
    }

    /// Where a passage the bulletin reader could not place was kept.
    pub fn kept_in(&self, k: &KeptIn) -> String {
        match (self.lang, k) {
            (Lang::Zh, KeptIn::Opening) => "开头段落".to_string(),
            (Lang::Zh, KeptIn::Deployment) => "第一部分（整改部署）".to_string(),
            (Lang::Zh, KeptIn::NextSteps) => "第三部分（下一步工作）".to_string(),
            (Lang::Zh, KeptIn::CategoryTitle(n)) => format!("第{n}类问题的标题"),
            (Lang::Zh, KeptIn::Problem { number, field }) => {
                format!("第{number}项问题的{}", self.bulletin_field(*field))
            }
            (Lang::Zh, KeptIn::Contact) => "联系方式".to_string(),
            (Lang::En, KeptIn::Opening) => "The opening paragraphs".to_string(),
            (Lang::En, KeptIn::Deployment) => "Part one (the deployment)".to_string(),
            (Lang::En, KeptIn::NextSteps) => "Part three (the next steps)".to_string(),
            (Lang::En, KeptIn::CategoryTitle(n)) => format!("The title of category {n}"),
            (Lang::En, KeptIn::Problem { number, field }) => {
                format!("{} of problem {number}", self.bulletin_field(*field))
            }
            (Lang::En, KeptIn::Contact) => "The contact details".to_string(),
        }
    }

    /// A problem's text field as the bulletin reader names it (问题描述 for the problem).
    fn bulletin_field(&self, field: ProblemText) -> &'static str {
        match (self.lang, field) {
            (Lang::Zh, ProblemText::Description) => "问题描述",
            _ => self.text_field(field),
        }
    }
}

fn join_numbers(numbers: &[usize], sep: &str) -> String {
    numbers
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}
