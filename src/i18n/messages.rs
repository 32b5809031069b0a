//! The core's errors in words: a ledger file refused, the browser store, an operation on the
//! document, the Web Worker's jobs, and the export reminder. The core hands over enums with
//! their data; the words, Chinese or English, are chosen only here.

use rectify_core::backup::Reminder;
use rectify_core::document::{Damage, DocError, LimitError, Thing, MAX_PROBLEMS};
use rectify_core::file::envelope::ImportError;
use rectify_core::jobs::JobError;
use rectify_core::store::StoreError;

use super::{Lang, Texts};

impl Texts {
    /// Why a ledger file is not imported.
    pub fn import_error(&self, e: &ImportError) -> String {
        match (self.lang, e) {
            (Lang::Zh, ImportError::Empty) => "文件是空的，没有可导入的内容。".to_string(),
            (Lang::Zh, ImportError::NotALedgerFile) => "这不是 Rectify 台账文件（台账文件以 .rectify 结尾，由本应用“导出”生成）。".to_string(),
            (Lang::Zh, ImportError::TooLarge(mb)) => format!("文件太大（{mb} MB），超过 64 MB 的上限。"),
            (Lang::Zh, ImportError::Truncated) => "文件不完整（可能在下载或复制时中断），请向对方重新索取文件。".to_string(),
            (Lang::Zh, ImportError::Corrupt(d)) => format!("文件已损坏，无法读取：{}", self.damage(d)),
            (Lang::Zh, ImportError::OverLimit(l)) => format!("无法导入：{}", self.limit_error(l)),
            (Lang::Zh, ImportError::NewerFormat(v)) => format!("文件由更新版本的 Rectify 导出（文件格式 {v}），请先更新本应用再导入。"),
            (Lang::En, ImportError::Empty) => "The file is empty; there is nothing to import.".to_string(),
            (Lang::En, ImportError::NotALedgerFile) => "This is not a Rectify ledger file (ledger files end in .rectify and are made by this app's “Export”).".to_string(),
            (Lang::En, ImportError::TooLarge(mb)) => format!("The file is too large ({mb} MB); the limit is 64 MB."),
            (Lang::En, ImportError::Truncated) => "The file is incomplete (perhaps cut off while downloading or copying); ask for the file again.".to_string(),
            (Lang::En, ImportError::Corrupt(d)) => format!("The file is damaged and cannot be read: {}", self.damage(d)),
            (Lang::En, ImportError::OverLimit(l)) => format!("Cannot import: {}", self.limit_error(l)),
            (Lang::En, ImportError::NewerFormat(v)) => format!("The file was exported by a newer version of Rectify (file format {v}); update this app before importing it."),
        }
    }

    /// A ledger file refused for a reason the page found (the worker reading it crashed or
    /// timed out), said as a damaged file is.
    pub fn file_damaged(&self, why: &str) -> String {
        match self.lang {
            Lang::Zh => format!("文件已损坏，无法读取：{why}"),
            Lang::En => format!("The file is damaged and cannot be read: {why}"),
        }
    }

    /// How stored or received bytes are damaged (the detail after "cannot be read: ").
    pub fn damage(&self, d: &Damage) -> String {
        let zh = self.lang == Lang::Zh;
        let pick = |zh_text: &str, en_text: &str| if zh { zh_text } else { en_text }.to_string();
        match d {
            Damage::NotALedger => pick(
                "内容的结构与台账不符",
                "its content does not have the shape of a ledger",
            ),
            Damage::Internal(e) if zh => format!("内部错误（{e}）"),
            Damage::Internal(e) => format!("internal error ({e})"),
            Damage::Checksum => pick(
                "数据校验失败，内容被改动或不完整",
                "the checksum failed: the content was changed or is incomplete",
            ),
            Damage::Encoding => pick("内容的编码无法解读", "its encoding cannot be decoded"),
            Damage::NoLedgerId => pick("缺少台账编号", "the ledger id is missing"),
            Damage::NoSchema => pick("缺少结构版本", "the schema version is missing"),
            Damage::IncompleteMerge => pick("合并数据不完整", "the merge data is incomplete"),
            Damage::PastVersion(e) if zh => format!("无法还原历史版本（{e}）"),
            Damage::PastVersion(e) => format!("a past version cannot be rebuilt ({e})"),
            Damage::HeaderTooLong => pick("文件头过长。", "the file header is too long."),
            Damage::HeaderUnreadable => pick("文件头无法识别。", "the file header cannot be read."),
            Damage::BadLedgerId => pick("台账编号无效。", "the ledger id is not valid."),
            Damage::TrailingBytes => pick(
                "文件末尾有多余内容。",
                "there is extra data at the end of the file.",
            ),
            Damage::HeaderOtherLedger => pick(
                "文件头与内容不是同一本台账。",
                "the header and the content are different ledgers.",
            ),
            Damage::HeaderOtherSchema => pick(
                "文件头与内容的结构版本不一致。",
                "the header and the content have different schema versions.",
            ),
            Damage::NotBase64 => pick("不是有效的编码", "it is not validly encoded"),
            Damage::BadChunk => pick(
                "一段增量数据无法识别",
                "a chunk of saved changes cannot be read",
            ),
            Damage::ReaderStopped => self.file_crashed_reader.to_string(),
            Damage::ReaderTimedOut => self.file_timed_out.to_string(),
        }
    }

    /// A size limit broken, with what to do.
    pub fn limit_error(&self, l: &LimitError) -> String {
        match (self.lang, l) {
            (Lang::Zh, LimitError::FieldTooLong { bytes }) => format!("内容太长（约 {} KB），一个字段最多 64 KB（约 2 万个汉字）。请删减后再填写，长篇材料请另存为附件。", bytes / 1024),
            (Lang::Zh, LimitError::TooManyProblems { problems }) => format!("问题太多（{problems} 个）：一本台账最多 {MAX_PROBLEMS} 个问题（含回收站）。请按年度或单位分成几本台账。"),
            (Lang::En, LimitError::FieldTooLong { bytes }) => format!("The text is too long (about {} KB): a field holds at most 64 KB (about 20,000 Chinese characters). Shorten it, and keep long material in an attachment.", bytes / 1024),
            (Lang::En, LimitError::TooManyProblems { problems }) => format!("Too many problems ({problems}): a ledger holds at most {MAX_PROBLEMS} problems (the trash included). Split it into several ledgers, by year or by unit."),
        }
    }

    pub fn store_error(&self, e: &StoreError) -> String {
        match (self.lang, e) {
            (Lang::Zh, StoreError::QuotaExceeded) => "浏览器存储空间已满，最近的修改没有保存到本机。台账仍在本页中，请立即“导出”保存为文件，再删除不用的台账以腾出空间。".to_string(),
            (Lang::Zh, StoreError::Unavailable) => "浏览器禁止本页使用本地存储（可能是隐私模式或浏览器设置），修改不会保存到本机。请用“导出”保存为文件。".to_string(),
            (Lang::Zh, StoreError::Corrupt(why)) => format!("本地保存的台账已损坏，无法打开：{}", self.import_error(why)),
            (Lang::Zh, StoreError::NotFound) => "本机没有这本台账。".to_string(),
            (Lang::Zh, StoreError::LargeUnavailable) => "这本台账保存在本浏览器的 IndexedDB 中，但这次 IndexedDB 没有打开（可能被浏览器设置阻止，或打开太慢）。台账没有丢失，请刷新页面再试。".to_string(),
            (Lang::En, StoreError::QuotaExceeded) => "The browser's storage is full; the latest changes were not saved in this browser. The ledger is still on this page: “Export” it to a file now, then delete ledgers you no longer need to make room.".to_string(),
            (Lang::En, StoreError::Unavailable) => "The browser does not let this page use local storage (private mode or a browser setting); changes are not saved in this browser. Use “Export” to save them to a file.".to_string(),
            (Lang::En, StoreError::Corrupt(why)) => format!("The ledger saved in this browser is damaged and cannot be opened: {}", self.import_error(why)),
            (Lang::En, StoreError::NotFound) => "This browser does not have this ledger.".to_string(),
            (Lang::En, StoreError::LargeUnavailable) => "This ledger is kept in this browser's IndexedDB, but IndexedDB did not open this time (blocked by a browser setting, or too slow to open). The ledger is not lost: reload the page and try again.".to_string(),
        }
    }

    /// An operation's failure, or a value a person typed that a field refused.
    pub fn doc_error(&self, e: &DocError) -> String {
        match (self.lang, e) {
            (_, DocError::OverLimit(l)) => self.limit_error(l),
            (_, DocError::NothingToAdd) => self.xlsx_error(&rectify_core::import::xlsx::XlsxImportError::NoProblems),
            (Lang::Zh, DocError::ReadOnly) => "此台账由更新版本的 Rectify 创建，只能查看，不能修改".to_string(),
            (Lang::Zh, DocError::NotFound(thing)) => format!("找不到{}（可能已被他人删除）", self.thing(*thing)),
            (Lang::Zh, DocError::Unreadable(d)) => format!("台账内容无法读取：{}", self.damage(d)),
            (Lang::Zh, DocError::BadWarnDays) => "预警天数应为 0 到 365 的整数".to_string(),
            (Lang::Zh, DocError::BadDate(v)) => format!("“{v}”不是有效日期，请写成 2024-06-30"),
            (Lang::Zh, DocError::OtherLedger) => "这不是同一本台账，不能合并".to_string(),
            (Lang::Zh, DocError::NotFinished) => "只有“已完成”或“长期坚持”的问题可以同意销号".to_string(),
            (Lang::Zh, DocError::NoReason) => "退回时请填写退回理由".to_string(),
            (Lang::En, DocError::ReadOnly) => "This ledger was created by a newer version of Rectify and can only be viewed, not changed".to_string(),
            (Lang::En, DocError::NotFound(thing)) => format!("{} not found (perhaps someone else deleted it)", self.thing(*thing)),
            (Lang::En, DocError::Unreadable(d)) => format!("The ledger's content cannot be read: {}", self.damage(d)),
            (Lang::En, DocError::BadWarnDays) => "Warning days must be a whole number from 0 to 365".to_string(),
            (Lang::En, DocError::BadDate(v)) => format!("“{v}” is not a valid date; write it as 2024-06-30"),
            (Lang::En, DocError::OtherLedger) => "This is not the same ledger; it cannot be merged".to_string(),
            (Lang::En, DocError::NotFinished) => "Only a problem that is Done or Kept up can be signed off".to_string(),
            (Lang::En, DocError::NoReason) => "Please give the reason for returning it".to_string(),
        }
    }

    /// What an operation looked for and did not find.
    fn thing(&self, thing: Thing) -> &'static str {
        match (self.lang, thing) {
            (Lang::Zh, Thing::Problem) => "问题",
            (Lang::Zh, Thing::Category) => "问题类别",
            (Lang::Zh, Thing::Rule) => "建章立制",
            (Lang::Zh, Thing::ProgressEntry) => "进展记录",
            (Lang::Zh, Thing::Change) => "修改记录",
            (Lang::En, Thing::Problem) => "The problem",
            (Lang::En, Thing::Category) => "The category",
            (Lang::En, Thing::Rule) => "The rule",
            (Lang::En, Thing::ProgressEntry) => "The progress entry",
            (Lang::En, Thing::Change) => "The change",
        }
    }

    /// Why a Web Worker job failed.
    pub fn job_error(&self, e: &JobError) -> String {
        match (self.lang, e) {
            (_, JobError::Xlsx(e)) => self.xlsx_error(e),
            (_, JobError::Bulletin(e)) => self.bulletin_error(e),
            (Lang::Zh, JobError::Export(d)) => format!("无法生成文件（{d}）。"),
            (Lang::Zh, JobError::IncompleteInput) => "后台处理模块收到的文件不完整，请重试。".to_string(),
            (Lang::Zh, JobError::UnknownJob(d)) => format!("后台处理模块无法识别这项工作（{d}），请刷新页面后重试。"),
            (Lang::Zh, JobError::UnknownAnswer(d)) => format!("后台处理模块的回答无法识别（{d}），请刷新页面后重试。"),
            (Lang::En, JobError::Export(d)) => format!("The file could not be made ({d})."),
            (Lang::En, JobError::IncompleteInput) => "The background worker received an incomplete file; please try again.".to_string(),
            (Lang::En, JobError::UnknownJob(d)) => format!("The background worker does not understand this job ({d}); reload the page and try again."),
            (Lang::En, JobError::UnknownAnswer(d)) => format!("The background worker's answer cannot be read ({d}); reload the page and try again."),
        }
    }

    pub fn reminder(&self, r: &Reminder) -> String {
        match (self.lang, r) {
            (Lang::Zh, Reminder::ManyChanges(n)) => format!("自上次导出以来，本台账已有 {n} 处修改只保存在本浏览器中。请点“导出备份”把台账存成文件（可存到U盘、网盘或发给同事），以防浏览器数据被清除或电脑损坏。"),
            (Lang::Zh, Reminder::NotPersistent(n)) => format!("本浏览器没有承诺长期保留本机数据（磁盘空间不足或清理浏览数据时可能被删除），本台账有 {n} 处修改尚未导出。请点“导出备份”把台账存成文件。"),
            (Lang::En, Reminder::ManyChanges(n)) => format!("Since the last export, {n} changes to this ledger exist only in this browser. Click “Export a backup” to save the ledger to a file (on a USB stick, a network drive or sent to a colleague) in case the browser's data is cleared or the computer breaks."),
            (Lang::En, Reminder::NotPersistent(n)) => format!("This browser did not promise to keep its data (it may be deleted when the disk is full or browsing data is cleared), and {n} changes to this ledger are not exported. Click “Export a backup” to save the ledger to a file."),
        }
    }
}
